import { describe, expect, it } from "vitest";
import { readSheet } from "../../src/excel";
import { RESPONSE_LIMIT_BYTES } from "../../workbench/excel-sim";
import { simEnv } from "./helpers";

describe("reading a sheet", () => {
  it("reads a sheet whose rows grow longer in blocks under 5 MB, a block that grew too big retried smaller", async () => {
    const { book, env } = simEnv();
    const rows = 6_000;
    const grid = Array.from({ length: rows }, (_, i) => [
      `Name ${i}`,
      `n${i}@example.com`,
      `${i} `.repeat(300) + "é",
    ]);
    await book.userEdit(`Sheet1!A1:C1`, [["Name", "Email", "Notes"]]);
    await book.userEdit(`Sheet1!A2:C${rows + 1}`, grid);
    book.resetStats();

    const read = await readSheet(env);

    expect(read.frame.headers).toEqual(["Name", "Email", "Notes"]);
    expect(read.firstRow).toBe(1);
    expect(read.rows).toHaveLength(rows);
    expect(read.rows[rows - 1]!.slice(0, 3)).toEqual(grid[rows - 1]);
    // Rows 1,000 on are a quarter longer than the ones measured first: one block overshoots and is retried.
    const refused = book.stats.requests.filter((r) => r.responseBytes > RESPONSE_LIMIT_BYTES);
    expect(refused.length).toBeLessThanOrEqual(1);
    const total = book.stats.requests.reduce(
      (n, r) => n + (r.responseBytes > RESPONSE_LIMIT_BYTES ? 0 : r.responseBytes),
      0,
    );
    // Blocks are filled, not timid: no more syncs than the bytes need plus the shape and a last partial block.
    expect(book.stats.syncs - refused.length).toBeLessThanOrEqual(Math.ceil(total / 4_000_000) + 2);
  });

  it("reads an empty sheet as no rows", async () => {
    const { env } = simEnv();
    const read = await readSheet(env);
    expect(read.rows).toEqual([]);
    expect(read.frame.headers).toEqual([]);
  });
});
