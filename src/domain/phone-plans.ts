import metadataJson from "libphonenumber-js/metadata.min.json";
import { z } from "zod";

/**
 * The numbering plans of libphonenumber-js's bundled "min" metadata, read once into compiled
 * regexes, for the phone fast path (phone.ts). The metadata is a compact array per country
 * (format version 4): [callingCode, idd, pattern, lengths, formats, nationalPrefix,
 * prefixFormattingRule, prefixForParsing, transformRule, optional, leadingDigits, types]; types are
 * [pattern, lengths?] per kind, absent kinds falsy. If the layout ever changes, no plan is built and
 * every number goes to the library (slower, still right); test/domain/phone.test.ts then fails.
 */
export interface Plan {
  country: string;
  callingCode: string;
  pattern: RegExp;
  lengths: ReadonlySet<number>;
  /** Whether the plan lists number kinds: then a number is valid only when one of them matches. */
  hasTypes: boolean;
  types: readonly { pattern: RegExp; lengths: ReadonlySet<number> | null }[];
  leadingDigits: RegExp | null;
  idd: RegExp;
  /** National prefix to strip (e.g. ^(?:0)); null when the plan has none. */
  prefix: RegExp | null;
  /** False when stripping the prefix rewrites digits or captures a carrier code: the library handles those. */
  simplePrefix: boolean;
}

const metadata = z
  .object({
    version: z.literal(4),
    country_calling_codes: z.record(z.string(), z.array(z.string())),
    countries: z.record(z.string(), z.array(z.unknown())),
  })
  .safeParse(metadataJson);

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const lengthsOf = (v: unknown) =>
  Array.isArray(v) ? new Set(v.filter((n): n is number => typeof n === "number")) : null;
const whole = (p: string) => new RegExp(`^(?:${p})$`);
const start = (p: string) => new RegExp(`^(?:${p})`);

function planOf(country: string, raw: unknown[]): Plan | null {
  const [callingCode, idd, pattern, lengths, , np, , npfp, transform, , leading, types] = raw;
  const cc = str(callingCode);
  const iddText = str(idd);
  const patternText = str(pattern);
  const all = lengthsOf(lengths);
  if (!cc || !iddText || !patternText || !all) return null;
  const prefixText = str(npfp) ?? str(np);
  const groups = prefixText ? (new RegExp(`${prefixText}|`).exec("")?.length ?? 1) - 1 : 0;
  return {
    country,
    callingCode: cc,
    pattern: whole(patternText),
    lengths: all,
    hasTypes: Array.isArray(types) && types.length > 0,
    types: Array.isArray(types)
      ? types.flatMap((t) =>
          Array.isArray(t) && str(t[0]) ? [{ pattern: whole(t[0] as string), lengths: lengthsOf(t[1]) }] : [],
        )
      : [],
    leadingDigits: str(leading) ? start(leading as string) : null,
    idd: start(iddText),
    prefix: prefixText ? start(prefixText) : null,
    simplePrefix: groups === 0 && !str(transform),
  };
}

export const plansByCountry = new Map<string, Plan>();
/** Countries sharing a calling code, in the metadata's order (the main country first). */
export const plansByCallingCode = new Map<string, Plan[]>();

if (metadata.success) {
  for (const [country, raw] of Object.entries(metadata.data.countries)) {
    const plan = planOf(country, raw);
    if (plan) plansByCountry.set(country, plan);
  }
  for (const [code, countries] of Object.entries(metadata.data.country_calling_codes)) {
    const plans = countries.map((c) => plansByCountry.get(c));
    if (plans.every((p): p is Plan => p !== undefined)) plansByCallingCode.set(code, plans);
  }
}

/** Whether the national significant number is a valid number of the plan, as the library decides it. */
export function isValidIn(plan: Plan, nsn: string): boolean {
  if (!plan.pattern.test(nsn)) return false;
  if (!plan.hasTypes) return true;
  for (const t of plan.types)
    if ((t.lengths ?? plan.lengths).has(nsn.length) && t.pattern.test(nsn)) return true;
  return false;
}

/** The country a national number belongs to among those sharing its calling code (leading digits, then kinds). */
export function countryPlanOf(plans: readonly Plan[], nsn: string, fallback: Plan): Plan {
  if (plans.length === 1) return plans[0]!;
  for (const p of plans) {
    if (p.leadingDigits) {
      if (p.leadingDigits.test(nsn)) return p;
    } else if (p.hasTypes && isValidIn(p, nsn)) return p;
  }
  return fallback;
}
