import { normalisePhone, type PhoneResult } from "../domain";

/*
 * Phone cells. The domain's normalisePhone reads them at sheet speed: a fast path over the bundled
 * metadata's compiled patterns for digits and separators, libphonenumber-js (memoised) for the rest;
 * test/domain/phone.test.ts checks it against the library. What is Excel's own is here: separators
 * are dropped before the library's memo (they do not change what it reads, so "070-123 45 67" and
 * "0701234567" share one entry), and numbers that lost their leading zero are restored.
 */

const SEPARATORS = /[ \-.()/+]/g;

/** The digits of "070-123 45 67", "(070) 123.45.67" or "+46 70 ..."; null if it holds anything else. */
function digitsOf(text: string): string | null {
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || (c === 43 && i === 0))
      plain = false;
    else return null;
  }
  // One replace builds the result in one allocation; appending digit by digit would copy it each time.
  return plain ? text : text.replace(SEPARATORS, "");
}

const countryOf = (country: string | null | undefined) =>
  country && country.length === 2 ? country.toUpperCase() : null;

/** A phone cell's text (cleaned, not blank) in E.164, with the row's country for national numbers. */
export function parsePhoneText(text: string, country: string | null | undefined): PhoneResult {
  const cc = countryOf(country);
  const digits = digitsOf(text);
  if (digits === null || digits.length === 0) return normalisePhone(text, cc);
  // The library refuses text longer than 250 characters whatever it holds: it must see the text.
  if (text.length > 250) return normalisePhone(text, cc);
  return normalisePhone(text.charCodeAt(0) === 43 ? `+${digits}` : digits, cc);
}

/**
 * A phone stored as a number: Excel dropped its leading zero (701234567 for 070-123 45 67), which
 * the national reading restores; a number that still carries its calling code (46701234567) is
 * read as international when the national reading fails.
 */
export function parsePhoneNumberCell(n: number, country: string | null | undefined): PhoneResult {
  if (!Number.isSafeInteger(n) || n <= 0) return normalisePhone(String(n), countryOf(country));
  const digits = String(n);
  const national = parsePhoneText(digits, country);
  if (national.ok) return national;
  const asInternational = parsePhoneText(`+${digits}`, country);
  return asInternational.ok ? asInternational : national;
}
