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
});
