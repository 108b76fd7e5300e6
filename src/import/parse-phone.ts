import {
  MAX_INPUT_LENGTH,
  normalisePhone,
  normalisePhoneDigits,
  phoneDigits,
  type PhoneResult,
} from "../domain";

/*
 * Phone cells. The domain reads them at sheet speed: a fast path over the bundled metadata's
 * compiled patterns for digits and separators, libphonenumber-js (memoised) for the rest;
 * test/domain/phone.test.ts checks it against the library. What is Excel's own is here: separators
 * are dropped before the library's memo (they do not change what it reads, so "070-123 45 67" and
 * "0701234567" share one entry), and numbers that lost their leading zero are restored.
 */

const countryOf = (country: string | null | undefined) =>
  country && country.length === 2 ? country.toUpperCase() : null;

/** A phone cell's text (cleaned, not blank) in E.164, with the row's country for national numbers. */
export function parsePhoneText(text: string, country: string | null | undefined): PhoneResult {
  const cc = countryOf(country);
  const international = text.charCodeAt(0) === 43;
  // The library refuses text longer than 250 characters whatever it holds: it must see the text.
  const digits = text.length <= MAX_INPUT_LENGTH ? phoneDigits(text, international) : null;
  if (digits === null || digits.length === 0) return normalisePhone(text, cc);
  return normalisePhoneDigits(digits, international, cc);
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
