// The simulator's strict behaviours (workbench/excel-sim/README.md, "Strict behaviours"): each test
// fails on the lenient simulator that came before.
import { describe, expect, it } from "vitest";
import { excelHosts } from "../../workbench/excel-sim";
import { errorOf, setup } from "./helpers";

const write =
  (address: string, data: unknown) =>
  async (context: Excel.RequestContext): Promise<void> => {
    context.workbook.worksheets.getItem("Customers").getRange(address).values = data as unknown[][];
    await context.sync();
  };

describe("excel-sim unbounded ranges", () => {
  it.each([
    ["values", "A:A", "x"],
    ["values", "A:A", [["x"]]],
    ["numberFormat", "B:C", "@"],
    ["numberFormat", "B:B", [["@"]]],
    ["formulas", "2:2", [["=1"]]],
  ])("refuses %s written to %s (%j)", async (property, address, data) => {
    const { run } = setup();
    const error = await errorOf(() =>
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Customers").getRange(address);
        (range as unknown as Record<string, unknown>)[property] = data;
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toMatch(/unbounded/);
  });

  it("reads cell-level properties of an unbounded range as null, its address as usual", async () => {
    const { run } = setup();
    const out = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("C:C");
      range.load("values,numberFormat,address");
      await context.sync();
      return { values: range.values, numberFormat: range.numberFormat, address: range.address };
    });
    expect(out).toEqual({ values: null, numberFormat: null, address: "Customers!C:C" });
  });

  it("formats a tall bounded range (rows 3 to the last) cell by cell as Excel would", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Customers");
      ws.getRange("B3:B1048576").numberFormat = "@" as unknown as string[][];
      ws.getRange("B900000").values = [["00123"]];
    });
    expect(book.cell("Customers!B2").numberFormat).toBe("General");
    expect(book.cell("Customers!B1048576").numberFormat).toBe("@");
    expect(book.cell("Customers!B900000").value).toBe("00123");
  });
});

describe("excel-sim typed input (en-US)", () => {
  it("turns + and - text into formulas, and refuses one Excel cannot parse", async () => {
    const { book, run } = setup();
    await run(write("A1:A3", [["-Smith"], ["+5"], ["-1,234.5"]]));
    expect(book.cell("Customers!A1")).toMatchObject({ isFormula: true, formula: "=-Smith" });
    expect(book.values("Customers!A2:A3")).toEqual([[5], [-1234.5]]);
    const error = await errorOf(() => run(write("A4", [["+44 20 7946 0958"]])));
    expect(error.code).toBe("InvalidArgument");
  });

  it("converts numbers, currency, percentages, dates, times and booleans", async () => {
    const { book, run } = setup();
    const typed = [["1,234"], ["$1,234.50"], ["12%"], ["3/14/2024"], ["13:30"], ["true"], ["(42)"]];
    await run(write("A1:A7", typed));
    expect(book.values("Customers!A1:A7")).toEqual([
      [1234],
      [1234.5],
      [0.12],
      [45365],
      [0.5625],
      [true],
      [-42],
    ]);
    expect(book.cell("Customers!A2").numberFormat).toBe("$#,##0.00");
    expect(book.cell("Customers!A4").numberFormat).toBe("m/d/yyyy");
    expect(book.cell("Customers!A5").numberFormat).toBe("h:mm");
  });

  it("keeps text in @ cells, and drops a leading apostrophe from what values returns", async () => {
    const { book, run } = setup();
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Customers");
      ws.getRange("A1:A2").numberFormat = [["@"], ["@"]];
      ws.getRange("A1:A2").values = [["+44 20 7946 0958"], ["3/14/2024"]];
      ws.getRange("B1").values = [['\'=HYPERLINK("x")']];
    });
    expect(book.values("Customers!A1:B2")).toEqual([
      ["+44 20 7946 0958", '=HYPERLINK("x")'],
      ["3/14/2024", ""],
    ]);
    expect(book.cell("Customers!B1").isFormula).toBe(false);
  });

  it("refuses text over 32,767 characters in one cell", async () => {
    const { book, run } = setup();
    await run(write("A1", [["x".repeat(32_767)]]));
    expect(String(book.cell("Customers!A1").value)).toHaveLength(32_767);
    const error = await errorOf(() => run(write("A2", [["x".repeat(32_768)]])));
    expect(error.code).toBe("InvalidArgument");
  });
});

describe("excel-sim request contexts", () => {
  it("fails with InvalidObjectPath when an object is used after its Excel.run, unless tracked", async () => {
    const { book, run } = setup();
    const [loose, tracked] = await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Customers");
      const kept = ws.getRange("B1");
      context.trackedObjects.add(kept);
      return [ws.getRange("A1"), kept] as const;
    });
    loose.values = [["late"]];
    const error = await errorOf(() => loose.context.sync());
    expect(error.code).toBe("InvalidObjectPath");
    tracked.values = [["kept"]];
    await tracked.context.sync();
    expect(book.values("Customers!A1:B1")).toEqual([["", "kept"]]);
  });

  it("fails a batch in cell-edit mode unless it asks for delayForCellEdit, which waits", async () => {
    const { book, run } = setup();
    book.startCellEdit();
    const error = await errorOf(() => run(write("A1", [["now"]])));
    expect(error.code).toBe("InvalidOperationInCellEditMode");
    const delayed = run(write("A1", [["later"]]), { delayForCellEdit: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(book.cell("Customers!A1").value).toBe("");
    book.endCellEdit();
    await delayed;
    expect(book.cell("Customers!A1").value).toBe("later");
  });
});

