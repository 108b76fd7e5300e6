import { cellAddress } from "./a1";
import type { Cell } from "./areas";

/**
 * Which of some cells carry a note, asked through getItemOrNullObject (NoteCollection.getItem throws
 * ItemNotFound once a user deleted the note, and add fails on a cell that already has one, the
 * user's own included). The probes are queued here and read after the caller's sync.
 */
export interface NoteProbe {
  /** The cell's note when it has one (for updating or deleting it in the same context). */
  noteAt(address: string): Excel.Note | undefined;
}

/** Probes per request: two small actions each, some 200 bytes, so a request stays near 2 MB. */
export const NOTE_PROBES_PER_SYNC = 10_000;

export function queueNoteProbes(ws: Excel.Worksheet, cells: readonly Cell[]): () => Map<string, Excel.Note> {
  const probes = cells.map((c) => {
    const address = cellAddress(c.row, c.col);
    return [address, ws.notes.getItemOrNullObject(address)] as const;
  });
  return () => {
    const found = new Map<string, Excel.Note>();
    for (const [address, note] of probes) if (!note.isNullObject) found.set(address, note);
    return found;
  };
}

export const probeOf = (found: ReadonlyMap<string, Excel.Note>): NoteProbe => ({
  noteAt: (address) => found.get(address),
});
