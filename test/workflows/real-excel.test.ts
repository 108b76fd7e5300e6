// Issue 14's "Why": each problem real Excel would have shown, as a regression test on the strict
// simulator (workbench/excel-sim/README.md lists its sources).
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogOf, messages } from "../../src/domain";
import { sheetMessages as sheetText } from "../../src/domain/sheet-messages";
import { palette, type ExcelRunner } from "../../src/excel";
import { columnLetter } from "../../src/excel/a1";
import { layoutOf, pointsForChars, widthOf } from "../../src/excel/layout";
import { addSheetWithRows, freeSheetName } from "../../src/excel/sheet-io";
import { writeDownload, writeImportOutcomes } from "../../src/excel/api";
import { frameOf } from "../../src/excel/frame";
import {
  assessSheet,
  clearMarks,
  downloadCustomers,
  getState,
  importSheet,
  newTemplate,
  resetStore,
  setSchema,
  validateSheet,
} from "../../src/workflows";
import { excelHosts } from "../../workbench/excel-sim";
import { simEnv } from "../excel/helpers";
import { customFields, testSchema } from "../excel/schema";
import { applyMapping, inspectSheet } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { startCrm, type LiveCrm } from "./crm";
import { colOf, statusCol, typeRow } from "./sheet";

const schema = testSchema();
const customers = catalogOf(schema).customers;
const C = (key: string, row: number) => `Customers!${colOf(customers, key)}${row}`;

beforeEach(() => {
  resetStore();
  setSchema(schema);
});

async function badEmailSheet(apiVersion: string = excelHosts.current) {
  const { book, env } = simEnv(apiVersion);
  await newTemplate({ env }, ["customers"]);
  await typeRow(book, customers, 3, { name: "Beta", email: "bad@" });
  return { book, env, deps: { env } };
}

describe("the template on real Excel", () => {
  it("text-formats data rows through a bounded range (Excel refuses formats on A:A)", async () => {
    const { book } = await badEmailSheet();
    const layout = layoutOf(customers);
    const hash = columnLetter(layout.hashCol);
    expect(book.cell(`Customers!${colOf(customers, "postalCode")}900000`).numberFormat).toBe("@");
    expect(book.cell(`Customers!${hash}1048576`).numberFormat).toBe("@");
  });

  it("sizes columns in points: n characters are (7n + 5) x 0.75 points, not 7n", async () => {
    const { book } = await badEmailSheet();
    const name = customers.fields.findIndex((f) => f.key === "name");
    const width = book.sheet("Customers").columnWidth(name);
    expect(width).toBe(widthOf(customers.fields[name]!));
    expect(pointsForChars(8.43)).toBeCloseTo(48, 0);
    expect(width).toBeLessThan(40 * 7 * 0.8);
  });

  it("keeps a custom field's label that looks like a formula as a label", async () => {
    const label = '=HYPERLINK("http://x","y")';
    const evil = testSchema(customFields.map((f) => (f.key === "cf_po_ref" ? { ...f, label } : f)));
    setSchema(evil);
    const { book, env } = simEnv();
    await newTemplate({ env }, ["customers"]);
    const fields = catalogOf(evil).customers.fields;
    const col = columnLetter(fields.findIndex((f) => f.key === "cf_po_ref"));
    expect(book.cell(`Customers!${col}2`)).toMatchObject({ isFormula: false });
    expect(String(book.cell(`Customers!${col}2`).value)).toMatch(/^=HYPERLINK/);
  });
});

describe("notes a user changed", () => {
  it("validates and clears marks after the user deleted one of our notes", async () => {
    const { book, env, deps } = await badEmailSheet();
    await validateSheet(deps);
    expect(book.cell(C("email", 3)).note).toBe(messages.invalidEmail);
    await env.run(async (context) => {
      context.workbook.worksheets.getItem("Customers").notes.getItem(C("email", 3).split("!")[1]!).delete();
      await context.sync();
    });
    await validateSheet(deps);
    expect(book.cell(C("email", 3)).note).toBe(messages.invalidEmail);
    await env.run(async (context) => {
      context.workbook.worksheets.getItem("Customers").notes.getItem(C("email", 3).split("!")[1]!).delete();
      await context.sync();
    });
    await clearMarks(deps);
    expect(book.cell(C("email", 3))).toMatchObject({ note: null, fill: null });
  });

  it("leaves a user's own note on a cell it marks, and keeps it through Clear marks", async () => {
    const { book, env, deps } = await badEmailSheet();
    await env.run(async (context) => {
      context.workbook.worksheets.getItem("Customers").notes.add(C("email", 3), "ask Anna");
      await context.sync();
    });
    await validateSheet(deps);
    expect(book.cell(C("email", 3))).toMatchObject({ note: "ask Anna", fill: palette.error });
    await validateSheet(deps);
    await clearMarks(deps);
    expect(book.cell(C("email", 3))).toMatchObject({ note: "ask Anna", fill: null });
  });
});

