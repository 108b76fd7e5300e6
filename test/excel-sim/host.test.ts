import { describe, expect, it } from "vitest";
import type { SimWorkbook } from "../../workbench/excel-sim";
import { errorOf, setup } from "./helpers";

const ROWS = 6_000;

/** A request with some of everything heavy: a large write, a large read, formats, notes, many small actions. */
async function busyRequest(book: SimWorkbook, run: ReturnType<typeof setup>["run"]) {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Customers");
    sheet.getRange(`A1:E${ROWS}`).values = Array.from({ length: ROWS }, (_, r) =>
      Array.from({ length: 5 }, (_, c) => (c === 0 ? r : c === 1 ? `=A${r + 1}` : `v${r}-${c}`)),
    );
    const cells = Array.from({ length: 300 }, (_, i) => `C${i * 3 + 1}`).join(",");
    sheet.getRanges(cells).format.fill.color = "#FFC7CE";
    for (let i = 0; i < 200; i++) sheet.notes.add(`D${i + 1}`, `note ${i}`);
    const read = sheet.getRange(`A1:E${ROWS}`).load("values, formulas");
    const fills = sheet.getRanges(cells).areas.load("items/format/fill/color");
    const count = sheet.notes.getCount();
    await context.sync();
    return {
      values: read.values,
      formulas: read.formulas,
      fills: fills.items.map((r) => r.format.fill.color),
      notes: count.value,
      used: book.usedRange("Customers"),
    };
  });
}

describe("excel-sim host: a request is applied in slices, off the add-in's turn", () => {
  it("gives the event loop turns in the middle of a large request", async () => {
    const { book, run } = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    let ticks = 0;
    let synced = false;
    let ticksBeforeSync = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 0);
    const immediate = () => {
      if (synced) return;
      ticksBeforeSync++;
      setImmediate(immediate);
    };
    setImmediate(immediate);
    try {
      await busyRequest(book, run);
      synced = true;
    } finally {
      clearInterval(timer);
    }
    expect(book.stats.syncs).toBe(1);
    expect(book.stats.hostYields).toBeGreaterThan(100);
    expect(ticksBeforeSync).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(0);
  });

  it("gives the same workbook, loaded values and byte counts whether it yields at every step or never", async () => {
    const sliced = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    const whole = setup({ sheets: ["Customers"], hostSliceMs: Infinity });
    const a = await busyRequest(sliced.book, sliced.run);
    const b = await busyRequest(whole.book, whole.run);
    expect(a).toEqual(b);
    expect(a.values[ROWS - 1]).toEqual([
      ROWS - 1,
      ROWS - 1,
      `v${ROWS - 1}-2`,
      `v${ROWS - 1}-3`,
      `v${ROWS - 1}-4`,
    ]);
    expect(a.fills).toEqual(Array.from({ length: 300 }, () => "#FFC7CE"));
    expect(sliced.book.cell("Customers!D7")).toEqual(whole.book.cell("Customers!D7"));
    expect(sliced.book.stats.requests).toEqual(whole.book.stats.requests);
    expect(sliced.book.stats.hostYields).toBeGreaterThan(0);
    expect(whole.book.stats.hostYields).toBe(0);
  });

  it("applies requests one at a time: a second context's read waits for the first one's write", async () => {
    const { book, run } = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    const write = run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange(`A1:A${ROWS}`).values = Array.from(
        { length: ROWS },
        (_, r) => [`w${r}`],
      );
      await context.sync();
    });
    // Queued right behind the write; on its own it would be one quick step.
    const read = run(async (context) => {
      const last = context.workbook.worksheets.getItem("Customers").getRange(`A${ROWS}`).load("values");
      await context.sync();
      return last.values;
    });
    const [, values] = await Promise.all([write, read]);
    expect(values).toEqual([[`w${ROWS - 1}`]]);
    expect(book.stats.syncs).toBe(2);
  });

  it("holds a user's edit until the request being applied is done, so the edit is not overwritten", async () => {
    const { book, run } = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    const write = run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange(`A1:A${ROWS}`).values = Array.from(
        { length: ROWS },
        () => ["add-in"],
      );
      await context.sync();
    });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const edit = book.userEdit(`Customers!A${ROWS}`, "user");
    await Promise.all([write, edit]);
    expect(book.cell(`Customers!A${ROWS}`).value).toBe("user");
    expect(book.cell("Customers!A1").value).toBe("add-in");
  });

  it("still stops a sliced request at the failing action, keeping what came before", async () => {
    const { book, run } = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    const error = await errorOf(() =>
      run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem("Customers").getRange(`A1:A${ROWS}`).values = Array.from({ length: ROWS }, () => [
          "x",
        ]);
        sheets.getItem("Nowhere").getRange("A1").values = [["y"]];
        sheets.getItem("Customers").getRange("B1").values = [["z"]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemNotFound");
    expect(book.cell(`Customers!A${ROWS}`).value).toBe("x");
    expect(book.cell("Customers!B1").value).toBe("");
    expect(book.stats.hostYields).toBeGreaterThan(0);
  });

  it("refuses a response over 5 MB after slicing through it, delivering nothing", async () => {
    const { book, run } = setup({ sheets: ["Customers"], hostSliceMs: 0 });
    const big = "y".repeat(1_000);
    await book.userEdit(
      "Customers!A1:E1100",
      Array.from({ length: 1_100 }, () => Array.from({ length: 5 }, () => big)),
    );
    let loaded: { values: unknown } | null = null;
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange("A1:E1100").load("values");
        loaded = range;
        await context.sync();
      }),
    );
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(() => loaded?.values).toThrow(/not available/);
    expect(book.stats.largestResponseBytes).toBeGreaterThan(5 * 1024 * 1024);
  });
});
