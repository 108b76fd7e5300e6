import { getCountries } from "libphonenumber-js";
import type { FieldDef, FieldIssue, Value } from "./fields";
import { messages } from "./messages";
import { countryCodeOf, currencyCodeOf, customerTypeOf } from "./option-names";
import { normalisePhone } from "./phone";

/** ISO country codes, the options of the Country picklist. */
export const countryCodes: readonly string[] = getCountries();

// Zero-width space, word joiner and BOM only: U+200C/U+200D (ZWNJ/ZWJ) are part of emoji sequences
// and of Persian and Indic words, and must survive.
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;
const ODD_SPACE = /[\u00A0\u2007\u202F\t\r\n]+/g;

/** Trim, turn non-breaking and odd spaces into plain ones, drop zero-width characters. */
export function cleanText(text: string): string {
  // Printable ASCII (most cells) has nothing to replace: only the trim.
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) {
      plain = false;
      break;
    }
  }
  if (plain) return text.trim();
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
  if (field.key === "openingBalance") return messages.openingBalance.notPositive;
  if (field.key === "openingBalanceDate") return messages.openingBalance.dateUnreadable;
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
  const value = readValue(field, raw, ctx.country, ctx.picklists);
  const issue = lastIssue;
  return issue ? { value, issue } : { value };
}

/*
 * The reading behind coerceValue, shaped for the server's checkRecord, which runs it on every value
 * of every row: it returns the value and leaves the issue (if any) in `lastIssue`, so a good value
 * allocates nothing, and it makes no closures (under tsx every function made in a hot path is also
 * named at run time).
 */
let lastIssue: FieldIssue | undefined;

/** The issue of the last readValue call, undefined when the value was good. */
export const readIssue = (): FieldIssue | undefined => lastIssue;

function fail(field: FieldDef, message: string, value: Value): Value {
  lastIssue = { field: field.key, severity: "error", message };
  return value;
}

/** coerceValue's value; its issue is then readIssue(). */
export function readValue(
  field: FieldDef,
  raw: unknown,
  country: string | null | undefined,
  picklists: Readonly<Record<string, readonly string[]>>,
): Value {
  lastIssue = undefined;
  if (raw === null || raw === undefined) return null;
  const text = typeof raw === "string" ? cleanText(raw) : raw;
  if (text === "") return null;
  switch (field.kind) {
    case "text":
    case "reference":
      return typeof text === "object" ? fail(field, messages.invalidNumber(field.label), null) : String(text);
    case "email": {
      const s = String(text);
      return isEmail(s) ? s : fail(field, messages.invalidEmail, s);
    }
    case "phone": {
      const s = String(text);
      const r = normalisePhone(s, country);
      return r.ok ? r.e164 : fail(field, messages.invalidPhone(field.label, r.reason), s);
    }
    case "url": {
      const s = String(text);
      return isWebAddress(s) ? s : fail(field, invalidMessage(field), s);
    }
    case "number":
    case "money": {
      const n =
        typeof text === "number" ? text : typeof text === "string" && NUMERIC.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) ? n : fail(field, invalidMessage(field), String(text));
    }
    case "date": {
      const s = String(text);
      return typeof text === "string" && isIsoDate(s) ? s : fail(field, invalidMessage(field), s);
    }
    case "yesNo": {
      const b = yesNo(text);
      return b === undefined ? fail(field, invalidMessage(field), String(text)) : b;
    }
    case "picklist": {
      const s = String(text);
      const options = optionsOf(field, picklists);
      if (!options) return s;
      const hit = optionMatching(options, s) ?? optionNamed(field, s, options);
      return hit !== undefined ? hit : fail(field, messages.notInList(field.label, s), s);
    }
  }
}

/**
 * The option a value means when it is not spelled as one: a country's name ("Sverige" -> SE), a
 * currency's name or symbol ("US Dollar" -> USD), a customer type in other words ("Företag" ->
 * Company). Undefined when it means none of the options.
 */
export function optionNamed(field: FieldDef, text: string, options: readonly string[]): string | undefined {
  const code =
    field.picklist === "country"
      ? countryCodeOf(text, options)
      : field.key === "currency"
        ? currencyCodeOf(text)
        : field.key === "type"
          ? customerTypeOf(text)
          : undefined;
  return code !== undefined && options.includes(code) ? code : undefined;
}

interface OptionLookup {
  /** The list's length when built: a list that grew is read again. */
  size: number;
  /** Each option as written -> the first option equal to it ignoring case. */
  exact: Map<string, string>;
  /** Each option lower-cased -> the first option with that lower case. */
  lower: Map<string, string>;
}
const optionLookups = new WeakMap<readonly string[], OptionLookup>();

/** The first option equal to `s` ignoring case (as options.find would), from a table built once per list. */
function optionMatching(options: readonly string[], s: string): string | undefined {
  let t = optionLookups.get(options);
  if (!t || t.size !== options.length) {
    const lower = new Map<string, string>();
    for (const o of options) {
      const l = o.toLowerCase();
      if (!lower.has(l)) lower.set(l, o);
    }
    const exact = new Map<string, string>();
    for (const o of options) if (!exact.has(o)) exact.set(o, lower.get(o.toLowerCase())!);
    t = { size: options.length, exact, lower };
    optionLookups.set(options, t);
  }
  return t.exact.get(s) ?? t.lower.get(s.toLowerCase());
}
