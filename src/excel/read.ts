import { parseAddress, rangeAddress } from "./a1";
import { utf8Length } from "./bytes";
import { frameOf, headerRowOf, type SheetFrame } from "./frame";
import { askDateSystem } from "./date-system";
import { propertyKeys } from "./layout";
import { turns, type Turns } from "./turns";

/** Excel on the web refuses a response over 5 MB and may return nulls past 5,000,000 cells. */
export const RESPONSE_BUDGET_BYTES = 4_700_000;
export const MAX_CELLS_PER_BLOCK = 1_000_000;
/** A first guess at a cell's JSON size, before a block has been measured. */
const FIRST_GUESS_BYTES_PER_CELL = 40;

export type CellValue = string | number | boolean | null;

export interface SheetGrid {
  name: string;
  properties: Record<string, string>;
  isTemplate: boolean;
  frame: SheetFrame;
  /** Zero-based sheet row of rows[0]. */
  firstRow: number;
  /** Cells from column A to the last used column, data rows only; our own columns may lie beyond. */
  rows: CellValue[][];
  /** The workbook uses the 1904 date system: numbers in date cells are 1904 serials. */
  date1904: boolean;
  /** The user's locale (ExcelEnv.locale) when known: a date that reads two ways is read in its order. */
  locale?: string | null;
}

/** JSON size of one row of values in UTF-8 bytes, counted as Excel would send it (with its comma). */
function rowBytes(row: readonly CellValue[]): number {
  let bytes = 3;
  for (const v of row)
    bytes += typeof v === "string" ? utf8Length(v) + 3 : v === null ? 5 : String(v).length + 1;
  return bytes;
}

/** JSON size of a block of values, counted as Excel would send it. */
export function blockBytes(rows: readonly (readonly CellValue[])[]): number {
  let bytes = 2;
  for (const row of rows) bytes += rowBytes(row);
  return bytes;
}

export function rowsPerBlock(cols: number, bytesPerCell: number): number {
  const byBytes = Math.floor(RESPONSE_BUDGET_BYTES / (Math.max(1, cols) * Math.max(4, bytesPerCell)));
  return Math.max(1, Math.min(byBytes, Math.floor(MAX_CELLS_PER_BLOCK / Math.max(1, cols))));
}

const toCell = (v: unknown): CellValue =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;

/** A row as Excel gave it, checked cell by cell and kept in place: a copy of 100,000 rows is GC work. */
function cellRow(row: unknown[]): CellValue[] {
  for (let c = 0; c < row.length; c++) {
    const v: unknown = row[c];
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") row[c] = null;
  }
  return row as CellValue[];
}

/** Rows of a block checked and measured between two looks at the clock. */
const ROWS_PER_CHECK = 500;

/**
 * A loaded block's rows checked, measured and appended to `all`, giving the pane a turn whenever
 * the clock says so (a 4.7 MB block is some 350,000 cells). Returns the block's JSON size.
 */
async function takeBlock(values: unknown[][], all: CellValue[][], t: Turns): Promise<number> {
  let bytes = 2;
  for (let start = 0; start < values.length; start += ROWS_PER_CHECK) {
    const end = Math.min(values.length, start + ROWS_PER_CHECK);
    for (let r = start; r < end; r++) {
      const row = cellRow(values[r]!);
      bytes += rowBytes(row);
      all.push(row);
    }
    const wait = t.check();
    if (wait) await wait;
  }
  return bytes;
}

/** Excel's answer to a block whose response would pass 5 MB. */
const isTooLarge = (e: unknown): boolean =>
  typeof e === "object" && e !== null && "code" in e && e.code === "ResponsePayloadSizeLimitExceeded";

/** A fixed first block loaded with the sheet's shape, so the first real block can be sized from it. */
const PROBE_ROWS = 800;
const PROBE_COLS = 64;
/** Our estimate of a block's JSON runs a few per cent under Excel's count: aim below the budget. */
const SAFETY = 1.1;

interface Shape {
  properties: Record<string, string>;
  lastRow: number;
  cols: number;
  probe: CellValue[][];
  date1904: boolean;
}