describe("fill patterns (ExcelApi 1.9) on Excel 2021", () => {
  it("gives a user's white fill back as white, not as no fill", async () => {
    const { book, env, deps } = await badEmailSheet(excelHosts.excel2021);
    await env.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Customers").getRange(C("email", 3).split("!")[1]!);
      cell.format.fill.color = "#FFFFFF";
      await context.sync();
    });
    await validateSheet(deps);
    await clearMarks(deps);
    expect(book.cell(C("email", 3)).fill).toBe("#FFFFFF");
  });
});

describe("values from a file or a user", () => {
  it("writes a mapped sheet's text as text: phone numbers, dates, formulas stay what they were", async () => {
    const { book, env } = simEnv();
    const rows = [
      ["Name", "Phone", "Joined", "Note", "Count"],
      ["Acme", "+44 20 7946 0958", "3/14/2024", '=HYPERLINK("x")', 7],
    ];
    const name = await addSheetWithRows(env, "Import", rows);
    expect(book.values(`${name}!A2:E2`)).toEqual([rows[1]]);
    expect(book.cell(`${name}!D2`).isFormula).toBe(false);
  });

  it("writes a wide CSV of accented and CJK text in requests under 5 MB counted in UTF-8", async () => {
    const { book, env } = simEnv();
    const row = Array.from({ length: 45 }, (_, i) =>
      i % 2 ? "Ärzteverbund Göteborg åäö" : "東京都千代田区丸の内",
    );
    const rows = Array.from({ length: 8_000 }, () => row);
    const name = await addSheetWithRows(env, "Wide", rows, { asText: true });
    expect(book.usedRange(name, true)).toBe(`${name}!A1:${columnLetter(44)}8000`);
    expect(book.stats.largestRequestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(book.stats.syncs).toBeGreaterThan(3);
  });

  it("maps a file without a header row onto a new sheet with +44, -5 and =1+2 kept as text", async () => {
    const { book, env } = simEnv();
    const csv = "Acme,+44 20 7946 0958,-5,=1+2\nBeta,+46 8 555 010 10,+1,@home\n";
    await openCsv({ env }, { name: "nohead.csv", bytes: new TextEncoder().encode(csv) }, "auto");
    const inspection = await inspectSheet({ env }, "nohead");
    const [name] = await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: ["name", "phone", "notes", "city"],
        firstRowIsHeader: false,
      },
    );
    expect(book.values(`${name}!A2:D3`)).toEqual([
      ["Acme", "+44 20 7946 0958", "-5", "=1+2"],
      ["Beta", "+46 8 555 010 10", "+1", "@home"],
    ]);
    for (const cell of ["B2", "C2", "D2", "B3", "C3"])
      expect(book.cell(`${name}!${cell}`).isFormula).toBe(false);
  });

  it("groups contacts into new sheets with a phone +44 ... and a name -Acme- kept as text", async () => {
    const { book, env } = simEnv();
    const csv = [
      "Org,Company,Person,Phone",
      "7,-Acme-,Ann Berg,+44 20 7946 0958",
      "7,-Acme-,Bo Ek,+44 20 7946 0959",
    ].join("\n");
    await openCsv({ env }, { name: "people.csv", bytes: new TextEncoder().encode(csv) }, "auto");
    const inspection = await inspectSheet({ env }, "people");
    const [companies, people] = await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: [null, "name", "contact:firstName", "contact:phone"],
        firstRowIsHeader: true,
        groupColumn: 0,
      },
    );
    expect(book.values(`${companies}!A2:A2`)).toEqual([["-Acme-"]]);
    expect(book.values(`${people}!A2:C3`)).toEqual([
      ["-Acme-", "Ann Berg", "+44 20 7946 0958"],
      ["-Acme-", "Bo Ek", "+44 20 7946 0959"],
    ]);
    for (const cell of [`${companies}!A2`, `${people}!A2`, `${people}!C2`])
      expect(book.cell(cell).isFormula).toBe(false);
  });

  it("downloads CJK records in requests under 5 MB counted in UTF-8 (3 bytes a character)", async () => {
    const { book, env } = simEnv();
    await newTemplate({ env }, ["customers"]);
    const notes = "春の展示会で面会。詳細な見積もりを希望。".repeat(50);
    const records = Array.from({ length: 2_000 }, (_, i) => ({
      id: `c${i}`,
      version: 1,
      updatedAt: "2026-01-01T00:00:00Z",
      values: { name: `東京精密工業株式会社 ${i}`, email: `a${i}@x.jp`, cf_po_ref: "PO", notes },
    }));
    // Counted in UTF-16 code units, as the download once did, every row would fit one request.
    expect(records.length * notes.length).toBeLessThan(5 * 1024 * 1024 * 0.5);
    expect(new TextEncoder().encode(notes).length * records.length).toBeGreaterThan(5 * 1024 * 1024);
    book.resetStats();
    await writeDownload(env, customers, records);
    expect(book.stats.largestRequestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(book.cell(C("notes", 2_002)).value).toBe(notes);
  });

  it("names sheets Excel accepts: no apostrophe at either end, never History", async () => {
    expect(freeSheetName("'Quoted'", [])).toBe("Quoted");
    expect(freeSheetName("History", [])).not.toMatch(/^history$/i);
    // Files named so open on the strict simulator, which refuses those names as Excel does.
    const { book, env } = simEnv();
    for (const file of ["History.csv", "'Quoted'.csv", "history.csv"])
      await openCsv({ env }, { name: file, bytes: new TextEncoder().encode("Name\nAcme\n") }, "auto");
    const names = book.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Quoted"]));
    for (const name of names) expect(name).not.toMatch(/^'|'$|^history$/i);
    expect(names).toHaveLength(4);
  });
});

