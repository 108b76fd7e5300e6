import { sheetMessages as text } from "../domain/sheet-messages";
import { cellAddress, rangeAddress } from "./a1";
import { utf8Length } from "./bytes";
import { isLongStatus } from "./marks";
import { NOTE_PROBES_PER_SYNC, queueNoteProbes } from "./note-probe";
import { setNumberFormat } from "./template";
import type { SheetFrame } from "./frame";
import type { CellValue } from "./read";
import { turns, type Turns } from "./turns";

/** What an import tells one row: its CRM ID and version, its new hash, and its status. */
export interface RowOutcomeCells {
  /** Zero-based sheet row. */
  row: number;
  crmId?: string;
  version?: number;
  hash?: string;
  status: string;
}

const WRITE_BUDGET_BYTES = 3_000_000;
/** A note's add or update around its text, and the probe before it (note-probe.ts: some 200 bytes). */
const NOTE_BYTES = 300;

function column(
  rows: readonly RowOutcomeCells[],
  first: number,
  last: number,
  pick: (o: RowOutcomeCells) => CellValue | undefined,
): CellValue[][] {
  const out: CellValue[][] = Array.from({ length: last - first + 1 }, () => [null]);
  for (const o of rows) {
    const v = pick(o);
    if (v !== undefined) out[o.row - first]![0] = v;
  }
  return out;
}

function chunks(outcomes: readonly RowOutcomeCells[], notes: boolean): RowOutcomeCells[][] {
  const sorted = [...outcomes].sort((a, b) => a.row - b.row);
  const out: RowOutcomeCells[][] = [];
  let current: RowOutcomeCells[] = [];
  let bytes = 0;
  for (const o of sorted) {
    const span = current.length ? o.row - current[0]!.row : 0;
    bytes += utf8Length(o.status) + utf8Length(o.crmId ?? "") + 40;
    // A long status is sent twice: in its cell and in the cell's note.
    if (notes && isLongStatus(o.status)) bytes += utf8Length(o.status) + NOTE_BYTES;
    if (current.length && bytes + span * 20 > WRITE_BUDGET_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(o);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The status cells' notes of one block, queued for the sync that writes the block: a long status
 * gets its whole text as the cell's note (the status column cuts it off, as paintMarks does for
 * Validate), and a status cell whose old text was long and whose new one is short loses that note.
 * The old statuses are read and the notes probed first (add fails on a cell that has a note;
 * getItem throws once the user deleted it), NOTE_PROBES_PER_SYNC per request.
 */
async function queueStatusNotes(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  statusCol: number,
  chunk: readonly RowOutcomeCells[],
  t: Turns,
): Promise<void> {
  const first = chunk[0]!.row;
  const last = chunk[chunk.length - 1]!.row;
  const old = ws.getRange(rangeAddress(first, statusCol, last, statusCol)).load("values");
  await context.sync();
  const targets: { row: number; note: string | null }[] = [];
  for (const o of chunk) {
    if (isLongStatus(o.status)) targets.push({ row: o.row, note: o.status });
    else if (isLongStatus(old.values[o.row - first]?.[0])) targets.push({ row: o.row, note: null });
  }
  const found = new Map<string, Excel.Note>();
  for (let i = 0; i < targets.length; i += NOTE_PROBES_PER_SYNC) {
    const probe = queueNoteProbes(
      ws,
      targets.slice(i, i + NOTE_PROBES_PER_SYNC).map((x) => ({ row: x.row, col: statusCol })),
    );
    await context.sync();
    for (const [address, note] of probe()) found.set(address, note);
    await t.now();
  }
  let n = 0;
  for (const x of targets) {
    const address = cellAddress(x.row, statusCol);
    const note = found.get(address);
    if (x.note === null) note?.delete();
    else if (note) note.content = x.note;
    else ws.notes.add(address, x.note);
    if (++n % 200 === 0) {
      const wait = t.check();
      if (wait) await wait;
    }
  }
}

/**
 * After an import: CRM ID, version, hash and status written per row, as four column writes per
 * block of rows (rows not in the import get null, which leaves their cells as they are). With notes
 * (ExcelApi 1.18) a long status also goes into its cell's note, in the same request as the block.
 */
export async function writeOutcomes(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  frame: SheetFrame,
  crmIdCol: number | null,
  outcomes: readonly RowOutcomeCells[],
  notes = false,
): Promise<void> {
  const t: Turns = turns();
  // A sheet with no CRM ID column (a CSV, another system's export) gets one after ours, named, so
  // its rows are updates next time; the next read finds it by its header (frameOf).
  if (crmIdCol === null && outcomes.some((o) => o.crmId !== undefined)) {
    crmIdCol = Math.max(frame.statusCol, frame.versionCol, frame.hashCol, frame.marksCol) + 1;
    const header = ws.getRange(cellAddress(frame.headerRow, crmIdCol));
    setNumberFormat(header, "@");
    header.values = [[text.crmIdHeader]];
  }
  const idCol = crmIdCol;
  for (const chunk of chunks(outcomes, notes)) {
    const first = chunk[0]!.row;
    const last = chunk[chunk.length - 1]!.row;
    // Each column of 100,000 rows is some milliseconds of work: the pane may get a turn between them.
    const put = async (col: number, pick: (o: RowOutcomeCells) => CellValue | undefined) => {
      const range = ws.getRange(rangeAddress(first, col, last, col));
      // Text, also on sheets that are not our template: a hash "00123456" or an ID "0042" stays as
      // written (as a number it would read back changed and the row would be sent again).
      setNumberFormat(range, "@");
      range.values = column(chunk, first, last, pick);
      const wait = t.check();
      if (wait) await wait;
    };
    // The notes first: reading the old statuses syncs, which must come before the new ones are queued.
    if (notes) await queueStatusNotes(context, ws, frame.statusCol, chunk, t);
    if (idCol !== null) await put(idCol, (o) => o.crmId);
    await put(frame.versionCol, (o) => (o.version === undefined ? undefined : String(o.version)));
    await put(frame.hashCol, (o) => o.hash);
    await put(frame.statusCol, (o) => o.status);
    await context.sync();
    await t.now();
  }
}
