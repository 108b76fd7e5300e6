import { describe, expect, it } from "vitest";
import { SimWorkbook, createExcelRunner } from "./excel-sim";
import {
  cellBackground,
  cellView,
  displayText,
  listOptions,
  pageStartFor,
  sheetWindow,
  PAGE_ROWS,
} from "./sheet-view";

async function paint(book: SimWorkbook, batch: (context: Excel.RequestContext) => void): Promise<void> {
  await createExcelRunner(book)(async (context) => {
    batch(context);
    await context.sync();
  });
}

describe("the workbench's view of a simulated sheet", () => {
  it("shows dates for date formats, TRUE/FALSE for booleans and empty for blanks", () => {
    expect(displayText(45000, "yyyy-mm-dd")).toBe("2023-03-15");
    expect(displayText(45000, "General")).toBe("45000");
    expect(displayText(true, "General")).toBe("TRUE");
    expect(displayText("", "General")).toBe("");
  });

  it("reads a cell's address, fill and note as the grid's data attributes carry them", async () => {
    const book = new SimWorkbook({ sheets: ["Customers"] });
    await paint(book, (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("B5");
      range.values = [["bad@"]];
      range.format.fill.color = "#ffc7ce";
      context.workbook.notes.add("Customers!B5", "Invalid email format.");
    });
    const cell = cellView(book, book.sheet("Customers"), 4, 1);
    expect(cell).toEqual({
      address: "Customers!B5",
      text: "bad@",
      fill: "#FFC7CE",
      pattern: "Solid",
      patternColor: "#000000",
      fontColor: "#000000",
      bold: false,
      note: "Invalid email format.",
      options: undefined,
    });
    expect(cellView(book, book.sheet("Customers"), 0, 0)).toMatchObject({ fill: "", note: "", text: "" });
  });

  it("draws an error's stripes and a conflict's dots over their fill, and plain fills as they are", async () => {
    const book = new SimWorkbook({ sheets: ["Customers"] });
    await paint(book, (context) => {
      const ws = context.workbook.worksheets.getItem("Customers");
      ws.getRange("A1").format.fill.color = "#E67396";
      ws.getRange("A1").format.fill.pattern = "LightUp";
      ws.getRange("A1").format.fill.patternColor = "#7a1033";
      ws.getRange("A2").format.fill.color = "#78A500";
      ws.getRange("A2").format.fill.pattern = "Gray8";
      ws.getRange("A3").format.fill.color = "#FFF0A8";
    });
    const view = (row: number) => cellView(book, book.sheet("Customers"), row, 0);
    expect(view(0)).toMatchObject({ pattern: "LightUp", patternColor: "#7A1033" });
    expect(cellBackground(view(0))).toBe(
      "repeating-linear-gradient(135deg, #7A1033 0 1px, transparent 1px 5px), #E67396",
    );
    expect(cellBackground(view(1))).toMatch(/^radial-gradient\(#000000 .*, #78A500$/);
    expect(cellBackground(view(2))).toBe("#FFF0A8");
    expect(cellBackground(view(3))).toBe(undefined);
  });

  it("lists a validation's options from inline text and from a range on another sheet", async () => {
    const book = new SimWorkbook({ sheets: ["Customers", "Lists"] });
    await paint(book, (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem("Lists").getRange("A1:A3").values = [["Retail"], ["Wholesale"], [""]];
      const customers = sheets.getItem("Customers");
      customers.getRange("C2:C9").dataValidation.rule = {
        list: { inCellDropDown: true, source: "=Lists!$A$1:$A$3" },
      };
      customers.getRange("D2:D9").dataValidation.rule = {
        list: { inCellDropDown: true, source: "company,individual" },
      };
    });
    const customers = book.sheet("Customers");
    expect(listOptions(book, customers, 3, 2)).toEqual(["Retail", "Wholesale"]);
    expect(listOptions(book, customers, 3, 3)).toEqual(["company", "individual"]);
    expect(listOptions(book, customers, 3, 4)).toBeUndefined();
  });

  it("draws the used range plus a margin, one page of rows at a time", async () => {
    const book = new SimWorkbook({ sheets: ["Big"] });
    await paint(book, (context) => {
      context.workbook.worksheets.getItem("Big").getRange("A500:Z500").values = [
        Array.from({ length: 26 }, () => 1),
      ];
    });
    const first = sheetWindow(book.sheet("Big"), 0);
    expect(first).toEqual({ firstRow: 0, rows: PAGE_ROWS, cols: 28, totalRows: 505 });
    expect(sheetWindow(book.sheet("Big"), 400)).toMatchObject({ firstRow: 400, rows: 105 });
  });

  it("turns to the page that holds a selected row, and stays when it is already shown", () => {
    expect(pageStartFor(450, 0)).toBe(2 * PAGE_ROWS);
    expect(pageStartFor(10, 400)).toBe(0);
    expect(pageStartFor(450, 400)).toBe(400);
  });
});
