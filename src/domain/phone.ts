import { parsePhoneNumberWithError, ParseError, type CountryCode } from "libphonenumber-js";
import { messages } from "./messages";
import { countryPlanOf, isValidIn, plansByCallingCode, plansByCountry, type Plan } from "./phone-plans";

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const cache = new Map<string, PhoneResult>();
const CACHE_LIMIT = 100_000;

const reasons: Record<string, string> = {
  TOO_SHORT: messages.phoneReasons.tooShort,
  TOO_LONG: messages.phoneReasons.tooLong,
  INVALID_COUNTRY: messages.phoneReasons.noCountry,
  NOT_A_NUMBER: messages.phoneReasons.notANumber,
  INVALID_LENGTH: messages.phoneReasons.invalid,
};

/** Two ASCII letters, upper-cased (what /^[A-Za-z]{2}$/ accepts); undefined for anything else. */
function countryCodeOf(country: string | null | undefined): string | undefined {
  if (!country || country.length !== 2) return undefined;
  const a = country.charCodeAt(0);
  const b = country.charCodeAt(1);
  if (a >= 65 && a <= 90 && b >= 65 && b <= 90) return country;
  const la = a | 32;
  const lb = b | 32;
  return la >= 97 && la <= 122 && lb >= 97 && lb <= 122 ? country.toUpperCase() : undefined;
}

/**
 * A phone number in E.164 form, read with the row's country when it has no +code. Without a
 * country, a leading 00 is read as the international prefix (ITU-T E.164 Annex A's recommended
 * one, used by most countries): `0046 70 123 45 67` is `+46701234567`. With a country, the
 * library reads that country's own international prefix.
 * Most phones are digits and separators: those go through a fast path over the library's own
 * numbering plans (below), which answers only when it is sure to agree with the library. The rest
 * go to libphonenumber-js, memoised: real sheets repeat numbers (switchboards, duplicates), and
 * parsing is the costliest step of validation.
 */
export function normalisePhone(text: string, country: string | null | undefined): PhoneResult {
  const cc = countryCodeOf(country);
  if (!cc && text.startsWith("00")) return normalisePhone(`+${text.slice(2)}`, country);
  if (text.length <= MAX_INPUT_LENGTH && knownToLibrary(cc)) {
    const international = text.charCodeAt(0) === 43;
    const digits = phoneDigits(text, international);
    const fast = digits ? fastE164(digits, international, cc) : null;
    if (fast !== null) return { ok: true, e164: fast };
  }
  return memoised(text, cc);
}

/**
 * normalisePhone for a phone already reduced to its digits (phoneDigits), "+" in front when
 * `international`: the separators do not change what the library reads, so its memo is keyed on
 * the digits alone. For the add-in's cells; the text must have been at most 250 characters.
 */
export function normalisePhoneDigits(
  digits: string,
  international: boolean,
  country: string | null | undefined,
): PhoneResult {
  const cc = countryCodeOf(country);
  if (!cc && !international && digits.startsWith("00"))
    return normalisePhoneDigits(digits.slice(2), true, country);
  const fast = knownToLibrary(cc) ? fastE164(digits, international, cc) : null;
  if (fast !== null) return { ok: true, e164: fast };
  return memoised(international ? `+${digits}` : digits, cc);
}

function memoised(text: string, cc: string | undefined): PhoneResult {
  const key = `${cc ?? ""}|${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = parse(text, cc);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function parse(text: string, cc: string | undefined): PhoneResult {
  try {
    const n = parsePhoneNumberWithError(text, cc ? { defaultCountry: cc as CountryCode } : undefined);
    if (!n.isValid()) return { ok: false, reason: messages.phoneReasons.invalid };
    return { ok: true, e164: n.number };
  } catch (e) {
    if (e instanceof ParseError)
      return { ok: false, reason: reasons[e.message] ?? messages.phoneReasons.invalid };
    return { ok: false, reason: messages.phoneReasons.invalid };
  }
}

/*
 * The fast path. libphonenumber-js reads about 100,000-150,000 numbers a second here (it compiles a
 * RegExp per pattern test), and a sheet or an import of 100,000 rows holds as many phones. For
 * digits and separators this repeats the library's own steps (national prefix, country among those
 * sharing a calling code, validity under the bundled "min" metadata, phone-plans.ts) with regexes
 * compiled once, and ACCEPTS only clear cases. Anything else (letters, extensions, prefixes that
 * rewrite digits, numbers it finds invalid, a country the library does not know, text longer than
 * the library reads) goes to the library, which gives the reason. test/domain/phone.test.ts checks
 * agreement with the library on random numbers.
 */

/** The library refuses longer input outright (TOO_LONG), whatever it holds. */
export const MAX_INPUT_LENGTH = 250;

/** The library refuses any number, even an international one, with a default country it does not know. */
const knownToLibrary = (cc: string | undefined) => cc === undefined || plansByCountry.has(cc);

const SEPARATORS = /[ \-.()/+]/g;

/**
 * The digits of "070-123 45 67", "(070) 123.45.67" or "+46 70 ..." (`international`: a + in
 * front, left out of the digits); null if it holds anything else.
 */
export function phoneDigits(text: string, international: boolean): string | null {
  let plain = true;
  for (let i = international ? 1 : 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47) plain = false;
    else return null;
  }
  if (plain) return international ? text.slice(1) : text;
  // One replace builds the result in one allocation; appending digit by digit would copy it each time.
  return text.replace(SEPARATORS, "");
}

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

/** E.164 when the fast path is sure of the number, else null (ask the library). */
function fastE164(digits: string, international: boolean, country: string | undefined): string | null {
  if (digits.length === 0) return null;
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
