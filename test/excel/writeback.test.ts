/**
 * Import's write-back (issue 18): a long status is cut off by the status column, so its whole text
 * goes into the cell's note too, as Validate's statuses do; on a host without notes nothing breaks.
 */
import { describe, expect, it } from "vitest";
import { REQUEST_LIMIT_BYTES } from "../../workbench/excel-sim/limits";
import { noteKey } from "../../workbench/excel-sim/sheet";
import { cellAddress } from "../../src/excel/a1";
import { writeImportOutcomes } from "../../src/excel/api";
import { frameOf } from "../../src/excel/frame";
import { STATUS_NOTE_CHARS } from "../../src/excel/marks";
import { addSheetWithRows } from "../../src/excel/sheet-io";
import { simEnv } from "./helpers";

const LONG = "Conflict: the CRM has a newer version of this customer, changed since your download";
const LONG_2 = "Not imported: the CRM refused the row because its email is used by another customer";

async function sheet(apiVersion: string, rows = 3) {
  const { book, env } = simEnv(apiVersion);
  const grid = [["Name"], ...Array.from({ length: rows }, (_, i) => [`Row ${i}`])];
  const name = await addSheetWithRows(env, "Mine", grid);
  const frame = frameOf(0, ["Name"]);
  const status = (row: number) => book.cell(`${name}!${cellAddress(row, frame.statusCol)}`);
  return { book, env, name, frame, status };
}

describe("import write-back: long statuses get a note", () => {
  it("writes a long status's whole text as the status cell's note on a 1.18 host, and updates or removes it later", async () => {
    expect(LONG.length).toBeGreaterThan(STATUS_NOTE_CHARS);
    const { book, env, name, frame, status } = await sheet("1.18");
    await writeImportOutcomes(env, name, frame, null, [
      { row: 1, status: LONG },
      { row: 2, status: "Created", crmId: "c_2", version: 1, hash: "h2" },
      { row: 3, status: LONG },
    ]);
    expect(status(1).value).toBe(LONG);
    expect(status(1).note).toBe(LONG);
    expect(status(2).value).toBe("Created");
    expect(status(2).note).toBe(null);
    expect(status(3).note).toBe(LONG);

    // The user deletes row 3's note; the next import: row 1 long again (a note already there:
    // updated, not added, which fails on a noted cell), row 3 short (no note to remove: no failure),
    // row 2 long (a new note).
    book.sheets.find((x) => x.name === name)!.notes.delete(noteKey(3, frame.statusCol));
    expect(status(3).note).toBe(null);
    await writeImportOutcomes(env, name, frame, null, [
      { row: 1, status: LONG_2 },
      { row: 2, status: LONG },
      { row: 3, status: "Updated", crmId: "c_3", version: 2, hash: "h3" },
    ]);
    expect(status(1).note).toBe(LONG_2);
    expect(status(2).note).toBe(LONG);
    expect(status(3).value).toBe("Updated");
    expect(status(3).note).toBe(null);
    // A row not in this import keeps its status and its note.
    await writeImportOutcomes(env, name, frame, null, [{ row: 3, status: "Created" }]);
    expect(status(1).value).toBe(LONG_2);
    expect(status(1).note).toBe(LONG_2);
  });

  it("writes the same statuses without notes on a 1.14 host (no notes API)", async () => {
    const { env, name, frame, status } = await sheet("1.14");
    await writeImportOutcomes(env, name, frame, null, [
      { row: 1, status: LONG },
      { row: 2, status: "Created", crmId: "c_2" },
    ]);
    expect(status(1).value).toBe(LONG);
    expect(status(1).note).toBe(null);
    expect(status(2).value).toBe("Created");
  });

  it("keeps each request under Excel's limit when thousands of long statuses and their notes go back", async () => {
    const rows = 8_000;
    const { book, env, name, frame, status } = await sheet("1.18", rows);
    const long = (i: number) => `${LONG} (${i}) ${"x".repeat(300)}`;
    book.resetStats();
    await writeImportOutcomes(
      env,
      name,
      frame,
      null,
      Array.from({ length: rows }, (_, i) => ({ row: i + 1, status: long(i), crmId: `c_${i}` })),
    );
    expect(book.stats.largestRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(status(rows).note).toBe(long(rows - 1));
    expect(status(1).note).toBe(long(0));
  });
});
