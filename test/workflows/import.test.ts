import { describe, expect, it } from "vitest";
import type { CrmClient } from "../../src/client";
import { catalogOf, messages, type ImportRow } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { palette, type ExcelEnv } from "../../src/excel";
import {
  assessSheet,
  downloadCustomers,
  downloadRecords,
  getState,
  importSheet,
  newTemplate,
  subscribe,
  validateSheet,
} from "../../src/workflows";
import { CrmClientError } from "../../src/client";
import { simEnv } from "../excel/helpers";
import { customerCells, customersSheet, useLiveCrm } from "./customers-sheet";
import { colOf, typeRow } from "./sheet";

const crm = useLiveCrm();

/** Every row the client sends, to see what an import sent. */
function recordSends(client: CrmClient): ImportRow[] {
  const sent: ImportRow[] = [];
  const send = client.sendBatch.bind(client);
  client.sendBatch = (id, rows, key) => {
    sent.push(...rows);
    return send(id, rows, key);
  };
  return sent;
}

describe("Import", () => {
  it("creates the good rows, writes their CRM IDs back, keeps bad rows with their reasons; again creates nothing", async () => {
    const { client, book, deps, customers, C, S } = await customersSheet(crm());
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se", postalCode: "01234" });
    await typeRow(book, customers, 4, { name: "Beta Ltd", email: "bad@" });
    await typeRow(book, customers, 5, { name: "Gamma GmbH", phone: "+49 30 1234567" });
    await typeRow(book, customers, 6, { email: "noname@x.se" });

    const summary = await importSheet(deps);

    expect(summary).toMatchObject({ created: 2, failed: 0, invalid: 2 });
    for (const row of [3, 5]) {
      expect(book.cell(C("crmId", row)).value).toMatch(/\S/);
      expect(book.cell(S(row)).value).toBe(text.created);
    }
    for (const row of [4, 6]) expect(book.cell(C("crmId", row)).value).toBe("");
    expect(book.cell(C("email", 4)).value).toBe("bad@");
    expect(book.cell(C("email", 4)).note).toBe(messages.invalidEmail);
    expect(book.cell(C("email", 4)).fill).toBe(palette.error);
    expect(book.cell(S(4)).value).toBe(text.errors(1));
    expect(book.cell(C("name", 6)).note).toBe(messages.clientNameRequired);
    const stored = await client.listAllRecords("customers");
    expect(stored.map((r) => r.values.name).sort()).toEqual(["Acme AB", "Gamma GmbH"]);
    expect(stored.find((r) => r.values.name === "Acme AB")?.values.postalCode).toBe("01234");

    const sent = recordSends(client);
    const again = await importSheet(deps);
    expect(sent).toEqual([]);
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    expect(await client.listAllRecords("customers")).toHaveLength(2);

    await book.userEdit(C("email", 4), "ok@beta.se");
    const third = await importSheet(deps);
    expect(third).toMatchObject({ created: 1, updated: 0, invalid: 1 });
    expect(sent.map((r) => r.ref)).toEqual(["Customers!4"]);
    expect(await client.listAllRecords("customers")).toHaveLength(3);
    expect(book.cell(C("email", 4)).fill).toBe(null);
  });
});

