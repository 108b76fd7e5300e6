import { describe, expect, it } from "vitest";
import { SimWorkbook, createExcelRunner } from "../../workbench/excel-sim";
import { errorOf, setup } from "./helpers";

describe("excel-sim worksheets", () => {
  it("adds, renames, orders, hides, activates and deletes sheets", async () => {
    const { book, run } = setup();
    const result = await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const added = sheets.add("Contacts");
      added.position = 0;
      sheets.getItem("Lists").visibility = "VeryHidden";
      sheets.getItem("Customers").name = "Clients";
      added.activate();
      const active = sheets.getActiveWorksheet().load("name");
      const lists = sheets.getItem("Lists").load(["visibility", "position"]);
      await context.sync();
      return { active: active.name, visibility: lists.visibility, position: lists.position };
    });
    expect(result).toEqual({ active: "Contacts", visibility: "VeryHidden", position: 2 });
    expect(book.sheetNames()).toEqual(["Contacts", "Clients", "Lists"]);
    await run(async (context) => {
      context.workbook.worksheets.getItem("Clients").delete();
    });
    expect(book.sheetNames()).toEqual(["Contacts", "Lists"]);
  });

  it("refuses a duplicate sheet name with ItemAlreadyExists", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.add("customers");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemAlreadyExists");
  });

  it("freezes rows and reports the frozen location", async () => {
    const { book, run } = setup();
    const address = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.freezePanes.freezeRows(1);
      const location = sheet.freezePanes.getLocationOrNullObject().load("address");
      await context.sync();
      return location.address;
    });
    expect(book.sheet("Customers").freeze).toEqual({ rows: 1, columns: 0 });
    expect(address).toBe("Customers!1:1");
  });

  it("stores custom properties with case-insensitive keys, overwritten by a second add", async () => {
    const { book, run } = setup();
    const found = await run(async (context) => {
      const props = context.workbook.worksheets.getItem("Customers").customProperties;
      props.add("TemplateVersion", "1");
      props.add("templateversion", "2");
      const item = props.getItem("TEMPLATEVERSION").load("value");
      const missing = props.getItemOrNullObject("schemaHash");
      const all = props.load("items/key");
      await context.sync();
      return { value: item.value, missing: missing.isNullObject, keys: all.items.map((p) => p.key) };
    });
    expect(found).toEqual({ value: "2", missing: true, keys: ["TemplateVersion"] });
    expect(book.sheet("Customers").customProperties.get("templateversion")?.value).toBe("2");
  });

  it("keeps workbook settings and names", async () => {
    const { book, run } = setup();
    const result = await run(async (context) => {
      context.workbook.settings.add("crm.baseUrl", { url: "http://x" });
      const missing = context.workbook.settings.getItemOrNullObject("nope");
      const setting = context.workbook.settings.getItem("crm.baseUrl").load("value");
      context.workbook.names.add("Countries", context.workbook.worksheets.getItem("Lists").getRange("A1:A3"));
      const name = context.workbook.names.getItem("Countries").load("formula");
      await context.sync();
      return { value: setting.value, missing: missing.isNullObject, formula: name.formula };
    });
    expect(result).toEqual({ value: { url: "http://x" }, missing: true, formula: "=Lists!$A$1:$A$3" });
    expect(book.settings.get("crm.baseUrl")).toEqual({ url: "http://x" });
  });

  it("adds, reads, edits and deletes notes (ExcelApi 1.18)", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      context.workbook.notes.add("Customers!B5", "Invalid email format.");
      context.workbook.worksheets.getItem("Customers").notes.add("C5", "Client name is required.");
    });
    expect(book.cell("Customers!B5").note).toBe("Invalid email format.");
    const contents = await run(async (context) => {
      const notes = context.workbook.worksheets.getItem("Customers").notes.load("items/content");
      context.workbook.notes.getItem("Customers!C5").content = "changed";
      await context.sync();
      return notes.items.map((n) => n.content);
    });
    expect(contents).toEqual(["Invalid email format.", "Client name is required."]);
    expect(book.cell("Customers!C5").note).toBe("changed");
    await run(async (context) => {
      context.workbook.notes.getItem("Customers!B5").delete();
    });
    expect(book.cell("Customers!B5").note).toBeNull();
  });

  it("rejects notes with ApiNotFound when the host is below ExcelApi 1.18", async () => {
    const book = new SimWorkbook({ apiVersion: "1.17", sheets: ["Customers"] });
    const run = createExcelRunner(book);
    expect(book.isSetSupported("ExcelApi", "1.17")).toBe(true);
    expect(book.isSetSupported("ExcelApi", "1.18")).toBe(false);
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.notes.add("Customers!A1", "x");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ApiNotFound");
  });
});

