import type { Severity } from "../domain";
import { cellAddress, rangeAddress } from "./a1";
import { areasOf, packAddresses, type Cell } from "./areas";
import { clearCellMessage, replaceCellMessage, setCellMessage } from "./cell-message";
import type { SheetFrame } from "./frame";
import { formatMemory, parseMemory, type MarkMemory } from "./mark-memory";
import { palette } from "./palette";
import type { CellValue } from "./read";
import { turns, type Turns } from "./turns";

export interface CellMark {
  /** Zero-based sheet row and column. */
  row: number;
  col: number;
  severity: Severity;
  message: string;
}

export interface PaintInput {
  frame: SheetFrame;
  /** Zero-based sheet row of the first data row; memory and statuses start there. */
  firstRow: number;
  /** The hidden marks cell of each data row, as read. */
  memory: readonly CellValue[];
  marks: readonly CellMark[];
  /** The status text of each data row; null leaves the cell as it is. */
  statuses: readonly (string | null)[];
  notes: boolean;
  /** fill.pattern (ExcelApi 1.15) tells "no fill" from a white fill. */
  pattern: boolean;
  /** Title of a data-validation prompt when notes are missing. */
  promptTitle: string;
}

/** Requests are kept under Excel on the web's 5 MB (the estimate below runs about 15 % high). */
const REQUEST_BUDGET_BYTES = 4_600_000;
/** Rough request size of one queued action around its payload (Office.js JSON envelope). */
const ACTION_BYTES = 90;

interface Target {
  severity: Severity;
  message: string;
}

function groupMarks(marks: readonly CellMark[]): Map<number, Map<number, Target>> {
  const byRow = new Map<number, Map<number, Target>>();
  for (const m of marks) {
    const row = byRow.get(m.row) ?? new Map<number, Target>();
    byRow.set(m.row, row);
    const prev = row.get(m.col);
    if (!prev) row.set(m.col, { severity: m.severity, message: m.message });
    else if (!prev.message.includes(m.message))
      row.set(m.col, {
        severity: prev.severity === "error" || m.severity === "error" ? "error" : "warning",
        message: `${prev.message}\n${m.message}`,
      });
  }
  return byRow;
}

/** What one row's marks change: cells to restore, to paint, to fill-probe, and its new memory. */
interface RowPlan {
  row: number;
  restore: { cell: Cell; color: string }[];
  paint: { cell: Cell; target: Target; fresh: boolean }[];
  memory: MarkMemory;
  changed: boolean;
}

export function planRow(row: number, old: MarkMemory, targets: Map<number, Target> | undefined): RowPlan {
  const plan: RowPlan = { row, restore: [], paint: [], memory: new Map(), changed: false };
  for (const [col, color] of old) {
    if (targets?.has(col)) plan.memory.set(col, color);
    else plan.restore.push({ cell: { row, col }, color });
  }
  for (const [col, target] of targets ?? []) {
    const fresh = !old.has(col);
    plan.paint.push({ cell: { row, col }, target, fresh });
  }
  plan.changed = plan.restore.length > 0 || plan.paint.some((p) => p.fresh);
  return plan;
}

