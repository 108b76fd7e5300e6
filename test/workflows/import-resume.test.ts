// A CRM that stops answering mid-import (issue 15): the rows it answered get their CRM IDs at once,
// the import stays open, and the next Import continues it: a row the CRM saved but whose answer was
// lost gets its CRM ID, never a copy; History counts match the import's detail.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { CrmClientError, type CrmClient } from "../../src/client";
import { catalogOf, MAX_ROWS_PER_BATCH } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { propertyKeys } from "../../src/excel";
import { getState, importSheet, newTemplate, resetStore } from "../../src/workflows";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";
import { colOf, statusCol } from "./sheet";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

const lost = () => new CrmClientError({ kind: "network", message: "socket hang up", unconfirmed: true });
const refused = () =>
  new CrmClientError({ kind: "network", message: "connect ECONNREFUSED", code: "ECONNREFUSED" });

/**
 * The CRM going down while an import runs: the first batch is answered; the second is saved but its
 * answer is lost; nothing after it arrives, and finishing fails. `down = false` brings it back.
 */
function crashing(client: CrmClient, firstRef: string) {
  const state = { down: true };
  const send = client.sendBatch.bind(client);
  const finish = client.finishImport.bind(client);
  let saved = false;
  client.sendBatch = async (id, rows, key) => {
    if (!state.down || rows[0]!.ref === firstRef) return send(id, rows, key);
    if (!saved) {
      saved = true;
      await send(id, rows, key);
      throw lost();
    }
    throw refused();
  };
  client.finishImport = (id) => (state.down ? Promise.reject(refused()) : finish(id));
  return state;
}

it("an import the CRM stopped answering is continued by the next Import: every row gets its CRM ID, none twice", async () => {
  const client = await crm.newClient();
  const { book, env } = simEnv();
  const deps = { env, client };
  await newTemplate(deps, ["customers"]);
  const sheet = catalogOf(getState().schema!).customers;
  const n = MAX_ROWS_PER_BATCH * 2 + 500;
  const row = (i: number) =>
    sheet.fields.map((f) => (f.key === "name" ? `Co ${i}` : f.key === "email" ? `co${i}@example.com` : null));
  await book.userEdit(
    `Customers!A3:${statusCol(sheet)}${n + 2}`,
    Array.from({ length: n }, (_, i) => [...row(i), null]),
  );
  const crmIdAt = (r: number) => book.cell(`Customers!${colOf(sheet, "crmId")}${r}`).value;
  const statusAt = (r: number) => book.cell(`Customers!${statusCol(sheet)}${r}`).value;
  const crash = crashing(client, "Customers!3");

  const first = await importSheet(deps, { sheet: "Customers" });

  // What the CRM answered is in the sheet at once; the rest says it may be saved.
  expect(first.created).toBe(MAX_ROWS_PER_BATCH);
  // Rows with no answer are not counted failed: the CRM may have saved them (it saved one batch).
  expect(first).toMatchObject({ failed: 0, noAnswer: n - MAX_ROWS_PER_BATCH });
  expect(crmIdAt(3)).toMatch(/\S/);
  expect(crmIdAt(3 + MAX_ROWS_PER_BATCH)).toBe("");
  expect(String(statusAt(3 + MAX_ROWS_PER_BATCH))).toBe(text.noAnswer("socket hang up"));
  expect(String(statusAt(n + 2))).toBe(text.noAnswer("connect ECONNREFUSED"));
  const unanswered = n - MAX_ROWS_PER_BATCH;
  expect(getState().notifications.map((x) => x.text)).toContain(text.interrupted("Customers", unanswered));
  const importId = book.sheet("Customers").customProperties.get(propertyKeys.openImport.toLowerCase())?.value;
  expect(importId).toBe(first.importId);
  const stopped = await client.getImport(importId!);
  expect(stopped.status).toBe("open");
  // History counts an open import as it stands, as its detail does (it listed 0 created).
  const [listedOpen] = (await client.listImports()).items.filter((i) => i.id === importId);
  expect(listedOpen!.counts).toEqual(stopped.counts);
  expect(listedOpen!.counts.created).toBe(MAX_ROWS_PER_BATCH * 2);
  expect(listedOpen!.resumes).toBe(0);

  crash.down = false;
  const second = await importSheet(deps, { sheet: "Customers" });

  expect(second.importId).toBe(importId);
  // The batch the CRM saved is answered with what it saved, the rest is created now.
  expect(second).toMatchObject({ created: unanswered, skipped: 0, failed: 0 });
  const ids = Array.from({ length: n }, (_, i) => crmIdAt(i + 3));
  expect(ids.every((id) => typeof id === "string" && id !== "")).toBe(true);
  expect(new Set(ids).size).toBe(n);
  const stored = await client.listAllRecords("customers");
  expect(stored).toHaveLength(n);
  expect(new Set(stored.map((r) => r.id))).toEqual(new Set(ids));
  expect(book.sheet("Customers").customProperties.has(propertyKeys.openImport.toLowerCase())).toBe(false);
  // One import, finished, its counts in History equal to its detail.
  const listed = (await client.listImports()).items.filter((i) => !i.dryRun);
  expect(listed.map((i) => [i.id, i.status])).toEqual([[importId, "finished"]]);
  expect(listed[0]!.counts).toMatchObject({ created: n, skipped: 0, failed: 0 });
  expect((await client.getImport(importId!)).counts).toEqual(listed[0]!.counts);
  // ... and marked interrupted and resumed (once).
  expect(listed[0]!.resumes).toBe(1);
  expect((await client.getImport(importId!)).resumes).toBe(1);
});