describe("a downloaded sheet, edited", () => {
  it("sends only the edited rows, shows a conflict for a row changed in the CRM meanwhile, keeps formula-like text as text", async () => {
    const client = await crm().newClient();
    const formula = '=HYPERLINK("http://evil.example","click")';
    const opened = await client.createImport({ sheet: "customers" });
    const seeded = await client.sendBatch(opened.id, [
      { ref: "s1", values: { name: "Alpha AB", email: "a@alpha.se", city: "Lund" } },
      { ref: "s2", values: { name: "Bravo AB", email: "b@bravo.se", city: "Umeå" } },
      { ref: "s3", values: { name: formula, email: "c@charlie.se", customerNumber: "00123" } },
      {
        ref: "s4",
        values: {
          name: "Delta AB",
          email: "d@delta.se",
          openingBalance: 100,
          openingBalanceDate: "2026-03-01",
        },
      },
    ]);
    await client.finishImport(opened.id);
    expect(seeded.map((r) => r.outcome)).toEqual(["created", "created", "created", "created"]);

    const { book, env } = simEnv();
    const deps = { env, client };
    expect((await downloadCustomers(deps)).count).toBe(4);
    const customers = catalogOf(getState().schema!).customers;
    const { C, S } = customerCells(customers);
    const rowOf = (name: string) =>
      3 + book.values(`${C("name", 3)}:${colOf(customers, "name")}6`).findIndex((r) => r[0] === name);

    const f = rowOf(formula);
    expect(book.cell(C("name", f))).toMatchObject({ value: formula, isFormula: false });
    expect(book.cell(C("customerNumber", f)).value).toBe("00123");
    const d = rowOf("Delta AB");
    expect(book.cell(C("openingBalanceDate", d))).toMatchObject({ value: 46082, numberFormat: "yyyy-mm-dd" });

    // Bravo changes in the CRM after the download.
    const bravo = seeded[1]!;
    const later = await client.createImport({ sheet: "customers" });
    const changed = await client.sendBatch(later.id, [
      {
        ref: "x",
        crmId: bravo.crmId!,
        version: bravo.version!,
        values: { name: "Bravo AB", email: "b@bravo.se", city: "Kiruna" },
      },
    ]);
    expect(changed[0]!.outcome).toBe("updated");

    await book.userEdit(C("city", rowOf("Alpha AB")), "Malmö");
    await book.userEdit(C("city", rowOf("Bravo AB")), "Luleå");
    await book.userEdit(C("city", f), "Visby");
    await book.userEdit(C("city", rowOf("Alpha AB")), "");
    await book.userEdit(C("region", rowOf("Alpha AB")), "Skåne");
    const sent = recordSends(client);
    const summary = await importSheet(deps);

    expect(sent.map((r) => r.ref).sort()).toEqual(
      [rowOf("Alpha AB"), rowOf("Bravo AB"), f].map((r) => `Customers!${r}`).sort(),
    );
    expect(summary).toMatchObject({ updated: 2, conflict: 1, created: 0 });
    expect(book.cell(S(rowOf("Alpha AB"))).value).toBe(text.updated);
    const alpha = (await client.getRecord("customers", seeded[0]!.crmId!)).values;
    expect(alpha.region).toBe("Skåne");
    expect(alpha.city ?? null).toBe(null);
    expect(String(book.cell(S(rowOf("Bravo AB"))).value)).toMatch(/^Conflict: /);
    expect(book.cell(S(d)).value).toBe(text.unchanged);
    const stored = await client.listAllRecords("customers");
    expect(stored.find((r) => r.id === seeded[2]!.crmId)?.values).toMatchObject({
      name: formula,
      city: "Visby",
      customerNumber: "00123",
    });
    expect(stored.find((r) => r.id === bravo.crmId)?.values.city).toBe("Kiruna");
    expect(book.cell(C("name", f))).toMatchObject({ value: formula, isFormula: false });
  });
});

describe("Import while the sheet is painted", () => {
  /** An Excel whose `n`th batch starts late or fails (the one after the assessment's reads is the paint's). */
  function excelWith(env: ExcelEnv, nth: { n: number; lateMs?: number; fails?: boolean }) {
    let runs = 0;
    const run: ExcelEnv["run"] = async (batch) => {
      const n = ++runs;
      if (n === nth.n) {
        await new Promise((r) => setTimeout(r, nth.lateMs ?? 0));
        if (nth.fails) throw new Error("Excel is busy.");
      }
      return env.run(batch);
    };
    return { env: { ...env, run }, runs: () => runs };
  }

  /** The number of the paint's batch in an import: the first after the assessment's reads. */
  async function paintBatch(env: ExcelEnv, client: CrmClient): Promise<number> {
    const probe = excelWith(env, { n: -1 });
    await assessSheet({ env: probe.env, client });
    return probe.runs() + 1;
  }

  async function sheetOfThree() {
    const { client, book, env, customers, C, S } = await customersSheet(crm());
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se" });
    await typeRow(book, customers, 4, { name: "Beta Ltd", email: "bad@" });
    await typeRow(book, customers, 5, { name: "Gamma GmbH", phone: "+49 30 1234567" });
    return { client, book, env, C, S };
  }

  it("writes the outcomes after the marks, whichever is done first", async () => {
    const { client, book, env, S } = await sheetOfThree();
    // The paint starts after the rows have been answered.
    const late = excelWith(env, { n: await paintBatch(env, client), lateMs: 400 });
    const summary = await importSheet({ env: late.env, client });
    expect(summary).toMatchObject({ created: 2, invalid: 1 });
    expect(book.cell(S(3)).value).toBe(text.created);
    expect(book.cell(S(5)).value).toBe(text.created);
    expect(book.cell(S(4)).value).toBe(text.errors(1));
  });

  it("a paint that fails does not stop the import: the outcomes are written back, then the failure is reported", async () => {
    const { client, book, env, C, S } = await sheetOfThree();
    const failing = excelWith(env, { n: await paintBatch(env, client), fails: true });
    await expect(importSheet({ env: failing.env, client })).rejects.toThrow("Excel is busy.");
    expect(book.cell(C("crmId", 3)).value).toMatch(/\S/);
    expect(book.cell(S(3)).value).toBe(text.created);
    expect(book.cell(C("crmId", 4)).value).toBe("");
    expect(await client.listAllRecords("customers")).toHaveLength(2);
  });
});

