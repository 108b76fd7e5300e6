import { describe, expect, it } from "vitest";
import { errorOf, setup } from "./helpers";

describe("excel-sim proxies, load and sync", () => {
  it("throws PropertyNotLoaded, shaped like Office.js, when a property is read before load and sync", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange("A1:B2");
        range.load("values");
        return range.values; // loaded but not synced yet
      }),
    );
    expect(error.code).toBe("PropertyNotLoaded");
    expect(error.name).toBe("RichApi.Error");
    expect(error.message).toBe(
      `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "sync()" on the associated request context.`,
    );
  });

  it("throws PropertyNotLoaded for a property that was never loaded, even after a sync", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange("A1");
        range.load("address");
        await context.sync();
        expect(range.address).toBe("Customers!A1");
        return range.values;
      }),
    );
    expect(error.code).toBe("PropertyNotLoaded");
  });

  it("accepts load as a string list, an array and an object with nested paths", async () => {
    const { book, run } = setup();
    await book.userEdit("Customers!A1", "x");
    const result = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Customers");
      const a = sheet.getRange("A1:B2").load("values, address");
      const b = sheet.getRange("A1").load(["rowCount", "columnCount"]);
      const c = sheet.getRange("A1").load({ format: { fill: { color: true } }, values: true });
      const d = sheet.getRange("A1").load({ select: "address,rowIndex" });
      await context.sync();
      return [
        a.values,
        a.address,
        b.rowCount,
        b.columnCount,
        c.format.fill.color,
        c.values,
        d.address,
        d.rowIndex,
      ];
    });
    expect(result).toEqual([
      [
        ["x", ""],
        ["", ""],
      ],
      "Customers!A1:B2",
      1,
      1,
      "#FFFFFF",
      [["x"]],
      "Customers!A1",
      0,
    ]);
  });

  it("applies queued writes at sync, not before, and a load sees the state at its place in the queue", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("A1");
      const before = context.workbook.worksheets.getItem("Customers").getRange("A1").load("values");
      range.values = [["after"]];
      expect(book.cell("Customers!A1").value).toBe("");
      const afterLoad = context.workbook.worksheets.getItem("Customers").getRange("A1").load("values");
      await context.sync();
      expect(before.values).toEqual([[""]]);
      expect(afterLoad.values).toEqual([["after"]]);
    });
    expect(book.cell("Customers!A1").value).toBe("after");
  });

  it("resolves getItemOrNullObject at sync and exposes isNullObject only then", async () => {
    const { run } = setup();
    await run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("Lists");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  it("fails the sync with ItemNotFound for getItem of a missing sheet", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Nope").getRange("A1").load("values");
        await context.sync();
      }),
    );
    expect(error.code).toBe("ItemNotFound");
  });

  it("loads collection items and their properties with items/name", async () => {
    const { run } = setup();
    const names = await run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
    expect(names).toEqual(["Customers", "Lists"]);
  });

  it("syncs what the batch left queued when the runner's batch resolves", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange("B2").values = [[5]];
    });
    expect(book.cell("Customers!B2").value).toBe(5);
    expect(book.stats.syncs).toBe(1);
  });

  it("delivers getCount through a ClientResult readable after sync", async () => {
    const { run } = setup();
    await run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(/not available/);
      await context.sync();
      expect(count.value).toBe(2);
    });
  });
});

describe("excel-sim unsupported members", () => {
  it("throws a TypeError when code assigns a property the simulator does not have", async () => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange("A1");
        range.style = "Good";
      }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/does not simulate SimRange\.style/);
  });
});

describe("excel-sim request contexts", () => {
  it("refuses an object of another request context as an argument, as Office.js does", async () => {
    const { run } = setup();
    const old = await run(async (context) => context.workbook.worksheets.getItem("Customers").getRange("A1"));
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.notes.add(old, "x");
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidRequestContext");
  });
});
