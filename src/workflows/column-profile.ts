/**
 * What the Map step shows beside each column of a file: a few sample values, and the detectors'
 * readings of it (date order, decimal mark, one row per person). The detectors are src/import's pure
 * functions; this module only feeds them a column's values and shapes their answers for the pane.
 */
import type { CellValue } from "../excel";
import { cleanCellText, type DateOrder } from "../import";
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

/** The detectors the Map step uses; src/import provides them (see `detectors`). */
export interface ColumnDetectors {
  /** The date order a column's unambiguous values settle, or null. */
  dateOrder(values: readonly string[]): DateOrder | null;
  /** The decimal mark a column's numbers use, or null when they do not tell. */
  decimalMark(values: readonly string[]): DecimalMark | null;
  /**
   * For a file with one row per person (organisation columns repeating across rows): the column
   * whose value names the organisation (its id when the file has one); null otherwise.
   */
  groupingColumn(headers: readonly string[], rows: readonly (readonly string[])[]): number | null;
}

/** Until src/import's detectors land, nothing is detected: the user chooses. */
export const detectors: ColumnDetectors = {
  dateOrder: () => null,
  decimalMark: () => null,
  groupingColumn: () => null,
};

/** The grouping the Map step proposes for a file, from the first rows. */
export function proposeGrouping(
  headers: readonly string[],
  rows: readonly (readonly CellValue[])[],
  d: ColumnDetectors = detectors,
): number | null {
  const sample = rows.slice(0, PROFILE_ROWS).map((r) => headers.map((_, i) => textOf(r[i])));
  return d.groupingColumn(headers, sample);
}
