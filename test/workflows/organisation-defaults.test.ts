// The organisation's import defaults, combined match keys and the default contact category, from
// Validate's prediction to Import's outcome, against the real CRM API (issue 15).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CrmClient } from "../../src/client";
import { catalogOf, type OrganisationImportSettings, type RecordValues } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { getState, importSheet, newTemplate, resetStore, validateSheet } from "../../src/workflows";
import { rememberImportOptions } from "../../src/workflows/store";
import { expectFatesKept } from "../e2e/sheet";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";
import { statusCol, typeRow } from "./sheet";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

/** What an admin does in the CRM (the pane has no screen for it). */
async function asAdmin(client: CrmClient, method: "PUT" | "POST", path: string, body: unknown) {
  const res = await fetch(`${crm.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${client.settings.token!}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const orgSettings = (patch: Partial<OrganisationImportSettings>): OrganisationImportSettings => ({
  duplicateAction: "skip",
  matchMode: "any",
  contactCategory: null,
  matchKeys: {
    customers: [["email"], ["phone"]],
    contacts: [["customer", "email"]],
    sites: [["billingCustomer", "siteName"]],
    equipment: [["customer", "serialNumber"]],
  },
  ...patch,
});

async function seedAcme(client: CrmClient) {
  const opened = await client.createImport({ sheet: "customers" });
  const values: RecordValues = { name: "Acme", postalCode: "222 20", email: "info@acme.example" };
  const [r] = await client.sendBatch(opened.id, [{ ref: "seed", values }]);
  await client.finishImport(opened.id);
  return r!.crmId!;
}

/** The organisation's settings set by its admin, then a workbook with the templates, signed in. */
async function workbookOf(client: CrmClient, settings?: OrganisationImportSettings) {
  if (settings) await asAdmin(client, "PUT", "/api/v1/import-defaults", settings);
  const { book, env } = simEnv();
  const deps = { env, client };
  await newTemplate(deps, ["customers", "contacts"]);
  const schema = getState().schema!;
  return { book, deps, schema };
}

async function validateThenImport(
  w: Awaited<ReturnType<typeof workbookOf>>,
  sheet: "customers" | "contacts",
  rows: number[],
) {
  const def = catalogOf(w.schema)[sheet];
  const status = (row: number) => w.book.cell(`${def.title}!${statusCol(def)}${row}`).value;
  await validateSheet(w.deps, { sheet: def.title });
  const said = rows.map(status);
  await importSheet(w.deps, { sheet: def.title });
  const wrote = rows.map(status);
  expectFatesKept(said, wrote);
  return { said, wrote };
}

const sameNameOtherPostalCode = { name: "Acme", postalCode: "111 11", phone: "+46701234567" };
const nameAndPostalCode = [["name"], ["name", "postalCode"]];

describe("name AND postal code, or either", () => {
  it("the organisation's combined keys: a row matching on name but not postal code is predicted and imported as created", async () => {
    const client = await crm.newClient();
    await seedAcme(client);
    const w = await workbookOf(
      client,
      orgSettings({
        matchMode: "all",
        matchKeys: { ...orgSettings({}).matchKeys, customers: nameAndPostalCode },
      }),
    );
    expect(w.schema.importDefaults?.matchMode).toBe("all");
    await typeRow(w.book, catalogOf(w.schema).customers, 3, sameNameOtherPostalCode);
    const { said } = await validateThenImport(w, "customers", [3]);
    expect(said).toEqual([text.readyCreate]);
    expect((await client.listAllRecords("customers")).map((c) => c.values.postalCode).sort()).toEqual([
      "111 11",
      "222 20",
    ]);
  });

  it("the sheet's last chosen alternatives rule over the organisation's combined keys: the same row matches Acme on name", async () => {
    const client = await crm.newClient();
    await seedAcme(client);
    const w = await workbookOf(
      client,
      orgSettings({
        matchMode: "all",
        matchKeys: { ...orgSettings({}).matchKeys, customers: nameAndPostalCode },
      }),
    );
    rememberImportOptions("Customers", {
      duplicateAction: "skip",
      matchKeys: nameAndPostalCode,
      matchMode: "any",
    });
    await typeRow(w.book, catalogOf(w.schema).customers, 3, sameNameOtherPostalCode);
    const { said } = await validateThenImport(w, "customers", [3]);
    expect(String(said[0])).toMatch(/^Will skip: .*Acme/);
    expect(await client.listAllRecords("customers")).toHaveLength(1);
  });
});

describe("the default contact category", () => {
  it("Validate says a contact with no category will get the organisation's, and Import gives it", async () => {
    const client = await crm.newClient();
    await seedAcme(client);
    await asAdmin(client, "POST", "/api/v1/picklists/contactCategory/values", { value: "Decision maker" });
    await asAdmin(client, "POST", "/api/v1/picklists/contactCategory/values", { value: "User" });
    const w = await workbookOf(client, orgSettings({ contactCategory: "Decision maker" }));
    const contacts = catalogOf(w.schema).contacts;
    await typeRow(w.book, contacts, 3, { customer: "Acme", firstName: "Anna", email: "anna@acme.example" });
    await typeRow(w.book, contacts, 4, {
      customer: "Acme",
      firstName: "Ben",
      email: "ben@acme.example",
      category: "User",
    });
    const { said } = await validateThenImport(w, "contacts", [3, 4]);
    expect(said).toEqual([text.readyCreateWith("Category Decision maker (the default)"), text.readyCreate]);
    const stored = await client.listAllRecords("contacts");
    expect(Object.fromEntries(stored.map((c) => [c.values.firstName, c.values.category]))).toEqual({
      Anna: "Decision maker",
      Ben: "User",
    });
  });
});
