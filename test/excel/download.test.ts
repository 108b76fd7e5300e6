import { describe, expect, it } from "vitest";
import { catalogOf, type CrmRecord } from "../../src/domain";
import {
  TEMPLATE_VERSION,
  ensureTemplateSheets,
  escapeText,
  palette,
  rowHash,
  toCell,
  writeDownload,
} from "../../src/excel";
import { columnLetter } from "../../src/excel/a1";
import { recordRow, blocksOf, planMerge, rowKindOf } from "../../src/excel/download";
import {
  MAX_DATA_CHARS,
  displayChars,
  layoutOf,
  pointsForChars,
  widthForValues,
  widthOf,
} from "../../src/excel/layout";
import { resetStore, setSchema, validateSheet } from "../../src/workflows";
import { simEnv } from "./helpers";
import { testSchema } from "./schema";

const schema = testSchema([]);
const customers = catalogOf(schema).customers;
const col = (key: string) => columnLetter(customers.fields.findIndex((f) => f.key === key));
const record = (id: string, values: CrmRecord["values"], version = 1): CrmRecord => ({
  id,
  version,
  updatedAt: "2026-01-01T00:00:00Z",
  values,
});

async function template() {
  const { book, env } = simEnv();
  await ensureTemplateSheets(env, {
    sheets: [customers],
    picklists: schema.picklists,
    schemaHash: schema.schemaHash,
    version: TEMPLATE_VERSION,
  });
  return { book, env };
}

