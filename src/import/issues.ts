import type { Severity } from "../domain";

/**
 * One problem in the sheet, where the Excel layer paints it. `row` is the 0-based index of the data
 * row in the grid given (the row under the header is 0); `column` the 0-based column in that grid,
 * or null when the field has no column in the file (e.g. a required field that was not mapped).
 */
export interface CellIssue {
  row: number;
  column: number | null;
  field: string | null;
  severity: Severity;
  message: string;
}

export type RowStatus = "ready" | "error" | "warning" | "blank";

/** Where a field's column is in the grid, from the mapping's columns (field key per column). */
export function columnIndex(columns: readonly (string | null)[]): Map<string, number> {
  const m = new Map<string, number>();
  columns.forEach((f, i) => {
    if (f !== null && !m.has(f)) m.set(f, i);
  });
  return m;
}
