import { afterEach, describe, expect, it } from "vitest";
import { SimWorkbook, installExcelGlobals } from "../../workbench/excel-sim";
import { errorOf, setup } from "./helpers";

describe("excel-sim formats", () => {
  it("sets fills and fonts, reports no fill as #FFFFFF and mixed fills as null", async () => {
    const { book, run } = setup();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      const header = sheet.getRange("A1:C1");
      header.format.fill.color = "#d9e1f2";
      header.format.font.bold = true;
      header.format.font.color = "red";
      sheet.getRange("A2").format.font.italic = true;
      const a1 = sheet
        .getRange("A1")
        .load({ format: { fill: { color: true }, font: { bold: true, color: true } } });
      const empty = sheet.getRange("D1").format.fill.load("color");
      const mixed = sheet.getRange("C1:D1").format.fill.load("color");
      await context.sync();
      return [a1.format.fill.color, a1.format.font.bold, a1.format.font.color, empty.color, mixed.color];
    });
    expect(read).toEqual(["#D9E1F2", true, "#FF0000", "#FFFFFF", null]);
    expect(book.cell("Customers!B1")).toMatchObject({ fill: "#D9E1F2", bold: true, fontColor: "#FF0000" });
    expect(book.cell("Customers!A2").italic).toBe(true);
  });

  it("sets fill patterns and their colour, reads Solid for a plain fill, and clears all three", async () => {
    const { book, run } = setup();
    const read = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      const fill = sheet.getRange("A1:B1").format.fill;
      fill.color = "#E67396";
      fill.pattern = "LightUp";
      fill.patternColor = "#7a1033";
      sheet.getRange("C1").format.fill.color = "#FFF0A8";
      const a1 = sheet.getRange("A1").format.fill.load("pattern,patternColor");
      const c1 = sheet.getRange("C1").format.fill.load("pattern,patternColor");
      const d1 = sheet.getRange("D1").format.fill.load("pattern");
      const mixed = sheet.getRange("A1:C1").format.fill.load("pattern");
      await context.sync();
      return [a1.pattern, a1.patternColor, c1.pattern, c1.patternColor, d1.pattern, mixed.pattern];
    });
    expect(read).toEqual(["LightUp", "#7A1033", "Solid", "#000000", "None", null]);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("A1").format.fill.clear();
    });
    expect(book.cell("Customers!A1")).toMatchObject({ fill: null, pattern: "None", patternColor: null });
    expect(book.cell("Customers!B1")).toMatchObject({ pattern: "LightUp", patternColor: "#7A1033" });
    const refused = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").getRange("A1").format.fill.pattern =
          "LinearGradient";
      }),
    );
    expect(refused.code).toBe("InvalidArgument");
  });

  it("formats whole columns once and lets later cells inherit the column format", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.getRange("AA:AB").format.fill.color = "#EEEEEE";
      sheet.getRange("AA:AA").format.columnWidth = 120;
      sheet.getRange("AB:AB").columnHidden = true;
      sheet.getRange("3:3").rowHidden = true;
      sheet.getRange("AA7").format.fill.clear();
    });
    expect(book.cell("Customers!AB1048576").fill).toBe("#EEEEEE");
    expect(book.cell("Customers!AA7").fill).toBeNull();
    const sheet = book.sheet("Customers");
    expect(sheet.columnWidth(26)).toBe(120);
    expect(sheet.hiddenColumns.has(27)).toBe(true);
    expect(sheet.hiddenRows.has(2)).toBe(true);
  });

  it("formats and clears every area of a RangeAreas from getRanges", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const areas = context.workbook.worksheets.getItem("Customers").getRanges("A1:B2, D4");
      areas.format.fill.color = "#FFC7CE";
      areas.format.font.color = "#9C0006";
      const loaded = areas.load(["address", "areaCount"]);
      await context.sync();
      expect(loaded.address).toBe("Customers!A1:B2,Customers!D4");
      expect(loaded.areaCount).toBe(2);
    });
    expect(book.cell("Customers!B2")).toMatchObject({ fill: "#FFC7CE", fontColor: "#9C0006" });
    expect(book.cell("Customers!C3").fill).toBeNull();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRanges("B2,D4").format.fill.clear();
    });
    expect(book.cell("Customers!B2").fill).toBeNull();
    expect(book.cell("Customers!A1").fill).toBe("#FFC7CE");
  });

  it("sets and reads per-cell formats with setCellProperties and getCellProperties", async () => {
    const { book, run } = setup();
    const props = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("A1:B1");
      range.setCellProperties([
        [{ format: { fill: { color: "#FFEB9C" } } }, { format: { font: { color: "#0000FF", bold: true } } }],
      ]);
      const result = range.getCellProperties({ format: { fill: { color: true }, font: { bold: true } } });
      await context.sync();
      return result.value;
    });
    expect(props[0]?.[0]).toMatchObject({ format: { fill: { color: "#FFEB9C" } } });
    expect(props[0]?.[1]).toMatchObject({ format: { fill: { color: "#FFFFFF" }, font: { bold: true } } });
    expect(book.cell("Customers!B1").fontColor).toBe("#0000FF");
  });

  it("stores list validation with its prompt, splits it on partial changes, and clears it", async () => {
    const { book, run } = setup();
    const loaded = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      const column = sheet.getRange("F2:F100");
      column.dataValidation.rule = { list: { inCellDropDown: true, source: "=Lists!$A$1:$A$3" } };
      sheet.getRange("F5").dataValidation.prompt = { title: "Type", message: "Pick one", showPrompt: true };
      const whole = column.dataValidation.load(["type"]);
      const cell = sheet.getRange("F5").dataValidation.load(["type", "rule", "prompt"]);
      const outside = sheet.getRange("G5").dataValidation.load("type");
      await context.sync();
      return {
        whole: whole.type,
        type: cell.type,
        rule: cell.rule,
        prompt: cell.prompt,
        outside: outside.type,
      };
    });
    expect(loaded).toEqual({
      whole: "Inconsistent",
      type: "List",
      rule: { list: { inCellDropDown: true, source: "=Lists!$A$1:$A$3" } },
      prompt: { title: "Type", message: "Pick one", showPrompt: true },
      outside: "None",
    });
    expect(book.cell("Customers!F5")).toMatchObject({
      validation: "List",
      prompt: { title: "Type", message: "Pick one" },
    });
    expect(book.cell("Customers!F6")).toMatchObject({ validation: "List", prompt: null });
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("F:F").dataValidation.clear();
    });
    expect(book.sheet("Customers").validations).toEqual([]);
  });

  it("rejects an inline list source over 255 characters", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        const source = Array.from({ length: 60 }, (_, i) => `opt${i}`).join(",");
        context.workbook.worksheets.getItem("Customers").getRange("A1").dataValidation.rule = {
          list: { inCellDropDown: true, source },
        };
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
  });

  it("stores a custom conditional format and shows its fill where the rule holds", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      const cf = sheet.getRange("X2:Z100").conditionalFormats.add("Custom");
      cf.custom.rule.formula = '=$W2="Yes"';
      cf.custom.format.fill.color = "#FCE4D6";
      sheet.getRange("W2:W3").values = [["Yes"], ["No"]];
    });
    const [entry] = book.sheet("Customers").conditionalFormats;
    expect(entry).toMatchObject({ type: "Custom", formula: '=$W2="Yes"', fill: "#FCE4D6" });
    expect(book.displayFill("Customers!Y2")).toBe("#FCE4D6");
    expect(book.displayFill("Customers!Y3")).toBeNull();
  });
});

