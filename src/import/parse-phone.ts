import { normalisePhone, type PhoneResult } from "../domain";
import { countryPlanOf, isValidIn, plansByCallingCode, plansByCountry, type Plan } from "./phone-plans";

/**
 * Phone numbers at sheet speed. libphonenumber-js (behind the domain's normalisePhone) reads about
 * 100,000-150,000 numbers a second here, and a sheet of 100,000 rows holds as many phones. Most
 * phones are digits and separators; for those this fast path repeats the library's own steps
 * (national prefix, country among those sharing a calling code, validity under the bundled "min"
 * metadata) with regexes compiled once, and ACCEPTS only clear cases. Anything else (letters,
 * extensions, prefixes that rewrite digits, numbers it finds invalid) goes to the library, which
 * gives the reason. test/import/parse-phone.test.ts checks agreement with the library on random numbers.
 */

const valid = (plan: Plan, nsn: string) => plan.lengths.has(nsn.length) && isValidIn(plan, nsn);

/** E.164 from a national significant number read under `plan` (the input or main country). */
function fromNational(plan: Plan, nsn: string): string | null {
  const shared = plansByCallingCode.get(plan.callingCode);
  if (!shared) return null;
  const country = countryPlanOf(shared, nsn, plan);
  return valid(country, nsn) ? `+${plan.callingCode}${nsn}` : null;
}

/** The library's national-prefix step, for plans where it only strips: null = not sure, ask the library. */
function nationalNumberOf(plan: Plan, digits: string): string | null {
  const m = plan.prefix?.exec(digits);
  if (!m || m[0] === "") return digits;
  if (!plan.simplePrefix) return null;
  const after = digits.slice(m[0].length);
  // The library keeps the prefix when only the unstripped digits fit the pattern: leave that to it.
  return plan.pattern.test(digits) || !plan.lengths.has(after.length) ? null : after;
}

function fastE164(digits: string, international: boolean, country: string | null): string | null {
  if (international) {
    for (let n = 1; n <= 3 && n < digits.length; n++) {
      const plans = plansByCallingCode.get(digits.slice(0, n));
      if (!plans) continue;
      const nsn = nationalNumberOf(plans[0]!, digits.slice(n));
      return nsn === null ? null : fromNational(plans[0]!, nsn);
    }
    return null;
  }
  const plan = country ? plansByCountry.get(country) : undefined;
  // Digits that start with an international prefix or the calling code may be read as international.
  if (!plan || plan.idd.test(digits) || digits.startsWith(plan.callingCode)) return null;
  const nsn = nationalNumberOf(plan, digits);
  return nsn === null ? null : fromNational(plan, nsn);
}

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
  const international = text.charCodeAt(0) === 43;
  const fast = fastE164(digits, international, cc);
  if (fast) return { ok: true, e164: fast };
  // Separators do not change what the library reads, so its memo is keyed on the digits alone.
  return normalisePhone(international ? `+${digits}` : digits, cc);
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