describe("write-back on any sheet", () => {
  it("keeps a hash such as 00123456 as text on a sheet that is not a template", async () => {
    const { book, env } = simEnv();
    const name = await addSheetWithRows(env, "Mine", [["Name"], ["Acme"]]);
    const frame = frameOf(0, ["Name"]);
    await writeImportOutcomes(env, name, frame, null, [
      { row: 1, version: 3, hash: "00123456", status: "Created", crmId: "c_1" },
    ]);
    expect(book.cell(`${name}!${columnLetter(frame.hashCol)}2`).value).toBe("00123456");
    expect(book.cell(`${name}!${columnLetter(frame.versionCol)}2`).value).toBe("3");
  });

  it("sends every batch of the add-in through runBatch (delayForCellEdit), Check this Excel's probes aside", () => {
    const dir = new URL("../../src/", import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
    const direct = files.filter(
      (f) =>
        !/excel[\\/](runner|diagnostics)\.ts$/.test(f) &&
        /\benv\.run\(|\bExcel\.run\(/.test(readFileSync(new URL(f, dir), "utf8")),
    );
    expect(direct).toEqual([]);
  });

  it("writes the outcomes after the user leaves cell-edit mode instead of failing", async () => {
    const { book, env } = simEnv();
    const name = await addSheetWithRows(env, "Mine", [["Name"], ["Acme"]]);
    const frame = frameOf(0, ["Name"]);
    book.startCellEdit();
    const writing = writeImportOutcomes(env, name, frame, null, [{ row: 1, status: "Created" }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    book.endCellEdit();
    await writing;
    expect(book.cell(`${name}!${columnLetter(frame.statusCol)}2`).value).toBe("Created");
  });
});

describe("the manifest", () => {
  it("requires the ExcelApi set the add-in uses without asking (1.14: triggerSource)", () => {
    const xml = readFileSync(new URL("../../manifest.xml", import.meta.url), "utf8");
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.14"\/>/);
  });
});

/** 2026-03-14 as Excel counts it: in the 1900 date system, and in a 1904 workbook (1,462 days fewer). */
const MARCH_14 = { 1900: 46_095, 1904: 46_095 - 1_462 } as const;

describe("the 1904 date system", () => {
  it("reads a date the user typed in a 1904 workbook as the day typed, not four years later", async () => {
    const { book, env } = simEnv(excelHosts.current, { date1904: true });
    await newTemplate({ env }, ["customers"]);
    await typeRow(book, customers, 3, {
      name: "Acme",
      email: "a@acme.se",
      openingBalance: 100,
      openingBalanceDate: "3/14/2026",
    });
    expect(book.cell(C("openingBalanceDate", 3)).value).toBe(MARCH_14[1904]);
    const a = await assessSheet({ env });
    expect(a.rows[0]?.values?.openingBalanceDate).toBe("2026-03-14");
  });

  it("downloads a date as the 1904 workbook's serial, which reads back as the same day and unchanged", async () => {
    for (const date1904 of [false, true]) {
      const { book, env } = simEnv(excelHosts.current, { date1904 });
      await newTemplate({ env }, ["customers"]);
      const values = {
        name: "Acme",
        email: "a@acme.se",
        cf_po_ref: "PO-1",
        openingBalance: 100,
        openingBalanceDate: "2026-03-14",
      };
      await writeDownload(env, customers, [
        { id: "c1", version: 2, updatedAt: "2026-01-01T00:00:00Z", values },
      ]);
      expect(book.cell(C("openingBalanceDate", 3)).value).toBe(MARCH_14[date1904 ? 1904 : 1900]);
      const a = await assessSheet({ env });
      expect(a.rows[0]).toMatchObject({ action: "unchanged", values: { openingBalanceDate: "2026-03-14" } });
    }
  });
});

describe("with a CRM", () => {
  let crm: LiveCrm;
  beforeAll(async () => {
    crm = await startCrm();
  }, 180_000);
  afterAll(async () => {
    await crm?.close();
  });

  it("an import's write-back waits out the user typing in a cell and lands every CRM ID", async () => {
    resetStore();
    const client = await crm.newClient();
    const { book, env } = simEnv();
    // From the CRM's first answer on, the user is typing in a cell whenever the add-in asks Excel.
    let typing = false;
    const send = client.sendBatch.bind(client);
    client.sendBatch = async (...args) => {
      const answer = await send(...args);
      typing = true;
      return answer;
    };
    const run: ExcelRunner = (batch, options) => {
      if (typing) {
        book.startCellEdit();
        setTimeout(() => book.endCellEdit(), 30);
      }
      return env.run(batch, options);
    };
    const deps = { env: { ...env, run }, client };
    await newTemplate(deps, ["customers"]);
    const sheet = catalogOf(getState().schema!).customers;
    await typeRow(book, sheet, 3, { name: "Acme", email: "a@acme.se" });
    await typeRow(book, sheet, 4, { name: "Beta", email: "b@beta.se" });
    expect(await importSheet(deps)).toMatchObject({ created: 2 });
    expect(typing).toBe(true);
    for (const row of [3, 4])
      expect(book.cell(`Customers!${colOf(sheet, "crmId")}${row}`).value).toMatch(/\S/);
  });

  describe.each([
    ["Excel 2021", excelHosts.excel2021, false],
    ["Excel 2024", excelHosts.excel2024, false],
    ["current Excel", excelHosts.current, false],
    ["current Excel, a 1904 workbook", excelHosts.current, true],
  ])("the main flows on %s (ExcelApi %s)", (_, apiVersion, date1904) => {
    it("new template, validate, import with write-back, clear marks, download, import again", async () => {
      resetStore(); // the CRM's own schema, not the test schema
      const client = await crm.newClient();
      const { book, env } = simEnv(apiVersion, { date1904 });
      const deps = { env, client };
      await newTemplate(deps, ["customers"]);
      const sheet = catalogOf(getState().schema!).customers;
      const At = (key: string, row: number) => `Customers!${colOf(sheet, key)}${row}`;
      const values = { name: "Ærøskøbing Café 東京", phone: "+44 20 7946 0958", customerNumber: "00123" };
      await typeRow(book, sheet, 3, { ...values, openingBalance: 100, openingBalanceDate: "3/14/2026" });
      await typeRow(book, sheet, 4, { name: "Beta", email: "bad@" });
      const typedDate = book.cell(At("openingBalanceDate", 3)).value;
      expect(typedDate).toBe(MARCH_14[date1904 ? 1904 : 1900]);

      await validateSheet(deps);
      const bad = book.cell(At("email", 4));
      expect(bad.fill).toBe(palette.error);
      // Notes from ExcelApi 1.18; below it the message is the cell's data-validation prompt.
      expect(bad.note ?? bad.prompt?.message).toBe(messages.invalidEmail);
      expect(bad.note === null).toBe(apiVersion !== excelHosts.current);

      expect(await importSheet(deps)).toMatchObject({ created: 1, invalid: 1 });
      const crmId = book.cell(At("crmId", 3)).value;
      expect(crmId).toMatch(/\S/);
      expect(book.cell(`Customers!${statusCol(sheet)}3`).value).toBe(sheetText.created);
      const [stored] = await client.listAllRecords("customers");
      expect(stored).toMatchObject({
        id: crmId,
        values: { ...values, phone: "+442079460958", openingBalanceDate: "2026-03-14" },
      });

      await clearMarks(deps);
      expect(book.cell(At("email", 4))).toMatchObject({ fill: null, note: null, prompt: null });

      // Row 4 was never imported: the download replaces it only because it is told to.
      await expect(downloadCustomers(deps)).rejects.toThrow(/1 row not yet imported/);
      expect((await downloadCustomers(deps, "replace")).count).toBe(1);
      const downloaded = { ...values, phone: "+442079460958" };
      for (const [key, value] of Object.entries(downloaded)) expect(book.cell(At(key, 3)).value).toBe(value);
      expect(book.cell(At("openingBalanceDate", 3)).value).toBe(typedDate);
      expect(book.cell(At("name", 4)).value).toBe("");
      expect(await importSheet(deps)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    });
  });
});
