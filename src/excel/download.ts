import type { CrmRecord, SheetDef } from "../domain";
import { drain, type Steps } from "../import";
import { columnLetter, rangeAddress } from "./a1";
import { jsonUtf8Bytes } from "./bytes";
import { rowHash, toCell } from "./cells";
import { askDateSystem } from "./date-system";
import { frameOf } from "./frame";
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  headerText,
  layoutOf,
  systemHeaders,
  widthForValues,
  type TemplateLayout,
} from "./layout";
import { isLongStatus, paintMarks } from "./marks";
import type { CellValue } from "./read";
import { drive, turns, type Turns } from "./turns";

/** What the host supports, for undoing marks: notes (1.18) and fill patterns (1.9). */
export interface HostFeatures {
  notes: boolean;
  pattern: boolean;
}

/** Requests stay under Excel on the web's 5 MB (5,242,880 bytes): a block is as many rows as fit. */
const WRITE_BUDGET_BYTES = 5_000_000;

/**
 * A record as the template row it becomes: field cells (dates as serials of the workbook's date
 * system), blank status, version and hash.
 */
export function recordRow(sheet: SheetDef, record: CrmRecord, date1904 = false): CellValue[] {
  const layout = layoutOf(sheet);
  const cells: CellValue[] = sheet.fields.map((f) =>
    f.system && f.key === "crmId" ? record.id : toCell(f, record.values[f.key], date1904),
  );
  const crmCol = sheet.fields.findIndex((f) => f.key === "crmId");
  cells[layout.statusCol] = "";
  cells[layout.versionCol] = String(record.version);
  cells[layout.hashCol] = rowHash(cells, layout.statusCol, crmCol);
  return cells;
}

/** Rows cut into blocks whose values fit one request, measured in UTF-8 bytes of their JSON. */
export function blocksOf(rows: readonly CellValue[][], budget = WRITE_BUDGET_BYTES): [number, number][] {
  return drain(blockSteps(rows, budget));
}

/** Rows converted or measured between two looks at the clock. */
const ROWS_PER_CHECK = 200;

/** blocksOf, yielding every ROWS_PER_CHECK rows so the pane can be given a turn. */
function* blockSteps(rows: readonly CellValue[][], budget: number): Steps<[number, number][]> {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_CHECK === ROWS_PER_CHECK - 1) yield;
    const b = jsonUtf8Bytes(rows[i]) + 1;
    if (bytes + b > budget && i > start) {
      blocks.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  if (start < rows.length) blocks.push([start, rows.length]);
  return blocks;
}

/** Template rows of the records, built in turns (hashing 100,000 rows takes a while). */
async function rowsOf(
  sheet: SheetDef,
  records: readonly CrmRecord[],
  date1904: boolean,
  t: Turns,
): Promise<CellValue[][]> {
  const rows: CellValue[][] = new Array<CellValue[]>(records.length);
  for (let i = 0; i < records.length; i++) {
    rows[i] = recordRow(sheet, records[i]!, date1904);
    if (i % ROWS_PER_CHECK === ROWS_PER_CHECK - 1) {
      const wait = t.check();
      if (wait) await wait;
    }
  }
  return rows;
}

/** A column's values, at most 2,000 of them spread over the rows (enough for a width). */
function sampleColumn(rows: readonly CellValue[][], col: number): CellValue[] {
  const step = Math.max(1, Math.floor(rows.length / 2_000));
  const out: CellValue[] = [];
  for (let i = 0; i < rows.length; i += step) out.push(rows[i]![col] ?? null);
  return out;
}

/**
 * The rows a download replaces: their marks undone first (read from the hidden marks column, one
 * small read), then their contents cleared; the clear is sent with the first block of records.
 */
async function clearOldRows(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  layout: TemplateLayout,
  last: number,
  host: HostFeatures,
): Promise<void> {
  const memory = ws.getRange(rangeAddress(FIRST_DATA_ROW, layout.marksCol, last, layout.marksCol));
  memory.load("values");
  const status = ws.getRange(rangeAddress(FIRST_DATA_ROW, layout.statusCol, last, layout.statusCol));
  status.load("values");
  await context.sync();
  const cells = memory.values.map((r) => (typeof r[0] === "string" ? r[0] : null));
  const oldStatuses = status.values.map((r) => (typeof r[0] === "string" ? r[0] : null));
  // Long statuses carry a note (marks.ts): those go with their statuses.
  const longStatus = host.notes && oldStatuses.some(isLongStatus);
  if (cells.some((c) => c) || longStatus) {
    await paintMarks(context, ws, {
      frame: frameOf(HEADER_ROW, [...layout.fields.map(headerText), ...systemHeaders]),
      firstRow: FIRST_DATA_ROW,
      memory: cells,
      marks: [],
      statuses: oldStatuses.map((s) => (isLongStatus(s) ? "" : null)),
      oldStatuses,
      ...host,
      promptTitle: "",
    });
  }
  ws.getRange(rangeAddress(FIRST_DATA_ROW, 0, last, layout.marksCol)).clear("Contents");
}

/**
 * Records written under the template's headers in blocks (one sync each), replacing the rows below
 * them; the sheet's columns are already text- and date-formatted by the template.
 */
export async function writeRecords(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: SheetDef,
  records: readonly CrmRecord[],
  host: HostFeatures,
  onBlock?: (written: number) => void,
): Promise<void> {
  const layout = layoutOf(sheet);
  const width = layout.hashCol + 1;
  const old = ws.getUsedRangeOrNullObject(true);
  old.load("rowCount,rowIndex");
  const date1904 = askDateSystem(context);
  await context.sync();
  const oldLast = old.isNullObject ? -1 : old.rowIndex + old.rowCount - 1;
  if (oldLast >= FIRST_DATA_ROW) await clearOldRows(context, ws, layout, oldLast, host);
  const t = turns();
  const rows = await rowsOf(sheet, records, date1904(), t);
  // Columns widened to their data (queued with the first block: no sync of their own).
  sheet.fields.forEach((f, col) => {
    const width = widthForValues(f, sampleColumn(rows, col));
    if (width !== null) ws.getRange(`${columnLetter(col)}:${columnLetter(col)}`).format.columnWidth = width;
  });
  for (const [from, to] of await drive(blockSteps(rows, WRITE_BUDGET_BYTES), t)) {
    const block = rows.slice(from, to);
    ws.getRange(rangeAddress(FIRST_DATA_ROW + from, 0, FIRST_DATA_ROW + to - 1, width - 1)).values = block;
    await context.sync();
    onBlock?.(to);
    await t.now();
  }
  if (rows.length === 0) await context.sync();
}
