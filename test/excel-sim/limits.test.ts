import { describe, expect, it } from "vitest";
import { REQUEST_LIMIT_BYTES, columnLetters, jsonBytes } from "../../workbench/excel-sim";
import { errorOf, setup } from "./helpers";

function grid(
  rows: number,
  cols: number,
  cell: (r: number, c: number) => string | number,
): (string | number)[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c)));
}

describe("excel-sim limits and stats", () => {
  it("counts bytes exactly as JSON.stringify would, in UTF-8", () => {
    const samples: unknown[] = [
      [["a", 1, true, null]],
      ['quote " and \\ slash', "ünïcødé €", 1.5e-7, -0],
      { a: [1, 2], b: { c: "x" } },
    ];
    for (const s of samples) expect(jsonBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s), "utf8"));
  });

  it("writes and reads 10,000 x 25 in blocks under 5 MB, counting syncs and request sizes", async () => {
    const { book, run } = setup();
    const rows = 10_000;
    const block = 2_500;
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      for (let start = 0; start < rows; start += block) {
        sheet.getRange(`A${start + 1}:Y${start + block}`).values = grid(
          block,
          25,
          (r, c) => `v${start + r}-${c}`,
        );
        await context.sync();
      }
    });
    expect(book.stats.syncs).toBe(4);
    expect(book.stats.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    expect(book.stats.largestRequestBytes).toBeGreaterThan(
      jsonBytes(grid(block, 25, (r, c) => `v${r}-${c}`)),
    );
    book.resetStats();
    const values = await run(async (context) => {
      const used = context.workbook.worksheets
        .getItem("Customers")
        .getUsedRange(true)
        .load(["values", "address"]);
      await context.sync();
      return { address: used.address, last: used.values[rows - 1], count: used.values.length };
    });
    expect(values).toEqual({
      address: "Customers!A1:Y10000",
      last: Array.from({ length: 25 }, (_, c) => `v9999-${c}`),
      count: rows,
    });
    expect(book.stats.syncs).toBe(1);
    expect(book.stats.largestResponseBytes).toBeGreaterThan(10_000 * 25 * 8);
  });

  it("rejects a request over 5 MB with RequestPayloadSizeLimitExceeded and applies none of it", async () => {
    const { book, run } = setup();
    const big = "x".repeat(1_000);
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRange("A1:E1100").values = grid(
          1_100,
          5,
          () => big,
        );
        await context.sync();
      }),
    );
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(book.cell("Customers!A1").value).toBe("");
  });

  it("rejects a response over 5 MB with ResponsePayloadSizeLimitExceeded and delivers nothing", async () => {
    const { book, run } = setup();
    const big = "y".repeat(1_000);
    for (let start = 1; start <= 6_000; start += 1_000) {
      await run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRange(`A${start}:A${start + 999}`).values = grid(
          1_000,
          1,
          () => big,
        );
      });
    }
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange("A1:A6000").load("values");
        await context.sync();
        return range.values;
      }),
    );
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(book.stats.largestResponseBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it("refuses to read more than 5,000,000 cells at once", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRange("A1:E1048575").load("values");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(error.message).toMatch(/5,000,000 cells/);
  });

  it("rejects addresses over 8,192 characters and records the longest address seen", async () => {
    const { book, run } = setup();
    const cells = Array.from({ length: 2_000 }, (_, i) => `${columnLetters(i % 26)}${i + 1}`);
    const long = cells.join(",");
    expect(long.length).toBeGreaterThan(8_192);
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRanges(long).format.fill.color = "#FF0000";
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(book.stats.longestAddress).toBe(long.length);
    const short = cells.slice(0, 1_000).join(",");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRanges(short).format.fill.color = "#FF0000";
    });
    expect(book.cell("Customers!Z26").fill).toBe("#FF0000");
  });
});
