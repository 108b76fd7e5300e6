import {
  coerceValue,
  isEmail,
  isWebAddress,
  messages,
  optionNamed,
  optionsOf,
  yesNo,
  type Coerced,
  type FieldDef,
  type FieldIssue,
  type Value,
} from "../domain";
import { cleanCellText } from "./clean-cell";
import { parseDateText, serialToIso, type DateOrder, type DefaultDateOrder } from "./parse-date";
import { numberReadings, parseNumberText, type DecimalMark } from "./parse-number";
import { parsePhoneNumberCell, parsePhoneText } from "./parse-phone";

export interface ParseOptions {
  /** How dates typed as text are written; null = unknown (the column settles nothing). */
  dateOrder: DateOrder | null;
  /**
   * How a date that still reads two ways is read (the user's locale's order, `localeDateOrder`), with
   * a warning naming both readings and this one; day first when not given.
   */
  defaultDateOrder?: DefaultDateOrder;
  /** The decimal mark of numbers typed as text; null = unknown ("1.234" is then a warning). */
  decimal?: DecimalMark | null;
  /** The row's country (ISO code), for phones written without +code. */
  country: string | null;
  picklists: Readonly<Record<string, readonly string[]>>;
  /**
   * The workbook uses the 1904 date system: a number in a date cell is a 1904 serial. Text that
   * looks like a serial ("46046", from a file) is read in the 1900 system either way.
   */
  date1904?: boolean;
}

/**
 * One Excel cell (a value as Office.js `values` gives it: string, number, boolean or empty) read as
 * the field's canonical value (dates ISO, phones E.164), or kept with an issue saying why not.
 */
export function parseCell(raw: unknown, field: FieldDef, opts: ParseOptions): Coerced {
  const reader = new CellReader(opts);
  const value = reader.read(raw, field);
  return reader.issue ? { value, issue: reader.issue } : { value };
}

/**
 * The cell reading behind parseCell, shaped for millions of cells: it returns the value and leaves
 * the issue (if any) in `issue`, so a valid cell allocates nothing. Excel-specific readings happen
 * here; the domain's validators (isEmail, yesNo, isIsoDate) decide validity, and its coerceValue
 * words the failures, so both sides of the product say the same thing.
 */
export class CellReader {
  issue: FieldIssue | undefined;
  /** The text the last value was read from, when it was rewritten ("United States" for US). */
  changedFrom: string | undefined;
  constructor(readonly opts: ParseOptions) {}

  read(raw: unknown, field: FieldDef): Value {
    this.issue = undefined;
    this.changedFrom = undefined;
    if (raw === null || raw === undefined || raw === "") return null;
    if (typeof raw === "string") {
      const text = cleanCellText(raw);
      return text === "" ? null : this.readText(text, field);
    }
    if (typeof raw === "number") return this.readNumber(raw, field);
    if (typeof raw === "boolean" && (field.kind === "text" || field.kind === "reference"))
      return raw ? "TRUE" : "FALSE";
    return this.coerce(field, raw);
  }

  private readText(text: string, field: FieldDef): Value {
    switch (field.kind) {
      case "text":
      case "reference":
        // "=1+1" arrives as text (Excel would have computed a formula): keep it, and say so.
        if (text.charCodeAt(0) === 61) this.flag(field, "warning", messages.formulaText(field.label));
        return text;
      case "email":
        return isEmail(text) ? text : this.coerce(field, text);
      case "phone": {
        const r = parsePhoneText(text, this.opts.country);
        if (r.ok) return r.e164;
        this.flag(field, "error", messages.invalidPhone(field.label, r.reason));
        return text;
      }
      case "number":
      case "money":
        return this.readAmount(text, field);
      case "date":
        return this.readDate(text, field);
      case "yesNo": {
        const b = yesNoOf(text);
        return b === undefined ? this.coerce(field, text) : b;
      }
      case "picklist":
        return this.pick(text, field);
      case "url":
        return PLAIN_WEB_ADDRESS.test(text) || isWebAddress(text) ? text : this.coerce(field, text);
      default:
        return this.coerce(field, text);
    }
  }