async function loadShape(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<Shape> {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address");
  ws.load("name");
  ws.customProperties.load("items/key,items/value");
  const probe = ws.getRange(rangeAddress(0, 0, PROBE_ROWS - 1, PROBE_COLS - 1));
  probe.load("values");
  const date1904 = askDateSystem(context);
  await context.sync();
  const properties: Record<string, string> = {};
  for (const p of ws.customProperties.items) properties[p.key] = String(p.value);
  const bounds = used.isNullObject ? { row: 0, col: 0, rows: 0, cols: 0 } : parseAddress(used.address);
  const cols = Math.max(1, bounds.col + bounds.cols);
  const lastRow = bounds.row + bounds.rows - 1;
  const rows = Math.min(PROBE_ROWS, lastRow + 1);
  const fits = cols <= PROBE_COLS;
  return {
    properties,
    lastRow,
    cols,
    probe: fits ? probe.values.slice(0, rows).map((r) => r.slice(0, cols).map(toCell)) : [],
    date1904: date1904(),
  };
}

/**
 * The sheet's used range read in blocks: one sync for its shape (with a first probe of rows), then
 * one per block, each sized from the measured JSON size of what came before so no response nears
 * 5 MB. The event loop gets a turn between blocks, and within one every TURN_MS.
 */
export async function readGrid(context: Excel.RequestContext, ws: Excel.Worksheet): Promise<SheetGrid> {
  const t = turns();
  const shape = await loadShape(context, ws);
  const { properties, lastRow, cols } = shape;
  const isTemplate = properties[propertyKeys.version] !== undefined;
  const headerRow = headerRowOf(isTemplate);
  const all: CellValue[][] = shape.probe.slice(headerRow);
  let row = headerRow + all.length;
  let bytesPerCell = all.length ? blockBytes(all) / (all.length * cols) : FIRST_GUESS_BYTES_PER_CELL;
  while (row <= lastRow) {
    const count = Math.min(rowsPerBlock(cols, bytesPerCell * SAFETY), lastRow - row + 1);
    const block = ws.getRange(rangeAddress(row, 0, row + count - 1, cols - 1));
    block.load("values");
    try {
      await context.sync();
    } catch (e) {
      // Rows much longer than the ones measured: the block came back too big. Retry it halved.
      if (!isTooLarge(e) || count === 1) throw e;
      bytesPerCell *= 2;
      continue;
    }
    const values = block.values;
    const bytes = await takeBlock(values, all, t);
    bytesPerCell = Math.max(4, bytes / (values.length * cols));
    row += count;
    await t.now();
  }
  const header = all.shift() ?? [];
  return {
    name: ws.name,
    properties,
    isTemplate,
    frame: frameOf(headerRow, header),
    firstRow: headerRow + 1,
    rows: all,
    date1904: shape.date1904,
  };
}

/**
 * Only some rows (and the header) of a sheet, in one sync: for re-checking the rows a user edited.
 * The first two rows are loaded with them, since the header is on row 1 or 2 depending on the sheet.
 */
export async function readRows(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  first: number,
  last: number,
): Promise<SheetGrid> {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("columnCount,columnIndex");
  ws.load("name");
  ws.customProperties.load("items/key,items/value");
  const date1904 = askDateSystem(context);
  await context.sync();
  const cols = used.isNullObject ? 1 : used.columnIndex + used.columnCount;
  const top = ws.getRange(rangeAddress(0, 0, 1, cols - 1));
  const body = ws.getRange(rangeAddress(first, 0, last, cols - 1));
  top.load("values");
  body.load("values");
  await context.sync();
  const properties: Record<string, string> = {};
  for (const p of ws.customProperties.items) properties[p.key] = String(p.value);
  const isTemplate = properties[propertyKeys.version] !== undefined;
  const headerRow = headerRowOf(isTemplate);
  const frame = frameOf(headerRow, (top.values[headerRow] ?? []).map(toCell));
  const rows = body.values.map((r) => r.map(toCell));
  for (const r of rows) while (r.length <= frame.marksCol) r.push(null);
  return { name: ws.name, properties, isTemplate, frame, firstRow: first, rows, date1904: date1904() };
}