describe("excel-sim limits and rules", () => {
  it("refuses prompt titles over 32 and messages over 255 characters", async () => {
    const { run } = setup();
    const prompt = (title: string, message: string) => async (context: Excel.RequestContext) => {
      context.workbook.worksheets.getItem("Customers").getRange("A1").dataValidation.prompt = {
        showPrompt: true,
        title,
        message,
      };
      await context.sync();
    };
    await run(prompt("t".repeat(32), "m".repeat(255)));
    expect((await errorOf(() => run(prompt("t".repeat(33), "m")))).code).toBe("InvalidArgument");
    expect((await errorOf(() => run(prompt("t", "m".repeat(256))))).code).toBe("InvalidArgument");
  });

  it.each(["x".repeat(32), "a/b", "a:b", "'quoted", "quoted'", "History", "history", " "])(
    "refuses the sheet name %j",
    async (name) => {
      const { run } = setup();
      const error = await errorOf(() =>
        run(async (context) => {
          context.workbook.worksheets.add(name);
          await context.sync();
        }),
      );
      expect(error.code).toBe("InvalidArgument");
    },
  );

  it("throws ItemNotFound for a missing note and refuses a second note on a cell", async () => {
    const { run } = setup();
    const missing = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").notes.getItem("A1").load("content");
        await context.sync();
      }),
    );
    expect(missing.code).toBe("ItemNotFound");
    const twice = await errorOf(() =>
      run(async (context) => {
        const notes = context.workbook.worksheets.getItem("Customers").notes;
        notes.add("B2", "the user's own note");
        notes.add("B2", "ours");
        await context.sync();
      }),
    );
    expect(twice.code).toBe("InvalidArgument");
  });

  it("refuses a rule over a range whose validation is mixed, until it is cleared (office-js#2594)", async () => {
    const { book, run } = setup();
    const rule = { list: { inCellDropDown: true, source: "Yes,No" } };
    const error = await errorOf(() =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Customers");
        ws.getRange("B5:B10").dataValidation.prompt = { showPrompt: true, title: "t", message: "m" };
        ws.getRange("B1:B10").dataValidation.rule = rule;
        await context.sync();
      }),
    );
    expect(error.code).toBe("InvalidArgument");
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Customers").getRange("B1:B10");
      range.dataValidation.clear();
      range.dataValidation.rule = rule;
    });
    expect(book.cell("Customers!B7").validation).toBe("List");
  });

  it("counts the request in UTF-8 bytes: CJK text of 1.8 million characters is over 5 MB", async () => {
    const { book, run } = setup();
    const cell = "漢".repeat(30_000);
    const grid = Array.from({ length: 60 }, () => [cell]);
    const error = await errorOf(() => run(write("A1:A60", grid)));
    expect(error.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(book.stats.largestRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(60 * cell.length).toBeLessThan(5 * 1024 * 1024);
  });
});

describe("excel-sim workbook settings and events", () => {
  it("answers workbook.functions.date and typed dates in the 1904 date system when the workbook uses it", async () => {
    for (const date1904 of [false, true]) {
      const { book, run } = setup({ sheets: ["Customers"], date1904 });
      const serial = await run(async (context) => {
        const result = context.workbook.functions.date(2000, 1, 1);
        result.load("value");
        context.workbook.worksheets.getItem("Customers").getRange("A1").values = [["1/1/2000"]];
        await context.sync();
        return result.value;
      });
      const expected = date1904 ? 35_064 : 36_526;
      expect(serial).toBe(expected);
      expect(book.cell("Customers!A1").value).toBe(expected);
    }
  });

  it("tells a co-author's edit (source Remote) from a local one", async () => {
    const { book, run } = setup();
    const sources: string[] = [];
    await run(async (context) => {
      context.workbook.worksheets.getItem("Customers").onChanged.add(async (event) => {
        sources.push(event.source);
      });
      await context.sync();
    });
    await book.userEdit("Customers!A1", "mine");
    await book.userEdit("Customers!A2", "theirs", "Remote");
    expect(sources).toEqual(["Local", "Remote"]);
  });
});

describe("excel-sim requirement sets", () => {
  it("gates members by the set the typings give them, hand-listed or not", async () => {
    const hide = async (apiVersion: string) => {
      const { run } = setup({ sheets: ["Customers", "Lists"], apiVersion });
      return errorOf(() =>
        run(async (context) => {
          context.workbook.worksheets.getItem("Lists").visibility = "Hidden";
          await context.sync();
        }),
      ).catch(() => null);
    };
    // Worksheet.visibility: "ExcelApi 1.1 for reading visibility; 1.2 for setting it".
    expect((await hide("1.1"))?.code).toBe("ApiNotFound");
    expect(await hide("1.2")).toBeNull();
  });

  it.each([
    ["Excel 2021", excelHosts.excel2021, false],
    ["Excel 2024", excelHosts.excel2024, false],
    ["current Excel", excelHosts.current, true],
  ])("%s (ExcelApi %s) has notes: %s, and fill patterns (1.9) either way", async (_, apiVersion, notes) => {
    const { run } = setup({ sheets: ["Customers"], apiVersion });
    const pattern = await run(async (context) => {
      const fill = context.workbook.worksheets.getItem("Customers").getRange("A1").format.fill;
      fill.load("pattern");
      await context.sync();
      return fill.pattern;
    });
    expect(pattern).toBe("None");
    const error = await errorOf(() =>
      run(async (context) => {
        context.workbook.worksheets.getItem("Customers").notes.add("A1", "hello");
        await context.sync();
      }),
    ).catch(() => null);
    expect(error === null).toBe(notes);
    if (error) expect(error.code).toBe("ApiNotFound");
  });
});
