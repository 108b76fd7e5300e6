import { sheetMessages as text } from "../domain/sheet-messages";
import { cellAddress, rangeAddress } from "./a1";
import { utf8Length } from "./bytes";
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

function chunks(outcomes: readonly RowOutcomeCells[]): RowOutcomeCells[][] {
  const sorted = [...outcomes].sort((a, b) => a.row - b.row);
  const out: RowOutcomeCells[][] = [];
  let current: RowOutcomeCells[] = [];
  let bytes = 0;
  for (const o of sorted) {
    const span = current.length ? o.row - current[0]!.row : 0;
    bytes += utf8Length(o.status) + utf8Length(o.crmId ?? "") + 40;
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
 * After an import: CRM ID, version, hash and status written per row, as four column writes per
 * block of rows (rows not in the import get null, which leaves their cells as they are).
 */
export async function writeOutcomes(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  frame: SheetFrame,
  crmIdCol: number | null,
  outcomes: readonly RowOutcomeCells[],
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
  for (const chunk of chunks(outcomes)) {
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
    if (idCol !== null) await put(idCol, (o) => o.crmId);
    await put(frame.versionCol, (o) => (o.version === undefined ? undefined : String(o.version)));
    await put(frame.hashCol, (o) => o.hash);
    await put(frame.statusCol, (o) => o.status);
    await context.sync();
    await t.now();
  }
}
