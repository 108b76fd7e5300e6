import type { CrmRecord, SheetDef } from "../domain";
import { drain, type Steps } from "../import";
import { columnLetter, rangeAddress } from "./a1";
import { jsonUtf8Bytes } from "./bytes";
import { rowHash, toCell } from "./cells";
import { askDateSystem } from "./date-system";
import { frameOf, type SheetFrame } from "./frame";
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
import { sheetMessages as text } from "../domain/sheet-messages";
import { readGrid, type CellValue, type SheetGrid } from "./read";
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

/**
 * blocksOf, yielding every ROWS_PER_CHECK rows so the pane can be given a turn. `extra`: bytes a row
 * costs beyond its values (the range a row starting a run of its own needs in the request).
 */
function* blockSteps(
  rows: readonly CellValue[][],
  budget: number,
  extra?: (row: number) => number,
): Steps<[number, number][]> {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_CHECK === ROWS_PER_CHECK - 1) yield;
    const b = jsonUtf8Bytes(rows[i]) + 1 + (extra?.(i) ?? 0);
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
 * What a sheet row is to a download: blank; unsent (data, no CRM ID); edited (a CRM ID, and its
 * cells no longer hash to what the last download or import wrote in the hidden hash column, or no
 * hash at all); clean (exactly as the CRM gave it). The hash column is the edit signal: it is
 * written with every downloaded row and every imported one, and sorting or moving rows keeps it.
 */
export type RowKind = "blank" | "unsent" | "edited" | "clean";

/** Where a row's data, CRM ID and hash are (crmCol -1: the sheet has no CRM ID column). */
export interface RowPlace {
  dataCols: number;
  hashCol: number;
  crmCol: number;
}

const isEmpty = (v: CellValue | undefined): boolean => v === null || v === undefined || v === "";

export function rowKindOf(cells: readonly CellValue[], place: RowPlace): RowKind {
  let filled = false;
  for (let c = 0; c < place.dataCols && !filled; c++) filled = !isEmpty(cells[c]);
  if (!filled) return "blank";
  const id = place.crmCol >= 0 ? cells[place.crmCol] : null;
  if (isEmpty(id)) return "unsent";
  const stored = cells[place.hashCol];
  return typeof stored === "string" && stored === rowHash(cells, place.dataCols, place.crmCol)
    ? "clean"
    : "edited";
}

/** The CRM ID column of a sheet read by its headers: the template's, else the one Import added. */
export function placeOf(frame: SheetFrame, sheet: SheetDef): RowPlace {
  const crm = sheet.fields.find((f) => f.key === "crmId");
  const byHeader = crm ? frame.headers.indexOf(headerText(crm)) : -1;
  return {
    dataCols: frame.dataCols,
    hashCol: frame.hashCol,
    crmCol: byHeader >= 0 ? byHeader : (frame.crmIdCol ?? -1),
  };
}

/** Rows a download must not lose without asking: not yet imported, or edited since their last download or import. */
export interface HeldRows {
  unsent: number;
  edited: number;
}

export function heldRowsOf(grid: SheetGrid, sheet: SheetDef): HeldRows {
  const place = placeOf(grid.frame, sheet);
  const held: HeldRows = { unsent: 0, edited: 0 };
  for (const cells of grid.rows) {
    const kind = rowKindOf(cells, place);
    if (kind === "unsent" || kind === "edited") held[kind]++;
  }
  return held;
}

/** A download merged around the user's rows (indexes are into the sheet's data rows). */
export interface MergePlan {
  /** Clean rows whose record came: each replaced by the record's row, in place. */
  replace: { index: number; cells: CellValue[] }[];
  /** Edited rows whose record came: kept as the user left them, their status saying so. */
  keptEdited: number[];
  held: HeldRows;
  /** Records no row of the sheet holds: added below its last row. */
  append: CellValue[][];
}

/**
 * Merge: a record fills the first clean row with its CRM ID; an edited row with its CRM ID is kept
 * (the record is not written anywhere: the row is that record, and its next Import meets the CRM's
 * version as a conflict if the CRM changed it); unsent rows, blank rows and rows whose record did
 * not come (deleted in the CRM) are left alone; the other records are appended.
 */