describe("excel-sim onChanged", () => {
  it("fires with triggerSource Unknown for a user edit and ThisLocalAddin for the add-in's writes", async () => {
    const { book, run } = setup();
    const seen: { address: string; triggerSource?: string; changeType: string }[] = [];
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").onChanged.add(async (event) => {
        seen.push({
          address: event.address,
          triggerSource: event.triggerSource,
          changeType: event.changeType,
        });
      });
    });
    await book.userEdit("Customers!B5", "bob@example");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("Z5").values = [["2 errors"]];
    });
    await book.idle();
    expect(seen).toEqual([
      { address: "B5", triggerSource: "Unknown", changeType: "RangeEdited" },
      { address: "Z5", triggerSource: "ThisLocalAddin", changeType: "RangeEdited" },
    ]);
  });

  it("lets a handler read the changed range in a new batch, and omits triggerSource below ExcelApi 1.14", async () => {
    const book = new SimWorkbook({ apiVersion: "1.13", sheets: ["Customers"] });
    const run = createExcelRunner(book);
    const seen: unknown[] = [];
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").onChanged.add((event) =>
        run(async (ctx) => {
          const range = event.getRange(ctx).load("values");
          await ctx.sync();
          seen.push([event.triggerSource, range.values]);
        }),
      );
    });
    await book.userEdit("Customers!A2", 42);
    expect(seen).toEqual([[undefined, [[42]]]]);
  });

  it("stops calling a handler after remove()", async () => {
    const { book, run } = setup();
    let calls = 0;
    const registration = await run(async (context) => {
      const result = context.workbook.worksheets.getItem("Customers").onChanged.add(async () => {
        calls += 1;
      });
      await context.sync();
      return result;
    });
    await book.userEdit("Customers!A1", 1);
    // As in Office.js, the removal goes through the context that added the handler.
    registration.remove();
    await registration.context.sync();
    await book.userEdit("Customers!A1", 2);
    expect(calls).toBe(1);
  });
});

describe("excel-sim small members", () => {
  it("selects, colours tabs, aligns, wraps, sizes rows, autofits, and accepts calculation suspension", async () => {
    const { book, run } = setup();
    await book.userEdit("Customers!C2", "a fairly long customer name");
    const read = await run(async (context) => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      const sheet = context.workbook.worksheets.getItem("Customers");
      sheet.tabColor = "#00b050";
      const header = sheet.getRange("A1:C1");
      header.format.horizontalAlignment = "Center";
      header.format.wrapText = true;
      header.format.rowHeight = 30;
      sheet.getRange("C:C").format.autofitColumns();
      sheet.getRange("B2").select();
      const selected = context.workbook.getSelectedRange().load("address");
      const format = header.format.load(["horizontalAlignment", "wrapText", "rowHeight"]);
      const tab = sheet.load("tabColor");
      const widths = sheet.getRange("B:C").format.load("columnWidth");
      await context.sync();
      return [
        selected.address,
        format.horizontalAlignment,
        format.wrapText,
        format.rowHeight,
        tab.tabColor,
        widths.columnWidth,
      ];
    });
    expect(read).toEqual(["Customers!B2", "Center", true, 30, "#00B050", null]);
    expect(book.sheet("Customers").columnWidth(2)).toBeGreaterThan(book.sheet("Customers").columnWidth(1));
  });
});