describe("cell values for a download", () => {
  it("escapes text Excel would take for a formula or a number, where the column is not text-formatted", () => {
    for (const s of ["=1+1", "+46 70", "-5", "@home", "0123", "12%", "TRUE", "\t=cmd"])
      expect(escapeText(s)).toBe(`'${s}`);
    for (const s of ["Acme", "a=b", "12 Main St"]) expect(escapeText(s)).toBe(s);
  });

  it("writes dates as serial numbers, yes/no as words, numbers of text columns as text", () => {
    const f = (key: string) => customers.fields.find((x) => x.key === key)!;
    expect(toCell(f("openingBalanceDate"), "2026-03-01")).toBe(46082);
    // A 1904 workbook counts from 1904-01-01: the same day is 1,462 lower.
    expect(toCell(f("openingBalanceDate"), "2026-03-01", true)).toBe(46082 - 1462);
    expect(toCell(f("openingBalanceDate"), "1904-01-01", true)).toBe(0);
    expect(toCell(f("multiLocation"), true)).toBe("Yes");
    expect(toCell(f("customerNumber"), 123)).toBe("123");
    expect(toCell(f("creditLimit"), 5000)).toBe(5000);
    expect(toCell(f("name"), null)).toBe("");
  });

  it("hashes a row the same after Excel stored it, and differently once a cell changes", () => {
    const row = recordRow(customers, record("c1", { name: "Acme", email: "a@acme.se", creditLimit: 10 }));
    const layout = layoutOf(customers);
    expect(row[layout.hashCol]).toBe(rowHash(row, layout.statusCol, 0));
    const edited = [...row];
    edited[2] = "Acme AB";
    expect(rowHash(edited, layout.statusCol, 0)).not.toBe(row[layout.hashCol]);
    const withId = [...row];
    withId[0] = "other";
    expect(rowHash(withId, layout.statusCol, 0)).toBe(row[layout.hashCol]);
  });

  it("cuts rows into blocks under the request budget", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row ${i}`, "x".repeat(100)]);
    const blocks = blocksOf(rows, 20_000);
    expect(blocks[0]![0]).toBe(0);
    expect(blocks.at(-1)![1]).toBe(1000);
    for (const [a, b] of blocks) expect(JSON.stringify(rows.slice(a, b)).length).toBeLessThanOrEqual(20_000);
  });
});

describe("a download into a sheet", () => {
  it("replaces the rows, undoes the marks of an earlier validation and keeps text as text", async () => {
    const { book, env } = await template();
    await env.run(async (context) => {
      context.workbook.worksheets.getItem("Customers").getRange(`${col("email")}3`).format.fill.color =
        "#FFFF00";
      await context.sync();
    });
    await book.userEdit(`Customers!${col("name")}3:${col("email")}3`, [["Old", "", "bad@"]]);
    resetStore();
    setSchema(schema);
    await validateSheet({ env });
    expect(book.cell(`Customers!${col("email")}3`).fill).toBe(palette.error);

    await writeDownload(env, customers, [
      record("c1", { name: '=HYPERLINK("http://x","y")', email: "a@b.se", customerNumber: "007" }, 3),
      record("c2", {
        name: "Two",
        phone: "+46701234567",
        openingBalance: 10,
        openingBalanceDate: "2026-02-01",
      }),
    ]);

    expect(book.cell(`Customers!${col("email")}3`)).toMatchObject({
      value: "a@b.se",
      fill: "#FFFF00",
      note: null,
    });
    expect(book.cell(`Customers!${col("name")}3`)).toMatchObject({
      value: '=HYPERLINK("http://x","y")',
      isFormula: false,
    });
    expect(book.cell(`Customers!${col("customerNumber")}3`).value).toBe("007");
    expect(book.cell("Customers!A3").value).toBe("c1");
    expect(book.cell(`Customers!${columnLetter(layoutOf(customers).versionCol)}3`).value).toBe("3");
    expect(book.cell(`Customers!${col("openingBalanceDate")}4`).value).toBe(46054);
    expect(book.values(`Customers!A5:${col("notes")}5`)[0]!.every((v) => v === "")).toBe(true);
  });
});

describe("column widths from the downloaded data (issue 18)", () => {
  const idx = (key: string) => customers.fields.findIndex((f) => f.key === key);
  const field = (key: string) => customers.fields[idx(key)]!;

  it("widens a column to 95 % of its values, never narrower than the template, at most 60 characters", async () => {
    const { book, env } = await template();
    const long = "Scandinavian Industrial Holdings Aktiebolag"; // 43 characters
    const records = Array.from({ length: 40 }, (_, i) =>
      record(`c${i}`, {
        name: i === 0 ? "x".repeat(300) : `${long} ${i % 10}`,
        email: `a${i}@b.se`,
        city: "Lund",
      }),
    );
    await writeDownload(env, customers, records);
    const sheet = book.sheet("Customers");
    // One value of 300 characters does not set the width; the 43 + 2 of the rest do, plus 2 spare.
    expect(sheet.columnWidth(idx("name"))).toBe(pointsForChars(long.length + 2 + 2));
    // Short values keep the template's width for the header and kind.
    expect(sheet.columnWidth(idx("city"))).toBe(widthOf(field("city")));
    expect(widthForValues(field("notes"), ["y".repeat(500)])).toBe(pointsForChars(MAX_DATA_CHARS));
  });

  it("counts East Asian wide characters as two", () => {
    expect(displayChars("株式会社")).toBe(8);
    expect(displayChars("Acme 株式会社")).toBe(13);
    expect(widthForValues(field("name"), ["株式会社東京海上日動火災保険"])).toBe(pointsForChars(28 + 2));
  });
});

describe("What a row is to a download (issue 15)", () => {
  const layout = layoutOf(customers);
  const crmCol = customers.fields.findIndex((f) => f.key === "crmId");
  const place = { dataCols: customers.fields.length, hashCol: layout.hashCol, crmCol };
  const downloaded = (id: string, name: string) => recordRow(customers, record(id, { name }));

  it("tells blank, unsent, edited and clean rows apart by the CRM ID and the hidden row hash", () => {
    const clean = downloaded("c1", "Alpha AB");
    const edited = [...clean];
    edited[customers.fields.findIndex((f) => f.key === "name")] = "Alpha AB (new)";
    const noHash = [...clean];
    noHash[layout.hashCol] = "";
    const unsent = [...clean];
    unsent[crmCol] = "";
    expect(rowKindOf(clean, place)).toBe("clean");
    expect(rowKindOf(edited, place)).toBe("edited");
    // A CRM ID without the hash a download or an import writes: nothing says it is as the CRM has it.
    expect(rowKindOf(noHash, place)).toBe("edited");
    expect(rowKindOf(unsent, place)).toBe("unsent");
    expect(rowKindOf(new Array(layout.hashCol + 1).fill(""), place)).toBe("blank");
  });

  it("plans a merge: clean rows replaced in place, edited and unsent rows kept, the rest appended, none twice", () => {
    const edited = downloaded("c2", "Bravo AB");
    edited[customers.fields.findIndex((f) => f.key === "name")] = "Bravo (mine)";
    const unsent = downloaded("x", "Charlie AB");
    unsent[crmCol] = "";
    const gone = downloaded("c9", "Deleted in the CRM");
    const rows = [downloaded("c1", "Alpha AB"), edited, unsent, gone, downloaded("c1", "Alpha AB again")];
    const records = [
      record("c1", { name: "Alpha AB" }, 2),
      record("c2", { name: "Bravo" }),
      record("c3", { name: "Delta" }),
    ];
    const plan = planMerge(rows, place, records, (r) => recordRow(customers, r));
    expect(plan.replace.map((r) => [r.index, r.cells[layout.versionCol]])).toEqual([[0, "2"]]);
    expect(plan.keptEdited).toEqual([1]);
    expect(plan.held).toEqual({ unsent: 1, edited: 1 });
    expect(plan.append.map((r) => r[crmCol])).toEqual(["c3"]);
  });
});