describe("excel-sim globals", () => {
  let uninstall: (() => void) | undefined;
  afterEach(() => uninstall?.());

  it("installs a global Excel with enums and run, and Office.context.requirements", async () => {
    const book = new SimWorkbook({ apiVersion: "1.17", sheets: ["Customers"] });
    uninstall = installExcelGlobals(book);
    expect(Excel.ConditionalFormatType.custom).toBe("Custom");
    expect(Excel.SheetVisibility.veryHidden).toBe("VeryHidden");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("A1").values = [["via global"]];
      await context.sync();
    });
    expect(book.cell("Customers!A1").value).toBe("via global");
  });
});

describe("excel-sim data validation store", () => {
  it("keeps a column rule intact around thousands of single-cell prompts and their removal", async () => {
    const { book, run } = setup({ apiVersion: "1.17", sheets: ["Customers"] });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.getRange("D3:E20000").dataValidation.rule = {
        list: { inCellDropDown: true, source: "=Lists!$A$1:$A$3" },
      };
      for (let row = 3; row < 20_000; row += 10) {
        sheet.getRange(`D${row}`).dataValidation.prompt = {
          showPrompt: true,
          title: "Type",
          message: `row ${row}`,
        };
      }
      sheet.getRange("G5").dataValidation.prompt = {
        showPrompt: true,
        title: "Note",
        message: "no rule here",
      };
    });
    expect(book.cell("Customers!D13")).toMatchObject({
      validation: "List",
      prompt: { title: "Type", message: "row 13" },
    });
    expect(book.cell("Customers!D14")).toMatchObject({ validation: "List", prompt: null });
    expect(book.cell("Customers!G5")).toMatchObject({
      validation: "None",
      prompt: { message: "no rule here" },
    });
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      for (let row = 3; row < 20_000; row += 10) {
        sheet.getRange(`D${row}`).dataValidation.prompt = { showPrompt: false, title: "", message: "" };
      }
    });
    expect(book.cell("Customers!D13")).toMatchObject({ validation: "List", prompt: null });
    expect(book.cell("Customers!E19999")).toMatchObject({ validation: "List" });
    expect(book.cell("Customers!D20000").validation).toBe("List");
    expect(book.cell("Customers!D20001").validation).toBe("None");
  });
});
