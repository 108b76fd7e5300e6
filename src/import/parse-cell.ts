import { coerceValue, messages, optionsOf, type Coerced, type FieldDef, type FieldIssue } from "../domain";
import { cleanCellText } from "./clean-cell";
import { parseDateText, serialToIso, type DateOrder } from "./parse-date";
import { parseNumberText } from "./parse-number";
import { parsePhoneNumberCell, parsePhoneText } from "./parse-phone";

export interface ParseOptions {
  /** How dates typed as text are written; null = unknown (only unmistakable dates are read). */
  dateOrder: DateOrder | null;
  /** The row's country (ISO code), for phones written without +code. */
  country: string | null;
  picklists: Readonly<Record<string, readonly string[]>>;
}

const BLANK: Coerced = { value: null };
const issue = (field: FieldDef, severity: FieldIssue["severity"], message: string): FieldIssue => ({
  field: field.key,
  severity,
  message,
});

/**
 * One Excel cell (a value as Office.js `values` gives it: string, number, boolean or empty) read as
 * the field's canonical value (dates ISO, phones E.164), or kept with an issue saying why not.
 * Excel-specific readings happen here; the domain's coerceValue makes the final check.
 */
export function parseCell(raw: unknown, field: FieldDef, opts: ParseOptions): Coerced {
  if (raw === null || raw === undefined || raw === "") return BLANK;
  if (typeof raw === "string") {
    const text = cleanCellText(raw);
    return text === "" ? BLANK : parseText(text, field, opts);
  }
  if (typeof raw === "number") return parseNumberCell(raw, field, opts);
  if (typeof raw === "boolean" && (field.kind === "text" || field.kind === "reference"))
    return { value: raw ? "TRUE" : "FALSE" };
  return coerceValue(field, raw, opts);
}

function parseText(text: string, field: FieldDef, opts: ParseOptions): Coerced {
  switch (field.kind) {
    case "text":
    case "reference":
      // A name typed as "=1+1" arrives as text (Excel would have computed a formula): keep it, say so.
      return text.charCodeAt(0) === 61
        ? { value: text, issue: issue(field, "warning", messages.formulaText(field.label)) }
        : { value: text };
    case "phone": {
      const r = parsePhoneText(text, opts.country);
      return r.ok
        ? { value: r.e164 }
        : { value: text, issue: issue(field, "error", messages.invalidPhone(field.label, r.reason)) };
    }
    case "number":
    case "money": {
      const n = parseNumberText(text);
      return coerceValue(field, n ?? text, opts);
    }
    case "date": {
      const d = parseDateText(text, opts.dateOrder);
      if (d.ok) return coerceValue(field, d.iso, opts);
      if (d.ambiguous)
        return { value: null, issue: issue(field, "warning", messages.ambiguousDate(field.label, text)) };
      return coerceValue(field, text, opts);
    }
    case "picklist":
      return pickOption(text, field, opts);
    default:
      return coerceValue(field, text, opts);
  }
}

function parseNumberCell(n: number, field: FieldDef, opts: ParseOptions): Coerced {
  switch (field.kind) {
    case "text":
    case "reference":
    case "picklist":
      return parseText(String(n), field, opts);
    case "phone": {
      const r = parsePhoneNumberCell(n, opts.country);
      const text = String(n);
      return r.ok
        ? { value: r.e164 }
        : { value: text, issue: issue(field, "error", messages.invalidPhone(field.label, r.reason)) };
    }
    case "date": {
      const iso = serialToIso(n);
      return coerceValue(field, iso ?? n, opts);
    }
    default:
      return coerceValue(field, n, opts);
  }
}

/** Case-insensitive lookup tables per option list, built once (the country list has ~250 entries). */
const lookups = new WeakMap<readonly string[], Map<string, string>>();
function lookupOf(options: readonly string[]): Map<string, string> {
  let m = lookups.get(options);
  if (!m) {
    m = new Map();
    for (const o of options) if (!m.has(o.toLowerCase())) m.set(o.toLowerCase(), o);
    lookups.set(options, m);
  }
  return m;
}

function pickOption(text: string, field: FieldDef, opts: ParseOptions): Coerced {
  const options = optionsOf(field, opts.picklists);
  if (!options) return { value: text };
  const hit = lookupOf(options).get(text.toLowerCase());
  return hit !== undefined
    ? { value: hit }
    : { value: text, issue: issue(field, "error", messages.notInList(field.label, text)) };
}
