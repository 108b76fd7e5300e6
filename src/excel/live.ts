import { parseAddress } from "./a1";
import { runBatch, type ExcelEnv } from "./runner";

export interface EditedRows {
  sheet: string;
  /** Zero-based sheet rows, first to last, that the user changed. */
  first: number;
  last: number;
}

export type StopWatching = () => Promise<void>;

/**
 * Calls back when the user (not this add-in) edits a cell of the sheet. The add-in's own writes
 * (marks, statuses, write-back) arrive with triggerSource "ThisLocalAddin" and are ignored, so
 * re-validating a row never triggers itself.
 */
export async function watchEdits(
  env: ExcelEnv,
  sheetName: string,
  onEdit: (rows: EditedRows) => Promise<void>,
): Promise<StopWatching> {
  const handle = await runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheetName);
    const result = ws.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
      if (event.triggerSource === "ThisLocalAddin") return;
      const b = parseAddress(event.address);
      await onEdit({ sheet: sheetName, first: b.row, last: b.row + b.rows - 1 });
    });
    await context.sync();
    return result;
  });
  return async () => {
    handle.remove();
    await handle.context.sync();
  };
}
