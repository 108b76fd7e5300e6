import { afterEach, describe, expect, it, vi } from "vitest";
import { CrmClientError, type CrmClient } from "../../src/client";
import { readSheet } from "../../src/excel";
import {
  applyMapping,
  inspectSheet,
  loadSavedMapping,
  storeMapping,
  suggestMapping,
  missingRequired,
} from "../../src/workflows/column-mapping";
import { connect, signOut } from "../../src/workflows/connect";
import { loadConnection } from "../../src/workflows/deps";
import { openCsv } from "../../src/workflows/open-csv";
import { selectCell } from "../../src/excel";
import { getState, resetStore, setSchema } from "../../src/workflows/store";
import { simEnv } from "../excel/helpers";
import { testSchema } from "./harness";

afterEach(resetStore);

const clientWith = (getSchema: CrmClient["getSchema"]) => () => ({ getSchema }) as unknown as CrmClient;

describe("connect", () => {
  it("keeps the address and token in the add-in settings only after the CRM accepted them", async () => {
    const { book, env } = simEnv();
    const schema = testSchema();
    const result = await connect(
      { env },
      { url: "https://crm.example.com/", token: " tok " },
      clientWith(() => Promise.resolve(schema)),
    );
    expect(result).toEqual({ ok: true, organisation: schema.organisation });
    expect(book.settings.get("crm.connection")).toEqual({ url: "https://crm.example.com", token: "tok" });
    expect(getState().schema).toEqual(schema);
    for (const sheet of book.sheets) expect(JSON.stringify(sheet)).not.toContain("tok");
  });

  it("keeps nothing and says why when the CRM refuses the token", async () => {
    const { book, env } = simEnv();
    const refused = new CrmClientError({
      kind: "auth",
      message: "Your CRM token was refused: sign in again.",
    });
    const result = await connect(
      { env },
      { url: "https://crm.example.com", token: "bad" },
      clientWith(() => Promise.reject(refused)),
    );
    expect(result).toEqual({
      ok: false,
      field: "token",
      message: "Your CRM token was refused: sign in again.",
    });
    expect(book.settings.has("crm.connection")).toBe(false);
  });

  it("refuses an address that is not http(s) without calling the CRM", async () => {
    const { env } = simEnv();
    const getSchema = vi.fn();
    const result = await connect({ env }, { url: "crm.example.com", token: "t" }, clientWith(getSchema));
    expect(result).toMatchObject({ ok: false, field: "url" });
    expect(getSchema).not.toHaveBeenCalled();
  });

  it("signing out forgets the token in the workbook", async () => {
    const { env } = simEnv();
    await connect(
      { env },
      { url: "https://crm.example.com", token: "tok" },
      clientWith(() => Promise.resolve(testSchema())),
    );
    await signOut({ env });
    expect(await loadConnection(env)).toBeNull();
    expect(getState().connection).toBeNull();
  });
});

