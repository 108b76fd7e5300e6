import { cellAddress, columnLetter, rangeAddress } from "./a1";
import { sheetMessages as text } from "../domain/sheet-messages";
import { areasOf, packAddresses, type Cell } from "./areas";
import { utf8Length } from "./bytes";
import { setNumberFormat } from "./template";
import { clearPrompt, replacePrompt, setCellMessage } from "./cell-message";
import { NOTE_PROBES_PER_SYNC, queueNoteProbes, type NoteProbe } from "./note-probe";
import type { SheetFrame } from "./frame";
import { fillOf, formatMemory, hasUserNote, parseMemory, withUserNote, type MarkMemory } from "./mark-memory";
import { markStyles, type MarkKind } from "./palette";
import type { CellValue } from "./read";
import { turns, type Turns } from "./turns";

export interface CellMark {
  /** Zero-based sheet row and column. */
  row: number;
  col: number;
  /** An error or warning of the checks, or a conflict with the CRM's newer record. */
  severity: MarkKind;
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
  /** Each data row's status as read, so a long one's note can be removed when it gets short. */
  oldStatuses?: readonly CellValue[];
  notes: boolean;
  /** fill.pattern (ExcelApi 1.9) tells "no fill" from a white fill. */
  pattern: boolean;
  /** Title of a data-validation prompt when notes are missing. */
  promptTitle: string;
}

/** Requests are kept under Excel on the web's 5 MB (the estimate below runs about 15 % high). */
const REQUEST_BUDGET_BYTES = 4_600_000;
/** Rough request size of one queued action around its payload (Office.js JSON envelope). */
const ACTION_BYTES = 90;

interface Target {
  severity: MarkKind;
  message: string;
}

/** Two marks on one cell show as the stronger: an error over a conflict over a warning. */
const rank: Record<MarkKind, number> = { warning: 0, conflict: 1, error: 2 };
const strongest = (a: MarkKind, b: MarkKind): MarkKind => (rank[a] >= rank[b] ? a : b);

function groupMarks(marks: readonly CellMark[]): Map<number, Map<number, Target>> {
  const byRow = new Map<number, Map<number, Target>>();
  for (const m of marks) {
    const row = byRow.get(m.row) ?? new Map<number, Target>();
    byRow.set(m.row, row);
    const prev = row.get(m.col);
    if (!prev) row.set(m.col, { severity: m.severity, message: m.message });
    else if (!prev.message.includes(m.message))
      row.set(m.col, {
        severity: strongest(prev.severity, m.severity),
        message: `${prev.message}\n${m.message}`,
      });
  }
  return byRow;
}

/** What one row's marks change: cells to restore, to paint, to fill-probe, and its new memory. */
interface RowPlan {
  row: number;
  restore: { cell: Cell; color: string; userNote: boolean }[];
  paint: { cell: Cell; target: Target; fresh: boolean; userNote: boolean }[];
  memory: MarkMemory;
  changed: boolean;
  /** The status cell's note: its full text when long, null to remove ours, undefined to leave it. */
  statusNote?: string | null;
}

/** About what the status column (STATUS_WIDTH) shows; a longer status also goes into the cell's note. */
export const STATUS_NOTE_CHARS = 30;
export const isLongStatus = (v: CellValue | undefined): v is string =>
  typeof v === "string" && v.length > STATUS_NOTE_CHARS;