export function planMerge(
  rows: readonly (readonly CellValue[])[],
  place: RowPlace,
  records: readonly CrmRecord[],
  rowOf: (record: CrmRecord) => CellValue[],
): MergePlan {
  const byId = new Map(records.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const plan: MergePlan = { replace: [], keptEdited: [], held: { unsent: 0, edited: 0 }, append: [] };
  rows.forEach((cells, index) => {
    const kind = rowKindOf(cells, place);
    if (kind === "unsent" || kind === "edited") plan.held[kind]++;
    if (kind !== "clean" && kind !== "edited") return;
    const id = String(cells[place.crmCol]);
    const record = byId.get(id);
    if (!record || placed.has(id)) return;
    placed.add(id);
    if (kind === "edited") plan.keptEdited.push(index);
    else plan.replace.push({ index, cells: rowOf(record) });
  });
  for (const r of records) if (!placed.has(r.id)) plan.append.push(rowOf(r));
  return plan;
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

/** How a download meets the rows already in its sheet. */
export type WriteMode = "replace" | "merge";

/** What a download did to the sheet's rows. */
export interface WriteReport {
  /** Rows written from records (replaced in place or added). */
  written: number;
  /** Rows the download left as the user had them. */
  kept: HeldRows;
}

/** Rows to write, each with the sheet row it goes to (ascending). */
interface Placed {
  rows: CellValue[][];
  at: number[];
}

/** Bytes a range of its own costs in a request beyond its values (address, method, ids). */
const RANGE_COST = 300;

/**
 * Records written under the template's headers in blocks (one sync each); the sheet's columns are
 * already text- and date-formatted by the template. "replace": the rows below the headers are
 * replaced. "merge": see planMerge; the replaced rows' marks are undone, each kept edited row's
 * status says it was kept, and nothing else of the user's rows is touched.
 */
export async function writeRecords(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  sheet: SheetDef,
  records: readonly CrmRecord[],
  host: HostFeatures,
  onBlock?: (written: number) => void,
  mode: WriteMode = "replace",
): Promise<WriteReport> {
  const layout = layoutOf(sheet);
  const t = turns();
  let placed: Placed;
  let kept: HeldRows = { unsent: 0, edited: 0 };
  let date1904: boolean;
  if (mode === "merge") {
    const grid = await readGrid(context, ws);
    date1904 = grid.date1904;
    const plan = planMerge(grid.rows, placeOf(grid.frame, sheet), records, (r) =>
      recordRow(sheet, r, date1904),
    );
    kept = plan.held;
    await undoReplacedMarks(context, ws, grid, plan, host);
    const end = Math.max(grid.firstRow + grid.rows.length, FIRST_DATA_ROW);
    placed = {
      rows: [...plan.replace.map((r) => r.cells), ...plan.append],
      at: [...plan.replace.map((r) => grid.firstRow + r.index), ...plan.append.map((_, i) => end + i)],
    };
  } else {
    const old = ws.getUsedRangeOrNullObject(true);
    old.load("rowCount,rowIndex");
    const system = askDateSystem(context);
    await context.sync();
    date1904 = system();
    const oldLast = old.isNullObject ? -1 : old.rowIndex + old.rowCount - 1;
    if (oldLast >= FIRST_DATA_ROW) await clearOldRows(context, ws, layout, oldLast, host);
    const rows = await rowsOf(sheet, records, date1904, t);
    placed = { rows, at: rows.map((_, i) => FIRST_DATA_ROW + i) };
  }
  // Columns widened to their data (queued with the first block: no sync of their own).
  sheet.fields.forEach((f, col) => {
    const width = widthForValues(f, sampleColumn(placed.rows, col));
    if (width !== null) ws.getRange(`${columnLetter(col)}:${columnLetter(col)}`).format.columnWidth = width;
  });
  await sendPlaced(context, ws, placed, layout.hashCol + 1, t, onBlock);
  return { written: placed.rows.length, kept };
}

/** The rows in budgeted blocks, one sync each; each run of consecutive sheet rows is one range. */
async function sendPlaced(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  { rows, at }: Placed,
  width: number,
  t: Turns,
  onBlock?: (written: number) => void,
): Promise<void> {
  const startsRun = (i: number) => (i > 0 && at[i] === at[i - 1]! + 1 ? 0 : RANGE_COST);
  for (const [from, to] of await drive(blockSteps(rows, WRITE_BUDGET_BYTES, startsRun), t)) {
    let first = from;
    for (let i = from + 1; i <= to; i++) {
      if (i < to && at[i] === at[i - 1]! + 1) continue;
      ws.getRange(rangeAddress(at[first]!, 0, at[i - 1]!, width - 1)).values = rows.slice(first, i);
      first = i;
    }
    await context.sync();
    onBlock?.(to);
    await t.now();
  }
  if (rows.length === 0) await context.sync();
}

/**
 * Merge: the marks of the rows a record replaces are undone (the user's fills back, long statuses'
 * notes gone) and each kept edited row's status says why the download left it; one paint.
 */
async function undoReplacedMarks(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  grid: SheetGrid,
  plan: MergePlan,
  host: HostFeatures,
): Promise<void> {
  const { frame } = grid;
  const n = grid.rows.length;
  const memory: CellValue[] = new Array<CellValue>(n).fill(null);
  const statuses: (string | null)[] = new Array<string | null>(n).fill(null);
  const oldStatuses = grid.rows.map((r) => r[frame.statusCol] ?? null);
  for (const { index } of plan.replace) {
    memory[index] = grid.rows[index]![frame.marksCol] ?? null;
    if (isLongStatus(oldStatuses[index])) statuses[index] = "";
  }
  for (const index of plan.keptEdited) statuses[index] = text.keptEdited;
  if (!memory.some((m) => m) && !statuses.some((s) => s !== null)) return;
  await paintMarks(context, ws, {
    frame,
    firstRow: grid.firstRow,
    memory,
    marks: [],
    statuses,
    oldStatuses,
    ...host,
    promptTitle: "",
  });
}
