import { cellAddress } from "./a1";
import type { CellValue } from "./read";
import { runBatch, type ExcelEnv } from "./runner";

export interface CellWrite {
  /** Zero-based sheet row and column. */
  row: number;
  col: number;
  value: CellValue;
}

/**
 * A few cells written in one request (a conflict resolved with the CRM's values: a handful per row).
 * Values come already converted for their column (toCell: text escaped, dates as serials).
 */
export const writeCells = (env: ExcelEnv, sheet: string, cells: readonly CellWrite[]): Promise<void> =>
  runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const c of cells) ws.getRange(cellAddress(c.row, c.col)).values = [[c.value]];
    await context.sync();
  });