describe("New template twice", () => {
  it("says the second time that nothing needed doing, as information, not '0 created' as a success", async () => {
    const client = await crm().newClient();
    const { env } = simEnv();
    await newTemplate({ env, client }, ["customers"]);
    expect(getState().notifications.map((n) => [n.level, n.text])).toEqual([
      ["success", text.templatesReady(1, 0)],
    ]);
    await newTemplate({ env, client }, ["customers"]);
    expect(getState().notifications.map((n) => [n.level, n.text])).toEqual([
      ["info", text.templatesUpToDate],
    ]);
  });
});

describe("Download of contacts", () => {
  async function crmWithContacts() {
    const client = await crm().newClient();
    const customers = await client.createImport({ sheet: "customers" });
    const [acme] = await client.sendBatch(customers.id, [
      { ref: "c1", values: { name: "Acme AB", email: "info@acme.se" } },
    ]);
    await client.finishImport(customers.id);
    const contacts = await client.createImport({ sheet: "contacts" });
    const sent = await client.sendBatch(contacts.id, [
      { ref: "p1", values: { customer: acme!.crmId!, firstName: "Anna", email: "anna@acme.se" } },
      { ref: "p2", values: { customer: acme!.crmId!, firstName: "Bo", email: "bo@acme.se" } },
    ]);
    await client.finishImport(contacts.id);
    expect(sent.map((r) => r.outcome)).toEqual(["created", "created"]);
    return client;
  }

  it("receives, then writes, saying each phase's count to the store", async () => {
    const client = await crmWithContacts();
    const { book, env } = simEnv();
    const seen: string[] = [];
    const stop = subscribe((s) => {
      const p = s.progress;
      const said = p ? `${p.phase}:${p.rowsDone}/${p.rowsTotal}` : "none";
      if (seen.at(-1) !== said) seen.push(said);
    });
    try {
      expect((await downloadRecords({ env, client }, "contacts")).count).toBe(2);
    } finally {
      stop();
    }
    const phases = seen.slice(seen.indexOf("receiving:0/0"));
    expect(phases).toEqual(["receiving:0/0", "receiving:2/0", "writing:0/2", "writing:2/2", "none"]);
    const contacts = catalogOf(getState().schema!).contacts;
    const first = book.values(`Contacts!${colOf(contacts, "firstName")}3:${colOf(contacts, "firstName")}4`);
    expect(first.map((r) => r[0]).sort()).toEqual(["Anna", "Bo"]);
  });

  it("cancelled while the records arrive, writes nothing into the sheet", async () => {
    const client = await crmWithContacts();
    const { book, env } = simEnv();
    const abort = new AbortController();
    const stop = subscribe((s) => {
      if (s.progress?.phase === "receiving" && s.progress.rowsDone > 0) abort.abort();
    });
    try {
      await expect(downloadRecords({ env, client, signal: abort.signal }, "contacts")).rejects.toMatchObject({
        kind: "cancelled",
      });
    } finally {
      stop();
    }
    const contacts = catalogOf(getState().schema!).contacts;
    expect(book.values(`Contacts!${colOf(contacts, "firstName")}3`)).toEqual([[""]]);
    expect(getState().progress).toBeNull();
  });
});

describe("Validate's word when the CRM could not be asked", () => {
  it("stays beside the sheet's result, and goes once a later Validate reached the CRM", async () => {
    const client = await crm().newClient();
    const { book, env } = simEnv();
    await newTemplate({ env, client }, ["customers"]);
    const customers = catalogOf(getState().schema!).customers;
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se" });
    const open = client.createImport.bind(client);
    client.createImport = () =>
      Promise.reject(new CrmClientError({ kind: "server", message: messages.crm.serverError }));
    await validateSheet({ env, client });
    const topics = () => getState().notifications.map((n) => [n.topic, n.level]);
    expect(topics()).toContainEqual(["Customers (CRM)", "warning"]);
    expect(topics()).toContainEqual(["Customers", "success"]);
    client.createImport = open;
    await validateSheet({ env, client });
    expect(topics().map(([t]) => t)).not.toContain("Customers (CRM)");
    expect(getState().validation?.checkedWithCrm).toBe(true);
  });
});
