import { describe, expect, it } from "vitest";
import { errorOf, setup } from "./helpers";

describe("excel-sim values and formulas", () => {
  it("turns a string starting with = into a formula whose value is not its text", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("A1:B1").values = [
        ["=FOO(1)", '=HYPERLINK("http://x","go")'],
      ];
    });
    const a1 = book.cell("Customers!A1");
    expect(a1).toMatchObject({ isFormula: true, formula: "=FOO(1)", value: "#NAME?" });
    expect(book.cell("Customers!B1")).toMatchObject({ isFormula: true, value: "go" });
  });

  it("keeps =text as text in a text-formatted (@) cell", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("C1");
      range.numberFormat = [["@"]];
      range.values = [['=HYPERLINK("http://x","go")']];
    });
    expect(book.cell("Customers!C1")).toMatchObject({
      isFormula: false,
      formula: null,
      value: '=HYPERLINK("http://x","go")',
    });
  });

  it("reads formulas back through range.formulas and values through range.values", async () => {
    const { run } = setup();
    const [values, formulas] = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.getRange("A1:C1").values = [[2, "=A1", "plain"]];
      const range = sheet.getRange("A1:C1").load(["values", "formulas"]);
      await context.sync();
      return [range.values, range.formulas];
    });
    expect(values).toEqual([[2, 2, "plain"]]);
    expect(formulas).toEqual([[2, "=A1", "plain"]]);
  });

  it("leaves a cell unchanged where the written array holds null", async () => {
    const { book, run } = setup();
    await book.userEdit("Customers!A1:B1", [["keep", "old"]]);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("A1:B1").values = [[null, "new"]];
    });
    expect(book.values("Customers!A1:B1")).toEqual([["keep", "new"]]);
  });

  it("interprets strings as Excel does: numbers lose leading zeros unless the cell is text", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      // Office.js documents a single value as applying to every cell; the typings only know 2-D arrays.
      sheet.getRange("B1:B1000").numberFormat = "@" as unknown as string[][];
      sheet.getRange("A1:A4").values = [["0123"], ["TRUE"], ["2024-01-15"], ["'0456"]];
      sheet.getRange("B1").values = [["0123"]];
    });
    expect(book.values("Customers!A1:A4")).toEqual([[123], [true], [45306], ["0456"]]);
    expect(book.cell("Customers!A3").numberFormat).toBe("m/d/yyyy");
    expect(book.cell("Customers!B1").value).toBe("0123");
    expect(book.cell("Customers!B500").numberFormat).toBe("@");
  });

  it("rejects an array whose shape differs from the range with InvalidArgument", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRange("A1:B2").values = [[1, 2]];
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
  });

  it("clears contents, formats or both with clear(applyTo)", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("A1:B1");
      range.values = [["a", "b"]];
      range.format.fill.color = "#FF0000";
      await context.sync();
      context.workbook.worksheets.getItem("Customers").getRange("A1").clear("Contents");
      context.workbook.worksheets.getItem("Customers").getRange("B1").clear("Formats");
    });
    expect(book.cell("Customers!A1")).toMatchObject({ value: "", fill: "#FF0000" });
    expect(book.cell("Customers!B1")).toMatchObject({ value: "b", fill: null });
  });

  it("computes the used range from values, and a null object for a blank sheet", async () => {
    const { book, run } = setup();
    await book.userEdit("Customers!B2:C3", [
      [1, 2],
      [3, 4],
    ]);
    const result = await run(async (context) => {
      const used = context.workbook.worksheets.getItem("Customers").getUsedRange(true).load("address");
      const blank = context.workbook.worksheets.getItem("Lists").getUsedRangeOrNullObject(true);
      const blankA1 = context.workbook.worksheets.getItem("Lists").getUsedRange().load("address");
      await context.sync();
      return { used: used.address, blankIsNull: blank.isNullObject, blankA1: blankA1.address };
    });
    expect(result).toEqual({ used: "Customers!B2:C3", blankIsNull: true, blankA1: "Lists!A1" });
    expect(book.usedRange("Customers")).toBe("Customers!B2:C3");
  });

  it("navigates with getCell, getRow, getColumn, getResizedRange, getOffsetRange, getLastRow", async () => {
    const { run } = setup();
    const addresses = await run(async (context) => {
      const base = context.workbook.worksheets.getItem("Customers").getRange("B2:D5");
      const ranges = [
        base.getCell(1, 1),
        base.getRow(0),
        base.getColumn(2),
        base.getResizedRange(1, -1),
        base.getOffsetRange(10, 0),
        base.getLastRow(),
        base.getBoundingRect("F9"),
      ].map((r) => r.load("address"));
      await context.sync();
      return ranges.map((r) => r.address);
    });
    expect(addresses).toEqual([
      "Customers!C3",
      "Customers!B2:D2",
      "Customers!D2:D5",
      "Customers!B2:C6",
      "Customers!B12:D15",
      "Customers!B5:D5",
      "Customers!B2:F9",
    ]);
  });
});

describe("excel-sim reading back", () => {
  it("evaluates one-cell references, reports text and value types, and broadcasts a scalar", async () => {
    const { run } = setup();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.getRange("A1:D1").values = [[1.5, true, "=A1", "=NOPE()"]];
      sheet.getRange("A2:C2").values = "x" as unknown as string[][];
      const range = sheet.getRange("A1:E2").load(["text", "valueTypes", "values"]);
      await context.sync();
      return range;
    });
    expect(read.values).toEqual([
      [1.5, true, 1.5, "#NAME?", ""],
      ["x", "x", "x", "", ""],
    ]);
    expect(read.text[0]).toEqual(["1.5", "TRUE", "1.5", "#NAME?", ""]);
    expect(read.valueTypes[0]).toEqual(["Double", "Boolean", "Double", "Error", "Empty"]);
  });

  it("refuses getRanges below ExcelApi 1.9 with ApiNotFound", async () => {
    const { run } = setup({ apiVersion: "1.8", sheets: ["Customers"] });
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRanges("A1, B2").format.fill.color = "#FF0000";
        await context.sync();
      }),
    );
    expect(error.code).toBe("ApiNotFound");
  });
});