export function planRow(row: number, old: MarkMemory, targets: Map<number, Target> | undefined): RowPlan {
  const plan: RowPlan = { row, restore: [], paint: [], memory: new Map(), changed: false };
  for (const [col, entry] of old) {
    if (targets?.has(col)) plan.memory.set(col, entry);
    else plan.restore.push({ cell: { row, col }, color: fillOf(entry), userNote: hasUserNote(entry) });
  }
  for (const [col, target] of targets ?? []) {
    const fresh = !old.has(col);
    plan.paint.push({ cell: { row, col }, target, fresh, userNote: hasUserNote(old.get(col)) });
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
    let cost = utf8Length(statuses[i] ?? "--") + 12;
    for (const x of p.paint) cost += ACTION_BYTES + utf8Length(x.target.message) + 16;
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
  noteCells: Cell[] = [],
): Promise<{ fills: string[]; notes: NoteProbe }> {
  const out: string[] = [];
  const notes = new Map<string, Excel.Note>();
  const perSync = Math.floor(RESPONSE_BUDGET_BYTES / FILL_RESPONSE_BYTES);
  const rounds = Math.max(
    Math.ceil(cells.length / perSync),
    Math.ceil(noteCells.length / NOTE_PROBES_PER_SYNC),
  );
  for (let round = 0; round < rounds; round++) {
    const i = round * perSync;
    // The notes of the cells we will touch are probed in the same requests as the fills.
    const j = round * NOTE_PROBES_PER_SYNC;
    const found = queueNoteProbes(ws, noteCells.slice(j, j + NOTE_PROBES_PER_SYNC));
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
    for (const [address, note] of found()) notes.set(address, note);
    for (const g of groups) {
      for (const r of g.items) {
        const f = r.format.fill;
        out.push((pattern ? f.pattern === "None" : f.color === "#FFFFFF") ? "" : (f.color ?? ""));
      }
      await turnIfDue(t);
    }
  }
  return { fills: out, notes: { noteAt: (address) => notes.get(address) } };
}

/** Group keys of painted cells: a mark's style; any other key is a user's fill to give back. */
const MARK_KEY = "mark:";

function queueFills(ws: Excel.Worksheet, groups: Map<string, Cell[]>, pattern: boolean): void {
  for (const [key, cells] of groups) {
    for (const address of areasOf(cells)) {
      const fill = ws.getRanges(address).format.fill;
      if (key.startsWith(MARK_KEY)) {
        const style = markStyles[key.slice(MARK_KEY.length) as MarkKind];
        fill.color = style.color;
        // A repainted cell may carry another mark's pattern: every mark says its own.
        if (pattern) {
          fill.pattern = style.pattern;
          if (style.patternColor) fill.patternColor = style.patternColor;
        }
      } else if (key === "") fill.clear();
      else {
        fill.clear();
        fill.color = key;
      }
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

/**
 * Our message on a cell as a note: a user's own note is left as it is (our message stays in the
 * status column), a note of ours the user deleted is added again, one that is gone stays gone.
 */
function noteMessage(ws: Excel.Worksheet, address: string, message: string | null, notes: NoteProbe): void {
  const note = notes.noteAt(address);
  if (message === null) note?.delete();
  else if (note) note.content = message;
  else ws.notes.add(address, message);
}

async function queueChunk(
  ws: Excel.Worksheet,
  chunk: RowPlan[],
  input: PaintInput,
  notes: NoteProbe,
  t: Turns,
): Promise<void> {
  const groups = new Map<string, Cell[]>();
  let n = 0;
  for (const p of chunk) {
    // Queueing is JS work too (Office.js builds a proxy and an action per call).
    if (++n % PER_CHECK === 0) await turnIfDue(t);
    for (const r of p.restore) {
      push(groups, r.color, r.cell);
      const address = cellAddress(r.cell.row, r.cell.col);
      if (!input.notes) clearPrompt(ws, address);
      else if (!r.userNote) noteMessage(ws, address, null, notes);
    }
    if (p.statusNote !== undefined)
      noteMessage(ws, cellAddress(p.row, input.frame.statusCol), p.statusNote, notes);
    for (const x of p.paint) {
      push(groups, MARK_KEY + x.target.severity, x.cell);
      const address = cellAddress(x.cell.row, x.cell.col);
      if (input.notes) {
        if (!x.userNote) noteMessage(ws, address, x.target.message, notes);
      } else if (x.fresh) setCellMessage(ws, address, input.promptTitle, x.target.message, false);
      else replacePrompt(ws, address, input.promptTitle, x.target.message);
    }
    // Each cell is either restored or painted, so fills queued in row blocks end up the same.
    if (n % ROWS_PER_FILLS === 0) {
      queueFills(ws, groups, input.pattern);
      groups.clear();
      await turnIfDue(t);
    }
  }
  queueFills(ws, groups, input.pattern);
  await turnIfDue(t);
  const { statusCol, marksCol } = input.frame;
  // Rows of a chunk are consecutive: each piece is one rectangle of the status and memory columns.
  for (let start = 0; start < chunk.length; start += ROWS_PER_WRITE) {
    const piece = chunk.slice(start, start + ROWS_PER_WRITE);
    const first = piece[0]!.row;
    const last = piece[piece.length - 1]!.row;
    const offset = first - input.firstRow;
    // Our own columns are text on any sheet (on a sheet that is not a template they start General).
    const status = ws.getRange(rangeAddress(first, statusCol, last, statusCol));
    setNumberFormat(status, "@");
    status.values = piece.map((_, i) => [input.statuses[offset + i] ?? null]);
    await turnIfDue(t);
    const memory = ws.getRange(rangeAddress(first, marksCol, last, marksCol));
    setNumberFormat(memory, "@");
    memory.values = piece.map((p) => [p.changed ? formatMemory(p.memory) : null]);
    await turnIfDue(t);
  }
}

/**
 * Our columns named and the internal ones hidden, with the first chunk: on a sheet that is not our
 * template (a CSV, a mapped sheet) they start without headers and visible, and "19:|20:" or a row
 * hash mean nothing to a user. Each header is the one frameOf finds them by.
 */
function queueOwnColumns(ws: Excel.Worksheet, frame: PaintInput["frame"]): void {
  const own: [number, string][] = [
    [frame.statusCol, text.statusHeader],
    [frame.versionCol, text.versionHeader],
    [frame.hashCol, text.hashHeader],
    [frame.marksCol, text.marksHeader],
  ];
  for (const [col, header] of own) {
    const cell = ws.getRange(cellAddress(frame.headerRow, col));
    setNumberFormat(cell, "@");
    cell.values = [[header]];
    if (col !== frame.statusCol) ws.getRange(`${columnLetter(col)}:${columnLetter(col)}`).columnHidden = true;
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
  const noted: Cell[] = [];
  for (let i = 0; i < rows; i++) {
    const row = input.firstRow + i;
    const plan = planRow(row, parseMemory(input.memory[i]), targets.get(row));
    plans.push(plan);
    for (const x of plan.paint) if (x.fresh) fresh.push(x.cell);
    const status = input.statuses[i];
    if (input.notes && status !== null && status !== undefined) {
      // A long status is cut off by its column: its whole text goes into the cell's note.
      if (isLongStatus(status)) plan.statusNote = status;
      else if (isLongStatus(input.oldStatuses?.[i])) plan.statusNote = null;
      if (plan.statusNote !== undefined) noted.push({ row, col: input.frame.statusCol });
    }
    if (input.notes) {
      for (const x of plan.paint) if (!x.userNote) noted.push(x.cell);
      for (const r of plan.restore) if (!r.userNote) noted.push(r.cell);
    }
    if (i % PER_CHECK === PER_CHECK - 1) await turnIfDue(t);
  }
  const { fills, notes } = await loadFills(context, ws, fresh, input.pattern, t, noted);
  let k = 0;
  for (let i = 0; i < plans.length; i++) {
    for (const x of plans[i]!.paint) {
      if (!x.fresh) continue;
      // A fresh cell that already has a note has the user's own: remembered, and left alone.
      x.userNote = input.notes && notes.noteAt(cellAddress(x.cell.row, x.cell.col)) !== undefined;
      plans[i]!.memory.set(x.cell.col, withUserNote(fills[k++] ?? "", x.userNote));
    }
    if (i % PER_CHECK === PER_CHECK - 1) await turnIfDue(t);
  }
  const chunks = await chunkRows(plans, input.statuses, t);
  if (chunks.length) queueOwnColumns(ws, input.frame);
  for (const chunk of chunks) {
    await queueChunk(ws, chunk, input, notes, t);
    await context.sync();
    await t.now();
  }
}
