/**
 * The user's mapping is kept beside the sheet and obeyed: a column set to "Don't import" is never
 * read, whatever its header; the header cells stay as the user wrote them; the mapping survives a
 * reload (it lives in the workbook's settings and the sheet's custom properties).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { readSheet } from "../../src/excel";
import { assessSheet, resetStore, setSchema } from "../../src/workflows";
import { applyMapping, inspectSheet } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { columnsOf, loadSheetMapping, sheetMappingFor } from "../../src/workflows/sheet-mapping";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../taskpane/harness";

const schema = testSchema();
const customers = schema.sheets.customers;
const zoho = [
  "Record Id,Account Name,Account Type,Phone,Billing City",
  "zcrm_5725767000000412001,Nordlys AB,Customer - Direct,+46 8 555 010 10,Stockholm",
  "zcrm_5725767000000412002,Fjord Foods,Partner,+47 22 12 34 56,Oslo",
].join("\n");

beforeEach(() => {
  resetStore();
  setSchema(schema);
});

async function openZoho() {
  const sim = simEnv();
  await openCsv({ env: sim.env }, { name: "Accounts.csv", bytes: new TextEncoder().encode(zoho) }, "auto");
  const inspection = await inspectSheet({ env: sim.env }, "Accounts");
  return { ...sim, inspection };
}

describe("Don't import is obeyed", () => {
  it("a look-alike header set to Don't import is never read by Validate (Record Id, Account Type)", async () => {
    const { env, inspection } = await openZoho();
    // As proposed by header alone, Record Id is the CRM ID and Account Type our Type: the user says no.
    await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: [null, "name", null, "phone", "city"],
        firstRowIsHeader: true,
      },
    );
    const a = await assessSheet({ env }, { sheet: "Accounts" });
    expect(a.report).toMatchObject({ rows: 2, ready: 2, create: 2, update: 0, errorRows: 0 });
    expect(a.rows.map((r) => r.values)).toEqual([
      { name: "Nordlys AB", phone: "+46855501010", city: "Stockholm" },
      { name: "Fjord Foods", phone: "+4722123456", city: "Oslo" },
    ]);
    expect(a.crmIdCol).toBeNull();
  });

  it("leaves the header cells as the user wrote them and keeps the mapping with the sheet", async () => {
    const { env, book, inspection } = await openZoho();
    const columns = [null, "name", null, "phone", "city"];
    await applyMapping({ env }, { inspection, target: "customers", columns, firstRowIsHeader: true });
    const grid = await readSheet(env, "Accounts");
    expect(grid.frame.headers).toEqual([
      "Record Id",
      "Account Name",
      "Account Type",
      "Phone",
      "Billing City",
    ]);
    expect(grid.properties.crmSheet).toBe("customers");
    const kept = await loadSheetMapping(env, grid);
    expect(kept?.columns.map((c) => c.field)).toEqual(columns);
    // A reload: the same workbook's settings and properties, a fresh store and pane.
    resetStore();
    setSchema(schema);
    expect(book.settings.size).toBeGreaterThan(0);
    const again = await assessSheet({ env }, { sheet: "Accounts" });
    expect(again.report.update).toBe(0);
  });

  it("per field value maps are applied as the rows are read, the cells left as they were", async () => {
    const { env, book, inspection } = await openZoho();
    await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: [null, "name", "category", "phone", "city"],
        firstRowIsHeader: true,
        valueMaps: { category: { "Customer - Direct": "Retail", Partner: "Wholesale" } },
      },
    );
    const a = await assessSheet({ env }, { sheet: "Accounts" });
    expect(a.rows.map((r) => r.values?.category)).toEqual(["Retail", "Wholesale"]);
    expect(book.cell("Accounts!C2").value).toBe("Customer - Direct");
  });
});

describe("columns read through a kept mapping", () => {
  const kept = sheetMappingFor("customers", ["Record Id", "Account Name", "Phone"], [null, "name", "phone"]);

  it("follows a column by its header when columns moved, and keeps Don't import", () => {
    expect(columnsOf(["Phone", "Record Id", "Account Name"], kept, customers)).toEqual([
      "phone",
      null,
      "name",
    ]);
  });

  it("a column added since gets the usual suggestion, never a field already taken", () => {
    expect(columnsOf(["Record Id", "Account Name", "Phone", "E-mail", "Company"], kept, customers)).toEqual([
      null,
      "name",
      "phone",
      "email",
      null,
    ]);
  });

  it("drops a field the sheet no longer has", () => {
    const gone = sheetMappingFor("customers", ["PO"], ["cf_gone"]);
    expect(columnsOf(["PO"], gone, customers)).toEqual([null]);
  });
});

describe("one row per contact, grouped by any column", () => {
  const pipedrive = [
    "Organization - ID,Organization - Name,Organization - Postal code,Person - Name,Person - Email",
    '7,"=HYPERLINK(""http://x.test"",""Acme"")",01234,Ann Berg,ann@acme.test',
    '7,"=HYPERLINK(""http://x.test"",""Acme"")",01234,Bo Ek,bo@acme.test',
    "9,Beta AB,09876,Cy Dahl,cy@beta.test",
  ].join("\n");

  it("groups by the source system's organisation id (not imported) and writes every value as text", async () => {
    const { env, book } = simEnv();
    await openCsv({ env }, { name: "people.csv", bytes: new TextEncoder().encode(pipedrive) }, "auto");
    const inspection = await inspectSheet({ env }, "people");
    const sheets = await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: [null, "name", "postalCode", "contact:firstName", "contact:email"],
        firstRowIsHeader: true,
        groupColumn: 0,
      },
    );
    const [customers, contacts] = await Promise.all(sheets.map((s) => readSheet(env, s)));
    expect(customers!.rows.map((r) => r.slice(0, 2))).toEqual([
      ['=HYPERLINK("http://x.test","Acme")', "01234"],
      ["Beta AB", "09876"],
    ]);
    expect(book.cell(`${sheets[0]}!A2`).isFormula).toBe(false);
    expect(book.cell(`${sheets[1]}!A2`).isFormula).toBe(false);
    expect(contacts!.rows.map((r) => r.slice(0, 3))).toEqual([
      ['=HYPERLINK("http://x.test","Acme")', "Ann Berg", "ann@acme.test"],
      ['=HYPERLINK("http://x.test","Acme")', "Bo Ek", "bo@acme.test"],
      ["Beta AB", "Cy Dahl", "cy@beta.test"],
    ]);
    // Each new sheet carries its mapping, so Validate reads exactly its columns.
    expect((await loadSheetMapping(env, contacts!))?.columns.map((c) => c.field)).toEqual([
      "customer",
      "firstName",
      "email",
    ]);
  });
});