describe("open a CSV file and map it", () => {
  const semicolons = new TextEncoder().encode(
    "Företagsnamn;E-post;Postnummer\nÅkesson AB;info@akesson.se;01234\n",
  );

  it("writes the file into a new sheet as text; the mapping is kept beside it, its headers left as written", async () => {
    const { book, env } = simEnv();
    setSchema(testSchema());
    const opened = await openCsv({ env }, { name: "kunder.csv", bytes: semicolons }, "auto");
    expect([opened.sheetName, opened.delimiter, opened.encoding]).toEqual(["kunder", "semicolon", "UTF-8"]);
    const inspection = await inspectSheet({ env });
    expect(inspection.firstRow).toEqual(["Företagsnamn", "E-post", "Postnummer"]);
    expect(inspection.rows[0]).toEqual(["Åkesson AB", "info@akesson.se", "01234"]);
    await applyMapping(
      { env },
      { inspection, target: "customers", columns: ["name", "email", "postalCode"], firstRowIsHeader: true },
    );
    const grid = await readSheet(env, "kunder");
    expect(grid.frame.headers).toEqual(["Företagsnamn", "E-post", "Postnummer"]);
    expect(grid.properties.crmSheet).toBe("customers");
    expect(grid.properties.crmMapping).toBeTruthy();
    expect(book.sheets.map((s) => s.name)).toContain("kunder");
  });

  it("inserts a header row when the first row is data", async () => {
    const { env } = simEnv();
    setSchema(testSchema());
    await openCsv(
      { env },
      { name: "raw.csv", bytes: new TextEncoder().encode("Acme,a@acme.test\nBeta,b@beta.test\n") },
      "comma",
    );
    const inspection = await inspectSheet({ env }, "raw");
    const [mapped] = await applyMapping(
      { env },
      { inspection, target: "customers", columns: ["name", "email"], firstRowIsHeader: false },
    );
    expect(mapped).toBe("raw Customers");
    const grid = await readSheet(env, mapped);
    expect(grid.properties.crmSheet).toBe("customers");
    expect(grid.frame.headers).toEqual(["Name", "Email"]);
    expect(grid.rows.map((r) => r.slice(0, 2))).toEqual([
      ["Acme", "a@acme.test"],
      ["Beta", "b@beta.test"],
    ]);
  });

  it("one row per contact becomes a Customers sheet and a Contacts sheet naming each contact's customer", async () => {
    const { env } = simEnv();
    setSchema(testSchema());
    const csv =
      "Company,Email,First,Last\nAcme,info@acme.test,Ann,Berg\nAcme,info@acme.test,Bo,Ek\nBeta,hi@beta.test,Cy,Dahl\n";
    await openCsv({ env }, { name: "people.csv", bytes: new TextEncoder().encode(csv) }, "auto");
    const inspection = await inspectSheet({ env }, "people");
    const sheets = await applyMapping(
      { env },
      {
        inspection,
        target: "customers",
        columns: ["name", "email", "contact:firstName", "contact:lastName"],
        firstRowIsHeader: true,
        groupBy: [["email"]],
      },
    );
    const [customers, contacts] = await Promise.all(sheets.map((s) => readSheet(env, s)));
    expect(customers!.rows.map((r) => r.slice(0, 2))).toEqual([
      ["Acme", "info@acme.test"],
      ["Beta", "hi@beta.test"],
    ]);
    expect([customers!.properties.crmSheet, contacts!.properties.crmSheet]).toEqual([
      "customers",
      "contacts",
    ]);
    expect(contacts!.frame.headers).toEqual(["Customer", "First name", "Last name"]);
    expect(contacts!.rows.map((r) => r.slice(0, 3))).toEqual([
      ["Acme", "Ann", "Berg"],
      ["Acme", "Bo", "Ek"],
      ["Beta", "Cy", "Dahl"],
    ]);
  });

  it("a saved mapping is found again by the same headers and wins over the suggestion", async () => {
    const { env } = simEnv();
    const sheet = testSchema().sheets.customers;
    const headers = ["Customer", "Favourite colour"];
    await storeMapping({ env }, headers, ["customerNumber", "notes"]);
    const saved = await loadSavedMapping({ env }, headers);
    const suggestion = suggestMapping(headers, sheet, { saved });
    expect(suggestion.fromSaved).toBe(true);
    expect(suggestion.columns.map((c) => c.field)).toEqual(["customerNumber", "notes"]);
    expect(suggestMapping(headers, sheet).columns.map((c) => c.status)).toEqual(["ambiguous", "unmapped"]);
    expect(await loadSavedMapping({ env }, ["Other"])).toBeUndefined();
    expect(missingRequired(sheet, ["customerNumber", "notes"])).toEqual(["Name"]);
  });
});

describe("select a cell", () => {
  it("activates the sheet and selects the cell of an error", async () => {
    const { book, env } = simEnv();
    setSchema(testSchema());
    await openCsv({ env }, { name: "My list.csv", bytes: new TextEncoder().encode("a,b\nc,d\n") }, "comma");
    await openCsv({ env }, { name: "other.csv", bytes: new TextEncoder().encode("x\n") }, "comma");
    await selectCell(env, "'My list'!B2");
    expect(book.selection?.sheet.name).toBe("My list");
    expect(book.selection?.rect).toMatchObject({ row: 1, col: 1 });
  });
});
