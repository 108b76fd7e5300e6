import metadataJson from "libphonenumber-js/metadata.min.json";
import { z } from "zod";
import { normalisePhone, type PhoneResult } from "../domain";

/**
 * Phone numbers at sheet speed. libphonenumber-js (through the domain's normalisePhone) reads a few
 * hundred thousand numbers a second at best; a sheet of 100,000 rows has as many phones. Most are
 * plain digits in the row's country, and for countries whose numbering plan is simple (one country
 * on the calling code, no per-type patterns, a plain national prefix, no rewrite rule) validity under
 * the library's bundled "min" metadata is: the national number matches the country's pattern and has
 * a possible length. This fast path ACCEPTS only such clear cases and hands everything else (other
 * countries, letters, extensions, invalid numbers, whose reason the library explains) to the library.
 * test/import/parse-phone.test.ts checks it agrees with the library on random numbers.
 */
interface Plan {
  callingCode: string;
  pattern: RegExp;
  lengths: ReadonlySet<number>;
  nationalPrefix: string;
  idd: string;
}

// The bundled metadata's compact layout (version 4): [callingCode, idd, pattern, lengths, formats,
// nationalPrefix, prefixFormattingRule, prefixForParsing, transformRule, optional, leadingDigits, types].
const rawPlan = z.array(z.unknown());
const metadata = z
  .object({
    version: z.literal(4),
    country_calling_codes: z.record(z.string(), z.array(z.string())),
    countries: z.record(z.string(), rawPlan),
  })
  .safeParse(metadataJson);

function planOf(raw: unknown[], shared: boolean): Plan | null {
  const [callingCode, idd, pattern, lengths, , prefix, , prefixForParsing, transform, , , types] = raw;
  if (shared || types || transform) return null;
  if (typeof callingCode !== "string" || typeof idd !== "string" || !/^\d+$/.test(idd)) return null;
  if (typeof pattern !== "string" || !Array.isArray(lengths)) return null;
  const np = typeof prefix === "string" ? prefix : "";
  if (prefixForParsing && prefixForParsing !== np) return null;
  if (np !== "" && !/^\d+$/.test(np)) return null;
  return {
    callingCode,
    pattern: new RegExp(`^(?:${pattern})$`),
    lengths: new Set(lengths.filter((n): n is number => typeof n === "number")),
    nationalPrefix: np,
    idd,
  };
}

const plans = new Map<string, Plan>();
const byCallingCode = new Map<string, Plan>();
if (metadata.success) {
  const codes = metadata.data.country_calling_codes;
  for (const [country, raw] of Object.entries(metadata.data.countries)) {
    const code = raw[0];
    const plan = planOf(raw, typeof code !== "string" || (codes[code]?.length ?? 0) !== 1);
    if (!plan) continue;
    plans.set(country, plan);
    byCallingCode.set(plan.callingCode, plan);
  }
}

const fits = (plan: Plan, nsn: string) => plan.lengths.has(nsn.length) && plan.pattern.test(nsn);

/** E.164 for a number the fast path is sure of; null means "ask the library". */
function fastE164(digits: string, international: boolean, plan: Plan | undefined): string | null {
  if (international) {
    for (let n = 1; n <= 3 && n < digits.length; n++) {
      const p = byCallingCode.get(digits.slice(0, n));
      if (!p) continue;
      const nsn = digits.slice(n);
      if (p.nationalPrefix && nsn.startsWith(p.nationalPrefix)) return null;
      return fits(p, nsn) ? `+${digits}` : null;
    }
    return null;
  }
  if (!plan || digits.startsWith(plan.idd)) return null;
  const np = plan.nationalPrefix;
  if (np && digits.startsWith(np)) {
    const nsn = digits.slice(np.length);
    return fits(plan, nsn) && !plan.pattern.test(digits) ? `+${plan.callingCode}${nsn}` : null;
  }
  return fits(plan, digits) ? `+${plan.callingCode}${digits}` : null;
}

/** The digits of "070-123 45 67", "(070) 123.45.67" or "+46 70 ..."; null if it holds anything else. */
function digitsOf(text: string): string | null {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text[i];
    else if (c === 43 && i === 0) continue;
    else if (c !== 32 && c !== 45 && c !== 46 && c !== 40 && c !== 41 && c !== 47) return null;
  }
  return out;
}

const countryOf = (country: string | null | undefined) =>
  country && country.length === 2 ? country.toUpperCase() : null;

/** A phone cell's text (cleaned, not blank) in E.164, with the row's country for national numbers. */
export function parsePhoneText(text: string, country: string | null | undefined): PhoneResult {
  const cc = countryOf(country);
  const digits = digitsOf(text);
  if (digits === null || digits.length === 0) return normalisePhone(text, cc);
  const international = text.charCodeAt(0) === 43;
  const fast = fastE164(digits, international, cc ? plans.get(cc) : undefined);
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
