import { stableHash, type FieldDef, type Value } from "../domain";
import { DAYS_1904 } from "../import";
import { isTextColumn } from "./layout";
import type { CellValue } from "./read";
import { sheetMessages as text } from "../domain/sheet-messages";

/**
 * Excel's serial number of an ISO day in the workbook's date system: the 1900 system (every date we
 * write is after March 1900), or the 1904 one, 1,462 lower (a day before 1904 has no 1904 serial).
 */
export function isoToSerial(iso: string, date1904 = false): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utc)) return null;
  const serial = utc / 86_400_000 + 25_569;
  if (!date1904) return serial;
  return serial >= DAYS_1904 ? serial - DAYS_1904 : null;
}

const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
/**
 * What en-US Excel turns from typed text into something else: a formula ("=", "+", "-", "@"), a
 * prefix it would drop ("'"), a number (with thousands separators, currency, percent, accounting
 * brackets), a date ("3/14/2024", "2024-03-14", "14-Mar-24", "Mar 14, 2024", "Mar-24"), a time, a
 * boolean (the typings' remark on Range.values; Microsoft, "Format numbers as dates or times").
 */
const typedAsSomethingElse: readonly RegExp[] = [
  /^[\t\r]*[=+\-@']/,
  /^\s*\(?\$?\s*[+-]?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?\s*%?\)?\s*$/i,
  /^\s*\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?(\s+\d{1,2}:\d{2}.*)?\s*$/,
  new RegExp(`^\\s*\\d{1,2}[- ]${MONTH}([- ,]+\\d{2,4})?\\s*$`, "i"),
  new RegExp(`^\\s*${MONTH}[- ]\\d{1,4}(,? \\d{4})?\\s*$`, "i"),
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\s*$/i,
  /^\s*(true|false)\s*$/i,
];

/**
 * Text that Excel would read as a formula, a number, a date or a boolean when written into a cell
 * that is not text-formatted gets the apostrophe prefix, which Excel keeps as "this is text" and
 * does not return in `values`.
 */
export function escapeText(s: string): string {
  return typedAsSomethingElse.some((re) => re.test(s)) ? `'${s}` : s;
}

/** A CRM value as the cell of its field's column should hold it (dates in the workbook's system). */
export function toCell(field: FieldDef, value: Value | undefined, date1904 = false): CellValue {
  if (value === null || value === undefined || value === "") return "";
  if (field.kind === "date" && typeof value === "string") return isoToSerial(value, date1904) ?? value;
  if (field.kind === "yesNo" && typeof value === "boolean") return value ? text.yes : text.no;
  if (typeof value === "string") return isTextColumn(field) || field.codeLike ? value : escapeText(value);
  if (typeof value === "number" && (isTextColumn(field) || field.codeLike)) return String(value);
  return value;
}

/** Cell text as it reads back: our escaping is invisible once Excel stored the text. */
const readBack = (v: CellValue | undefined): string | number | boolean =>
  v === null || v === undefined ? "" : typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;

/**
 * The hash of a row's field cells (the CRM ID column left out: the import writes it), the same
 * whether computed on what a download wrote or on what a later read returns.
 */
export function rowHash(cells: readonly CellValue[], dataCols: number, skipCol: number): string {
  const parts: (string | number | boolean)[] = [];
  for (let c = 0; c < dataCols; c++) if (c !== skipCol) parts.push(readBack(cells[c]));
  while (parts.length && parts[parts.length - 1] === "") parts.pop();
  return stableHash(parts);
}
