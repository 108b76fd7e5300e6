import { parsePhoneNumberWithError, ParseError, type CountryCode } from "libphonenumber-js";
import { messages } from "./messages";

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

/**
 * A phone number in E.164 form, read with the row's country when it has no +code.
 * Results are memoised: real sheets repeat numbers (switchboards, duplicates), and parsing is the
 * costliest step of validation.
 */
export function normalisePhone(text: string, country: string | null | undefined): PhoneResult {
  const cc = country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
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
