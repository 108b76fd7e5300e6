/**
 * A column's date order and decimal mark, read from its own unambiguous values: one "25/03/2026"
 * settles day-first for the column, one "12,5" or "1.234,50" settles the decimal comma. The Map
 * step shows and lets the user change them; validateRows reads each column with its own.
 */
import type { FieldDef, SheetDef } from "../domain";
import { cleanCellText } from "./clean-cell";
import type { DateOrder } from "./parse-date";
import type { DecimalMark } from "./parse-number";

export interface ColumnFormat {
  /** Day/month order of dates typed as digits; null = not settled by the values. */
  dateOrder: DateOrder | null;
  /** Decimal mark of amounts typed as text; null = not settled by the values. */
  decimal: DecimalMark | null;
}

/** Rows looked at per column: enough to meet a telling value, cheap on 100,000 rows. */
export const FORMAT_SAMPLE_ROWS = 5_000;

const DIGIT_DATE = /^(\d{1,2})[./\- ](\d{1,2})[./\- ](\d{2}|\d{4})(?:[ T].*)?$/;

/** DMY or MDY when some value can only be read that way and none only the other way; else null. */
export function detectDateOrder(values: Iterable<unknown>): DateOrder | null {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const m = DIGIT_DATE.exec(cleanCellText(v));
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
  }
  if (dayFirst && !monthFirst) return "DMY";
  if (monthFirst && !dayFirst) return "MDY";
  return null;
}

/** What one amount says about the decimal mark, or null when it reads the same either way. */
function markOf(text: string): DecimalMark | null {
  const s = text.replace(/[^\d.,]/g, "");
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? "." : ",";
  const sep = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
  if (sep === null) return null;
  const parts = s.split(sep);
  // "1.234.567": a repeated separator is grouping, so the mark is the other one.
  if (parts.length > 2) return parts.slice(1).every((p) => p.length === 3) ? (sep === "." ? "," : ".") : null;
  // "12,5", "0,75", "1234,500": not grouping (grouping has 1-3 digits before and 3 after).
  const [head, tail] = [parts[0]!, parts[1]!];
  if (head.length === 0) return null;
  if (tail.length !== 3 || head.length > 3 || head === "0") return sep;
  return null;
}

/** "." or "," when the values that tell agree; null when none tells or they disagree. */
export function detectDecimalMark(values: Iterable<unknown>): DecimalMark | null {
  let dot = 0;
  let comma = 0;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const mark = markOf(v);
    if (mark === ".") dot++;
    else if (mark === ",") comma++;
  }
  if (dot && !comma) return ".";
  if (comma && !dot) return ",";
  return null;
}

function* columnValues(grid: readonly (readonly unknown[] | undefined)[], column: number) {
  const n = Math.min(grid.length, FORMAT_SAMPLE_ROWS);
  for (let r = 0; r < n; r++) yield grid[r]?.[column];
}

const isDateField = (f: FieldDef | undefined) => f?.kind === "date";
const isAmountField = (f: FieldDef | undefined) => f?.kind === "money" || f?.kind === "number";

/**
 * Each mapped date or amount column's format from its values. A column whose values settle nothing
 * takes what the file's other columns of its kind agree on (a Swedish export writes every amount
 * with a decimal comma), so one telling column speaks for the file.
 */
export function detectColumnFormats(
  grid: readonly (readonly unknown[] | undefined)[],
  columns: readonly (string | null)[],
  sheet: SheetDef,
): (ColumnFormat | null)[] {
  const byKey = new Map(sheet.fields.map((f) => [f.key, f]));
  const fieldOf = (c: number) => (columns[c] ? byKey.get(columns[c]!) : undefined);
  const own = columns.map((_, c): ColumnFormat | null => {
    const f = fieldOf(c);
    if (!isDateField(f) && !isAmountField(f)) return null;
    return {
      dateOrder: isDateField(f) ? detectDateOrder(columnValues(grid, c)) : null,
      decimal: isAmountField(f) ? detectDecimalMark(columnValues(grid, c)) : null,
    };
  });
  const fileOrder = agreed(own.map((f, c) => (isDateField(fieldOf(c)) ? (f?.dateOrder ?? null) : null)));
  const fileMark = agreed(own.map((f, c) => (isAmountField(fieldOf(c)) ? (f?.decimal ?? null) : null)));
  return own.map((f, c) =>
    f === null
      ? null
      : {
          dateOrder: isDateField(fieldOf(c)) ? (f.dateOrder ?? fileOrder) : null,
          decimal: isAmountField(fieldOf(c)) ? (f.decimal ?? fileMark) : null,
        },
  );
}

/** The one non-null value all non-null entries share, else null. */
function agreed<T>(values: readonly (T | null)[]): T | null {
  const seen = new Set(values.filter((v): v is T => v !== null));
  return seen.size === 1 ? [...seen][0]! : null;
}
