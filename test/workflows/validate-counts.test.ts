import { describe, expect, it } from "vitest";
import { catalogOf, type SchemaDocument, type SheetDef } from "../../src/domain";
import { validateSheet } from "../../src/import";
import { palette } from "../../src/excel";
import { columnLetter } from "../../src/excel/a1";
import {
  newTemplate,
  resetStore,
  setSchema,
  validateSheet as validateWorkbookSheet,
} from "../../src/workflows";
import { MAX_ADDRESS_LENGTH, REQUEST_LIMIT_BYTES, RESPONSE_LIMIT_BYTES } from "../../workbench/excel-sim";
import { generateCustomerRows, picklists } from "../../bench/_data";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../excel/schema";

/** Data rows with an error, by the pure pipeline alone. */
function validateRows(
  header: string[],
  grid: unknown[][],
  sheet: SheetDef,
  schema: SchemaDocument,
): number[] {
  const v = validateSheet(header, grid, sheet, {
    closedPeriodThrough: schema.closedPeriodThrough,
    picklists: schema.picklists,
    dateOrder: null,
    matchKeys: schema.defaultMatchKeys.customers,
    firstSheetRow: 3,
  });
  return v.rowStatus.flatMap((s, i) => (s === "error" ? [i] : []));
}

describe("Validate on 10,000 rows x 25 columns with 10 % bad rows", () => {
  it("uses at most 6 syncs, no request or response over 5 MB, no address over 8,192 characters", async () => {
    const data = generateCustomerRows({ rows: 10_000, seed: 7, badShare: 0.1 });
    const schema = { ...testSchema([]), picklists, closedPeriodThrough: data.closedPeriodThrough };
    resetStore();
    setSchema(schema);
    const { book, env } = simEnv();
    await newTemplate({ env }, ["customers"]);
    const customers = catalogOf(schema).customers;
    expect(data.header).toHaveLength(25);
    // The generated grid has every Customers field but CRM ID: it goes under columns B onwards.
    await book.userEdit(
      `Customers!B3:${columnLetter(customers.fields.length - 1)}${data.grid.length + 2}`,
      data.grid,
    );
    book.resetStats();

    const a = await validateWorkbookSheet({ env });

    expect(book.stats.syncs).toBeLessThanOrEqual(6);
    expect(book.stats.largestRequestBytes).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
    expect(book.stats.largestResponseBytes).toBeLessThanOrEqual(RESPONSE_LIMIT_BYTES);
    expect(book.stats.longestAddress).toBeLessThanOrEqual(MAX_ADDRESS_LENGTH);
    // The sheet says what the pure pipeline says about the same cells, read back through Excel.
    const pure = validateRows(data.header, data.grid, customers, schema);
    const badRows = a.rows.filter((r) => r.action === "invalid").map((r) => r.sheetRow - 2);
    expect(badRows).toEqual(pure);
    expect(badRows.length).toBeGreaterThan(800);
    for (const m of a.marks.filter((x) => x.severity === "error").slice(0, 200))
      expect(book.cell(`Customers!${columnLetter(m.col)}${m.row + 1}`).fill).toBe(palette.error);
  });

  it("paints the same sheet whether the simulated host yields at every step or applies each request whole", async () => {
    const data = generateCustomerRows({ rows: 3_000, seed: 3, badShare: 0.2 });
    const schema = { ...testSchema([]), picklists, closedPeriodThrough: data.closedPeriodThrough };
    const last = columnLetter(catalogOf(schema).customers.fields.length - 1);
    const outcome = async (hostSliceMs: number, apiVersion: string) => {
      resetStore();
      setSchema(schema);
      const { book, env } = simEnv(apiVersion, { hostSliceMs });
      await newTemplate({ env }, ["customers"]);
      await book.userEdit(`Customers!B3:${last}${data.grid.length + 2}`, data.grid);
      // Validated twice, a row edited in between: the second paint restores as well as marks.
      await validateWorkbookSheet({ env });
      await book.userEdit(`Customers!B3:${last}3`, [data.grid[7]]);
      book.resetStats();
      const a = await validateWorkbookSheet({ env });
      const used = book.usedRange("Customers") ?? "";
      const cells = Array.from({ length: 400 }, (_, r) =>
        Array.from({ length: 30 }, (_, c) => book.cell(`Customers!${columnLetter(c)}${r + 1}`)),
      );
      return {
        report: a.report,
        statuses: a.statuses,
        values: book.values(used),
        cells,
        notes: book.sheet("Customers").notes.size,
        requests: book.stats.requests,
        yielded: book.stats.hostYields > 0,
      };
    };
    for (const apiVersion of ["1.18", "1.17"]) {
      const sliced = await outcome(0, apiVersion);
      const whole = await outcome(Infinity, apiVersion);
      expect(sliced.yielded).toBe(true);
      expect(whole.yielded).toBe(false);
      expect({ ...sliced, yielded: null }).toEqual({ ...whole, yielded: null });
      expect(sliced.report.errorRows).toBeGreaterThan(300);
    }
  });
});