/** Rows cut into chunks whose queued writes stay under the request budget. */
async function chunkRows(
  plans: RowPlan[],
  statuses: readonly (string | null)[],
  t: Turns,
): Promise<RowPlan[][]> {
  const chunks: RowPlan[][] = [];
  let current: RowPlan[] = [];
  let bytes = 0;
  for (let i = 0; i < plans.length; i++) {
    if (i % PER_CHECK === PER_CHECK - 1) await turnIfDue(t);
    const p = plans[i]!;
    let cost = (statuses[i]?.length ?? 2) + 12;
    for (const x of p.paint) cost += ACTION_BYTES + x.target.message.length + 16;
    cost += p.restore.length * (ACTION_BYTES + 16);
    if (bytes + cost > REQUEST_BUDGET_BYTES && current.length) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Items handled between two looks at the clock (each look may give the pane a turn). */
const PER_CHECK = 200;

async function turnIfDue(t: Turns): Promise<void> {
  const wait = t.check();
  if (wait) await wait;
}

/** A loaded fill's JSON is about this long: {"format":{"fill":{"color":"#FFFFFF","pattern":"None"}}}. */
const FILL_RESPONSE_BYTES = 64;
const RESPONSE_BUDGET_BYTES = 4_000_000;

/**
 * The user's own fill of each freshly marked cell, loaded before we paint over it: one RangeAreas
 * of single cells per address list under 8,000 characters, its areas' fills loaded together, so the
 * request stays small and the response is a few dozen bytes per cell.
 */
async function loadFills(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  cells: Cell[],
  pattern: boolean,
  t: Turns,
): Promise<string[]> {
  const out: string[] = [];
  const perSync = Math.floor(RESPONSE_BUDGET_BYTES / FILL_RESPONSE_BYTES);
  for (let i = 0; i < cells.length; i += perSync) {
    const addresses = packAddresses(cells.slice(i, i + perSync).map((c) => cellAddress(c.row, c.col)));
    const groups: Excel.RangeCollection[] = [];
    for (const a of addresses) {
      const areas = ws.getRanges(a).areas;
      areas.load(pattern ? "items/format/fill/color,items/format/fill/pattern" : "items/format/fill/color");
      groups.push(areas);
      await turnIfDue(t);
    }
    await context.sync();
    await t.now();
    for (const g of groups) {
      for (const r of g.items) {
        const f = r.format.fill;
        out.push((pattern ? f.pattern === "None" : f.color === "#FFFFFF") ? "" : (f.color ?? ""));
      }
      await turnIfDue(t);
    }
  }
  return out;
}

function queueFills(ws: Excel.Worksheet, groups: Map<string, Cell[]>): void {
  for (const [color, cells] of groups) {
    for (const address of areasOf(cells)) {
      const areas = ws.getRanges(address);
      if (color === "") areas.format.fill.clear();
      else areas.format.fill.color = color;
    }
  }
}

function push(m: Map<string, Cell[]>, k: string, c: Cell): void {
  const list = m.get(k);
  if (list) list.push(c);
  else m.set(k, [c]);
}

/** Rows of the status and memory columns written per range: their arrays are built between turns. */
const ROWS_PER_WRITE = 10_000;
/** Rows whose fills are grouped into RangeAreas together: sorting a whole chunk's cells is one long step. */
const ROWS_PER_FILLS = 5_000;

async function queueChunk(ws: Excel.Worksheet, chunk: RowPlan[], input: PaintInput, t: Turns): Promise<void> {
  const groups = new Map<string, Cell[]>();
  let n = 0;
  for (const p of chunk) {
    // Queueing is JS work too (Office.js builds a proxy and an action per call).
    if (++n % PER_CHECK === 0) await turnIfDue(t);
    for (const r of p.restore) {
      push(groups, r.color, r.cell);
      clearCellMessage(ws, cellAddress(r.cell.row, r.cell.col), input.notes);
    }
    for (const x of p.paint) {
      push(groups, palette[x.target.severity], x.cell);
      const address = cellAddress(x.cell.row, x.cell.col);
      if (x.fresh) setCellMessage(ws, address, input.promptTitle, x.target.message, input.notes);
      else replaceCellMessage(ws, address, input.promptTitle, x.target.message, input.notes);
    }
    // Each cell is either restored or painted, so fills queued in row blocks end up the same.
    if (n % ROWS_PER_FILLS === 0) {
      queueFills(ws, groups);
      groups.clear();
      await turnIfDue(t);
    }
  }
  queueFills(ws, groups);
  await turnIfDue(t);
  const { statusCol, marksCol } = input.frame;
  // Rows of a chunk are consecutive: each piece is one rectangle of the status and memory columns.
  for (let start = 0; start < chunk.length; start += ROWS_PER_WRITE) {
    const piece = chunk.slice(start, start + ROWS_PER_WRITE);
    const first = piece[0]!.row;
    const last = piece[piece.length - 1]!.row;
    const offset = first - input.firstRow;
    ws.getRange(rangeAddress(first, statusCol, last, statusCol)).values = piece.map((_, i) => [
      input.statuses[offset + i] ?? null,
    ]);
    await turnIfDue(t);
    ws.getRange(rangeAddress(first, marksCol, last, marksCol)).values = piece.map((p) => [
      p.changed ? formatMemory(p.memory) : null,
    ]);
    await turnIfDue(t);
  }
}

/**
 * Paints a validation's marks in a few syncs: restores cells no longer marked, loads the user's fill
 * of newly marked cells (so Clear marks can give it back), then fills cells grouped by colour into
 * RangeAreas, writes each cell's message, the status column and the rows' memories.
 */
export async function paintMarks(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  input: PaintInput,
): Promise<void> {
  const t = turns();
  const targets = groupMarks(input.marks);
  const rows = Math.max(input.memory.length, input.statuses.length);
  const plans: RowPlan[] = [];
  const fresh: Cell[] = [];
  for (let i = 0; i < rows; i++) {
    const row = input.firstRow + i;
    const plan = planRow(row, parseMemory(input.memory[i]), targets.get(row));
    plans.push(plan);
    for (const x of plan.paint) if (x.fresh) fresh.push(x.cell);
    if (i % PER_CHECK === PER_CHECK - 1) await turnIfDue(t);
  }
  const fills = await loadFills(context, ws, fresh, input.pattern, t);
  let k = 0;
  for (let i = 0; i < plans.length; i++) {
    for (const x of plans[i]!.paint) if (x.fresh) plans[i]!.memory.set(x.cell.col, fills[k++] ?? "");
    if (i % PER_CHECK === PER_CHECK - 1) await turnIfDue(t);
  }
  for (const chunk of await chunkRows(plans, input.statuses, t)) {
    await queueChunk(ws, chunk, input, t);
    await context.sync();
    await t.now();
  }
}
