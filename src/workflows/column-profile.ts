/**
 * What the Map step shows beside each column of a file: a few sample values, and how its text is
 * written (date order, decimal mark) as src/import's detectors read it. The one-row-per-person
 * proposal comes with the mapping suggestion (column-mapping.ts, src/import proposeMapping).
 */
import type { CellValue } from "../excel";
import { cleanCellText, detectDateOrder, detectDecimalMark, type DateOrder } from "../import";
import type { DecimalMark } from "./sheet-mapping";

/** Values shown beside a column: enough to recognise it, short enough for a 320 px pane. */
export const SAMPLE_COUNT = 3;
/** Rows looked at for samples and detection: a file's first rows tell its style. */
export const PROFILE_ROWS = 1_000;

const textOf = (v: CellValue | undefined): string =>
  typeof v === "string" ? cleanCellText(v) : v === null || v === undefined ? "" : String(v);

/** A column's values (first PROFILE_ROWS rows), as text. */
export const columnValues = (rows: readonly (readonly CellValue[])[], column: number): string[] =>
  rows.slice(0, PROFILE_ROWS).map((r) => textOf(r[column]));

/** The first few distinct non-empty values of a column. */
export function samplesOf(rows: readonly (readonly CellValue[])[], column: number): string[] {
  const out: string[] = [];
  for (const v of columnValues(rows, column)) {
    if (v !== "" && !out.includes(v)) out.push(v);
    if (out.length === SAMPLE_COUNT) break;
  }
  return out;
}

/** A column's date order and decimal mark, read from its own values (src/import's detectors). */
export function readingsOf(values: readonly string[]): {
  dateOrder: DateOrder | null;
  decimalMark: DecimalMark | null;
} {
  return { dateOrder: detectDateOrder(values), decimalMark: detectDecimalMark(values) };
}
