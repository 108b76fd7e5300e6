import { getCountries } from "libphonenumber-js";
import type { FieldDef, FieldIssue, Value } from "./fields";
import { messages } from "./messages";
import { normalisePhone } from "./phone";

/** ISO country codes, the options of the Country picklist. */
export const countryCodes: readonly string[] = getCountries();

// Zero-width space, word joiner and BOM only: U+200C/U+200D (ZWNJ/ZWJ) are part of emoji sequences
// and of Persian and Indic words, and must survive.
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
const ODD_SPACE = /[\u00A0\u2007\u202F\t\r\n]+/g;

/** Trim, turn non-breaking and odd spaces into plain ones, drop zero-width characters. */
export function cleanText(text: string): string {
  let t = text;
  if (ZERO_WIDTH.test(t)) t = t.replace(ZERO_WIDTH, "");
  ZERO_WIDTH.lastIndex = 0;
  if (ODD_SPACE.test(t)) t = t.replace(ODD_SPACE, " ");
  ODD_SPACE.lastIndex = 0;
  return t.trim();
}

const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
export const isEmail = (s: string): boolean => s.length <= 254 && EMAIL.test(s) && !s.includes("..");

export function isWebAddress(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
    return (u.protocol === "http:" || u.protocol === "https:") && /\.[a-z]{2,}$/i.test(u.hostname);
  } catch {
    return false;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const YES = new Set(["yes", "y", "true", "1", "x", "ja", "oui", "si", "sí"]);
const NO = new Set(["no", "n", "false", "0", "nej", "non"]);
/** Yes/No/True/False/1/0/x as a boolean; undefined when it is none of them. */
export function yesNo(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw === "number") return raw === 1 ? true : raw === 0 ? false : undefined;
  if (typeof raw !== "string") return undefined;
  const t = raw.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

/** The options a picklist field accepts; undefined means free text (the organisation has no list). */
export function optionsOf(
  field: FieldDef,
  picklists: Readonly<Record<string, readonly string[]>>,
): readonly string[] | undefined {
  if (field.options && field.options.length) return field.options;
  if (field.picklist === "country") return countryCodes;
  const list = field.picklist ? picklists[field.picklist] : undefined;
  return list && list.length ? list : undefined;
}

/** The seeds' own wording where they give one, else the generic message. */
function invalidMessage(field: FieldDef): string {
  if (field.key === "openingBalance") return messages.invalidOpeningBalance;
  if (field.key === "openingBalanceDate") return messages.invalidOpeningBalanceDate;
  if (field.kind === "email") return messages.invalidEmail;
  if (field.kind === "date") return messages.invalidDate(field.label);
  if (field.kind === "yesNo") return messages.invalidYesNo(field.label);
  if (field.kind === "url") return messages.invalidUrl(field.label);
  return messages.invalidNumber(field.label);
}

export interface CoerceContext {
  /** The row's country, for phones written without +code. */
  country?: string | null;
  picklists: Readonly<Record<string, readonly string[]>>;
}
export interface Coerced {
  value: Value;
  issue?: FieldIssue;
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A JSON value (as the API receives it, or as cell parsing produced it) turned into the field's
 * canonical value, or kept with an issue saying why not. Never throws.
 */
export function coerceValue(field: FieldDef, raw: unknown, ctx: CoerceContext): Coerced {
  if (raw === null || raw === undefined) return { value: null };
  const text = typeof raw === "string" ? cleanText(raw) : raw;
  if (text === "") return { value: null };
  const bad = (message: string, value: Value = typeof text === "string" ? text : String(text)): Coerced => ({
    value,
    issue: { field: field.key, severity: "error", message },
  });
  switch (field.kind) {
    case "text":
    case "reference":
      return typeof text === "object"
        ? bad(messages.invalidNumber(field.label), null)
        : { value: String(text) };
    case "email": {
      const s = String(text);
      return isEmail(s) ? { value: s } : bad(messages.invalidEmail);
    }
    case "phone": {
      const s = typeof text === "number" ? String(text) : String(text);
      const r = normalisePhone(s, ctx.country);
      return r.ok ? { value: r.e164 } : bad(messages.invalidPhone(field.label, r.reason), s);
    }
    case "url": {
      const s = String(text);
      return isWebAddress(s) ? { value: s } : bad(invalidMessage(field));
    }
    case "number":
    case "money": {
      const n =
        typeof text === "number" ? text : typeof text === "string" && NUMERIC.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) ? { value: n } : bad(invalidMessage(field));
    }
    case "date": {
      const s = String(text);
      return typeof text === "string" && isIsoDate(s) ? { value: s } : bad(invalidMessage(field));
    }
    case "yesNo": {
      const b = yesNo(text);
      return b === undefined ? bad(invalidMessage(field)) : { value: b };
    }
    case "picklist": {
      const s = String(text);
      const options = optionsOf(field, ctx.picklists);
      if (!options) return { value: s };
      const lower = s.toLowerCase();
      const hit = options.find((o) => o.toLowerCase() === lower);
      return hit !== undefined ? { value: hit } : bad(messages.notInList(field.label, s));
    }
  }
}
