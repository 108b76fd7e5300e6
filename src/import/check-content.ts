/**
 * Each proposed column checked against a sample of its values: a header says what a column is
 * called, the values say what it holds. A column of e-mails is an e-mail column whatever its header;
 * a "Type" holding "Customer - Direct" is not our Company/Individual type; another system's record id
 * is never our CRM ID. A column whose values do not fit is left unmapped with the field as a
 * suggestion: not mapped, here is what it might be; never a silent wrong field.
 */
import {
  isEmail,
  isWebAddress,
  optionNamed,
  optionsOf,
  yesNo,
  type FieldDef,
  type SheetDef,
} from "../domain";
import { cleanCellText } from "./clean-cell";
import type { ColumnMatch, HeaderMapping } from "./map-headers";
import { parseDateText } from "./parse-date";
import { parseNumberText } from "./parse-number";

/** Values looked at per column. */
export const CONTENT_SAMPLE = 200;
/** Share of a column's sampled values that must fit its field for the proposal to stand. */
export const FIT_SHARE = 0.8;
/** Share of e-mail addresses that makes an unmapped column the e-mail column. */
const EMAIL_SHARE = 0.9;

/** Our own record ids (src/server/ids.ts: sheet prefix, then 26 hex digits). */
const OUR_ID = /^(cus|con|sit)_[0-9a-f]{26}$/;
/** A phone as exports write it: digits with spacing and punctuation, or Excel's 4.6701E+10. */
const PHONE_LIKE = /^(?:\+|00)?[\d\s().\-/]{6,}(?:\s*(?:x|ext\.?|#)\s*\d+)?$|^\d(?:[.,]\d+)?E\+?\d+$/i;
const SERIAL_TEXT = /^\d{5}(?:[.,]\d+)?$/;

export interface ContentContext {
  picklists: Readonly<Record<string, readonly string[]>>;
}

/** Up to CONTENT_SAMPLE non-blank values of a column, as cleaned text. */
export function sampleColumn(grid: readonly (readonly unknown[] | undefined)[], column: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < grid.length && out.length < CONTENT_SAMPLE; r++) {
    const v = grid[r]?.[column];
    if (v === null || v === undefined || v === "") continue;
    const text = typeof v === "string" ? cleanCellText(v) : String(v);
    if (text !== "") out.push(text);
  }
  return out;
}

/** Whether one value could be this field's, as the pipeline will read it. */
export function valueFits(field: FieldDef, text: string, ctx: ContentContext): boolean {
  if (field.key === "crmId") return OUR_ID.test(text);
  switch (field.kind) {
    case "email":
      return isEmail(text);
    case "phone":
      return PHONE_LIKE.test(text) && text.replace(/\D/g, "").length >= 6;
    case "url":
      return isWebAddress(text);
    case "date": {
      const d = parseDateText(text, null);
      return d.ok || d.ambiguous || SERIAL_TEXT.test(text);
    }
    case "number":
    case "money":
      return parseNumberText(text) !== null;
    case "yesNo":
      return yesNo(text) !== undefined;
    case "picklist": {
      const options = optionsOf(field, ctx.picklists);
      if (!options) return true;
      const lower = text.toLowerCase();
      return (
        options.some((o) => o.toLowerCase() === lower) || optionNamed(field, text, options) !== undefined
      );
    }
    default:
      return true;
  }
}

const share = (values: readonly string[], test: (v: string) => boolean): number =>
  values.length === 0 ? 1 : values.filter(test).length / values.length;

/**
 * The mapping with every proposal its values contradict taken back (the field becomes a
 * suggestion), and unmapped columns of e-mail addresses given the e-mail field when it is free.
 * A saved mapping (the user's own choice) is not second-guessed: pass only proposals.
 */
export function checkContent(
  mapping: HeaderMapping,
  grid: readonly (readonly unknown[] | undefined)[],
  sheet: SheetDef,
  ctx: ContentContext,
): HeaderMapping {
  const byKey = new Map(sheet.fields.map((f) => [f.key, f]));
  const emailField = sheet.fields.find((f) => f.kind === "email");
  const matches: ColumnMatch[] = mapping.matches.map((m) => ({ ...m }));
  for (const m of matches) {
    const values = sampleColumn(grid, m.column);
    if (values.length === 0) continue;
    const field = m.field ? byKey.get(m.field) : undefined;
    const emails = share(values, isEmail);
    if (field && field.kind !== "email" && emails >= FIT_SHARE && field.key !== "crmId") {
      retract(m, emailField ? [emailField.key, field.key] : [field.key]);
      continue;
    }
    if (field && share(values, (v) => valueFits(field, v, ctx)) < FIT_SHARE) {
      retract(m, suggestionsAfter(field, values, sheet, ctx));
      continue;
    }
    if (!m.field && !m.suggestions?.length && emailField && emails >= EMAIL_SHARE)
      Object.assign(m, { field: emailField.key, confidence: emails * 0.9, source: "content" });
  }
  settle(matches, emailField?.key);
  const columns = matches.map((m) => m.field);
  const unmapped = matches.filter((m) => !m.field && m.header !== "").map((m) => m.column);
  const ambiguous = mapping.ambiguous.filter((a) => !columns[a.column]);
  return { columns, matches, unmapped, duplicated: mapping.duplicated, ambiguous };
}

function retract(m: ColumnMatch, suggestions: readonly string[]): void {
  m.field = null;
  m.confidence = 0;
  delete m.source;
  m.suggestions = suggestions.filter((s) => s !== "crmId");
}

/** What a column that is not its proposed field might be: a Type of other words may be a Category. */
function suggestionsAfter(
  field: FieldDef,
  values: readonly string[],
  sheet: SheetDef,
  ctx: ContentContext,
): string[] {
  const out = [field.key];
  const category = sheet.fields.find((f) => f.key === "category");
  if (field.key === "type" && category && share(values, (v) => valueFits(category, v, ctx)) >= FIT_SHARE)
    out.unshift(category.key);
  return out;
}

/** An e-mail column found by content gives way to one the headers already named. */
function settle(matches: ColumnMatch[], email: string | undefined): void {
  if (!email) return;
  const claimed = matches.filter((m) => m.field === email);
  if (claimed.length < 2) return;
  const keep = claimed.find((m) => m.source !== "content") ?? claimed[0]!;
  for (const m of claimed) if (m !== keep) retract(m, [email]);
}
