import type { CrmRecord, SheetDef } from "../domain";
import { rangeAddress } from "./a1";
import { rowHash, toCell } from "./cells";
import { FIRST_DATA_ROW, layoutOf } from "./layout";
import type { CellValue } from "./read";

/** Requests stay well under 5 MB; a block is as many rows as fit. */
const WRITE_BUDGET_BYTES = 4_500_000;

const cellBytes = (v: CellValue): number => (typeof v === "string" ? v.length + 3 : String(v).length + 1);

/** A record as the template row it becomes: field cells, blank status, version and hash. */
export function recordRow(sheet: SheetDef, record: CrmRecord): CellValue[] {
  const layout = layoutOf(sheet);
  const cells: CellValue[] = sheet.fields.map((f) =>
    f.system && f.key === "crmId" ? record.id : toCell(f, record.values[f.key]),
  );
  const crmCol = sheet.fields.findIndex((f) => f.key === "crmId");
  cells[layout.statusCol] = "";
  cells[layout.versionCol] = String(record.version);
  cells[layout.hashCol] = rowHash(cells, layout.statusCol, crmCol);
  return cells;
}

/** Rows cut into blocks whose values fit one request. */
export function blocksOf(rows: readonly CellValue[][], budget = WRITE_BUDGET_BYTES): [number, number][] {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    let b = 3;
    for (const v of row) b += cellBytes(v);
    if (bytes + b > budget && i > start) {
      blocks.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  });
  if (start < rows.length) blocks.push([start, rows.length]);
  return blocks;
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Records written under the template's headers in blocks (one sync each), replacing the rows below
 * them; the sheet's columns are already text- and date-formatted by the template.
 */
export async function writeRecords(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: SheetDef,
  records: readonly CrmRecord[],
  onBlock?: (written: number) => void,
): Promise<void> {
  const layout = layoutOf(sheet);
  const width = layout.hashCol + 1;
  const old = ws.getUsedRangeOrNullObject(true);
  old.load("rowCount,rowIndex");
  await context.sync();
  const oldLast = old.isNullObject ? -1 : old.rowIndex + old.rowCount - 1;
  if (oldLast >= FIRST_DATA_ROW)
    ws.getRange(rangeAddress(FIRST_DATA_ROW, 0, oldLast, layout.marksCol)).clear("Contents");
  const rows = records.map((r) => recordRow(sheet, r));
  for (const [from, to] of blocksOf(rows)) {
    const block = rows.slice(from, to);
    ws.getRange(rangeAddress(FIRST_DATA_ROW + from, 0, FIRST_DATA_ROW + to - 1, width - 1)).values = block;
    await context.sync();
    onBlock?.(to);
    await pause();
  }
  if (rows.length === 0) await context.sync();
}