  private readNumber(n: number, field: FieldDef): Value {
    switch (field.kind) {
      case "text":
      case "reference":
      case "picklist":
        return this.readText(String(n), field);
      case "phone": {
        const r = parsePhoneNumberCell(n, this.opts.country);
        if (r.ok) return r.e164;
        this.flag(field, "error", messages.invalidPhone(field.label, r.reason));
        return String(n);
      }
      case "number":
      case "money":
        return Number.isFinite(n) ? n : this.coerce(field, n);
      case "date":
        return serialToIso(n, this.opts.date1904) ?? this.coerce(field, n);
      default:
        return this.coerce(field, n);
    }
  }

  private readAmount(text: string, field: FieldDef): Value {
    const mark = this.opts.decimal ?? null;
    const n = parseNumberText(text, mark);
    if (n === null || !Number.isFinite(n)) return this.coerce(field, text);
    const readings = mark === null ? numberReadings(text) : null;
    if (readings)
      this.flag(field, "warning", messages.ambiguousNumber(field.label, text, readings[0], readings[1]));
    return n;
  }

  private readDate(text: string, field: FieldDef): Value {
    const d = parseDateText(text, this.opts.dateOrder);
    if (d.ok) {
      if (d.twoDigitYear) this.flag(field, "warning", messages.twoDigitYear(field.label, text, d.iso));
      if (d.reformatted) this.changedFrom = text;
      return d.iso;
    }
    if (!d.ambiguous || !d.readings) return this.coerce(field, text);
    // Nothing settled the order: read in the user's locale's order, and say so with both readings,
    // so what Validate says (ready, with a warning) is what Import does (this date is sent).
    const [dayFirst, monthFirst] = d.readings;
    const iso = this.opts.defaultDateOrder === "MDY" ? monthFirst : dayFirst;
    this.flag(field, "warning", messages.ambiguousDate(field.label, text, dayFirst, monthFirst, iso));
    return iso;
  }

  /** The domain's reading, for kinds with no Excel quirk and to word every failure. */
  private coerce(field: FieldDef, raw: unknown): Value {
    const c = coerceValue(field, raw, this.opts);
    this.issue = c.issue;
    return c.value;
  }

  private flag(field: FieldDef, severity: FieldIssue["severity"], message: string): void {
    this.issue = { field: field.key, severity, message };
  }

  private pick(text: string, field: FieldDef): Value {
    const options = optionsOf(field, this.opts.picklists);
    if (!options) return text;
    const lookup = lookupOf(options);
    const hit = lookup.get(text) ?? lookup.get(text.toLowerCase());
    if (hit !== undefined) return hit;
    const named = optionNamed(field, text, options);
    if (named !== undefined) {
      this.changedFrom = text;
      return named;
    }
    this.flag(field, "error", messages.notInList(field.label, text));
    return text;
  }
}

/**
 * Web addresses that the domain's isWebAddress certainly accepts (letters-and-digits host with a
 * letter TLD, plain path): checked without building a URL object, which costs a microsecond each.
 */
const PLAIN_WEB_ADDRESS =
  /^(?:https?:\/\/)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?:\/[a-z0-9\-._~/%]*)?$/i;

/** The domain's yesNo, memoised: a sheet spells Yes and No a handful of ways, a hundred thousand times. */
const yesNoMemo = new Map<string, boolean | undefined>();
function yesNoOf(text: string): boolean | undefined {
  if (yesNoMemo.has(text)) return yesNoMemo.get(text);
  const b = yesNo(text);
  if (yesNoMemo.size < 1_000) yesNoMemo.set(text, b);
  return b;
}

/** Case-insensitive lookup tables per option list, built once (the country list has ~250 entries). */
const lookups = new WeakMap<readonly string[], Map<string, string>>();
function lookupOf(options: readonly string[]): Map<string, string> {
  let m = lookups.get(options);
  if (!m) {
    m = new Map();
    // Exact spellings first, so the common cell needs no lower-casing.
    for (const o of options) m.set(o, o);
    for (const o of options) if (!m.has(o.toLowerCase())) m.set(o.toLowerCase(), o);
    lookups.set(options, m);
  }
  return m;
}
