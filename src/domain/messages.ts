/**
 * Every user-facing sentence of the product, in one place so it can be reviewed and translated.
 * The first five are the vendor help articles' own words and must not change.
 */
let longDates: Intl.DateTimeFormat | undefined;
/** An ISO day as a user reads it, with no day/month order to misread: "3 April 2026". */
export function longDate(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) return iso;
  longDates ??= new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return longDates.format(t);
}

export const messages = {
  clientNameRequired: "Client name is required.",
  emailOrPhoneRequired: "Email address or phone number is required.",
  invalidEmail: "Invalid email format.",
  invalidOpeningBalance: "Invalid opening balance value.",
  invalidOpeningBalanceDate: "Invalid opening balance date.",
  /**
   * The seeds' two opening-balance messages, each followed by a second sentence that says what is
   * wrong and what is allowed (the seed sentence stays first and verbatim).
   */
  openingBalance: {
    notPositive: "Invalid opening balance value. Enter an amount greater than 0, such as 1500 or 1500.50.",
    dateMissing:
      "Invalid opening balance date. An opening balance needs the date it applies from: fill in Opening balance date.",
    dateUnreadable: "Invalid opening balance date. Enter a real date, such as 2026-03-31.",
    dateClosed: (through: string) =>
      `Invalid opening balance date. It falls in a closed financial period (through ${through}): use a later date.`,
  },

  required: (label: string) => `${label} is required.`,
  requiredForMultiLocation: (label: string) => `${label} is required for multi-location companies.`,
  tooLong: (label: string, max: number) => `${label} is longer than ${max} characters.`,
  notInList: (label: string, value: string) => `"${value}" is not a valid ${label}: pick one from the list.`,
  invalidNumber: (label: string) => `${label} must be a number.`,
  negativeNumber: (label: string) => `${label} cannot be negative.`,
  invalidDate: (label: string) => `${label} is not a valid date.`,
  ambiguousDate: (label: string, text: string, dayFirst: string, monthFirst: string, chosen: string) =>
    `${label} "${text}" could be ${longDate(dayFirst)} (day first) or ${longDate(monthFirst)} (month first); it will be imported as ${longDate(chosen)}. To change it, choose the column's date order on the Map step.`,
  twoDigitYear: (label: string, text: string, iso: string) =>
    `${label} "${text}" has a two-digit year and was read as ${iso}: check it, or type the year in full.`,
  ambiguousNumber: (label: string, text: string, dotDecimal: number, commaDecimal: number) =>
    `${label} "${text}" could be ${dotDecimal} or ${commaDecimal}: choose the column's decimal separator on the Map step.`,
  normalised: (from: string, to: string) => `${from} → ${to}`,
  invalidYesNo: (label: string) => `${label} must be Yes or No.`,
  invalidUrl: (label: string) => `${label} is not a valid web address.`,
  invalidPhone: (label: string, reason: string) => `${label} is not a valid phone number (${reason}).`,
  phoneWithOwnersCountry: (label: string, owner: string) =>
    `${label} has no country code: the CRM will read it with the Country of this row's ${owner} (add +code to be sure).`,
  phoneReasons: {
    tooShort: "too short",
    tooLong: "too long",
    noCountry: "add the country code, e.g. +46, or fill in Country",
    invalidCountry: "unknown country code",
    notANumber: "not a phone number",
    invalid: "not valid for its country",
  },
  formulaText: (label: string) => `${label} starts with "=" and is kept as text, not run as a formula.`,
  /** A headquarters checked against the Customers rows (the sheet's, the import's) and the CRM. */
  referenceUnresolved: (label: string, value: string) =>
    `${label} "${value}" matches no customer in this workbook or in the CRM.`,
  /**
   * A contact's, site's or equipment's customer: only the CRM is asked (the Customers sheet is not
   * read), so a customer still waiting on that sheet is named as the likely reason.
   */
  referenceNotInCrm: (label: string, value: string) =>
    `${label} "${value}" matches no customer in the CRM: check the name, or import the Customers sheet first if it is there.`,
  referenceAmbiguous: (label: string, value: string, count: number) =>
    `${label} "${value}" matches ${count} customers: use the CRM ID or customer number.`,
  /** Equipment: its warranty cannot run out before it was installed. */
  warrantyBeforeInstall: (expiry: string, install: string) =>
    `Warranty expiry ${expiry} is before the install date ${install}: check both dates.`,
  /** Equipment's Site: one of the row's customer's sites, by CRM ID or site name. */
  site: {
    unresolved: (value: string) =>
      `Site "${value}" matches no site of this row's customer in the CRM: check the name, or import the Sites sheet first.`,
    ambiguous: (value: string, count: number) =>
      `Site "${value}" matches ${count} sites of this row's customer: use the site's CRM ID.`,
    otherCustomer: (value: string) =>
      `Site "${value}" belongs to another customer, not to this row's Customer: pick one of the customer's own sites.`,
  },
  duplicateInFile: (keys: string, row: number) => `Same ${keys} as row ${row}.`,
  /** Why a later row of an in-file duplicate group is not sent: the row that is, or that it went into. */
  duplicateImportedInstead: (row: number) => `row ${row} of the same group is imported instead`,
  duplicateMergedInto: (row: number) => `merged into row ${row}`,
  matchesSeveral: (count: number, sheetNoun: string) => `matches ${count} existing ${sheetNoun}`,
  /** Why a row was skipped: the record it matched and the match key that found it. */
  matchesExisting: (noun: string, who: string, on: string) => `matches ${noun} ${who} on ${on}`,
  linkedRowNotImported: (label: string, ref: string) =>
    `${label}: row ${ref} of this import, which it names, was not imported (see that row's status).`,
  staleVersion: "Changed in the CRM since you downloaded it: download again, then re-apply your edit.",
  notFound: (noun: string) => `This ${noun} no longer exists in the CRM.`,
  unknownField: (key: string) => `Unknown field "${key}".`,
  moreErrors: (count: number) => `And ${count} more problems in this row.`,

  // The CRM client (src/client): what a user reads when talking to the CRM goes wrong.
  crm: {
    tokenRefused: "Your CRM token was refused: sign in again.",
    signInEnded: "Your CRM sign-in has ended (expired, or signed out elsewhere): sign in again.",
    signInRefused: (detail: string) => `The CRM refused the sign-in: ${detail}`,
    forbidden: "Your CRM account may not do this: ask an administrator for the importer role.",
    notFound: "The CRM does not know this item: it may have been deleted.",
    refused: (detail: string) => `The CRM refused the request: ${detail}`,
    rateLimited: (seconds: number) =>
      `The CRM is busy (too many requests): try again in ${
        seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.max(1, Math.ceil(seconds))} seconds`
      }.`,
    serverError: "The CRM had a problem on its side: try again in a few minutes.",
    unreachable: "Cannot reach the CRM: check your internet connection and the CRM address, then try again.",
    timedOut: "The CRM took too long to answer: try again in a few minutes.",
    unexpectedAnswer:
      "The CRM answered something unexpected: check the CRM address, or ask your administrator.",
    cancelled: "Cancelled.",
    invalidRequest: (detail: string) => `This cannot be sent to the CRM: ${detail}`,
    batchFailed: (reason: string) => `Not imported: ${reason}`,
    batchUnconfirmed: (reason: string) =>
      `Not confirmed by the CRM, so it may or may not be saved: ${reason}`,
    notSent: "Not sent: the import was cancelled before this row.",
  },
} as const;
