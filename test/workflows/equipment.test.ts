// The Equipment sheet end to end in the add-in's workflows (issue 15 item 4), against the real CRM
// API: the template's sheet filled for customers and sites the CRM holds, Validate's fates (the
// add-in's own rules and the CRM's dry run) kept by Import row for row, CRM IDs written back, and a
// download of the equipment that validates as unchanged.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CrmClient } from "../../src/client";
import { catalogOf, messages, type RecordValues, type SheetName } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import {
  downloadRecords,
  getState,
  importSheet,
  newTemplate,
  resetStore,
  validateSheet,
} from "../../src/workflows";
import { expectFatesKept } from "../e2e/sheet";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";
import { colOf, statusCol, typeRow } from "./sheet";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

async function seed(client: CrmClient, sheet: SheetName, rows: RecordValues[]): Promise<string[]> {
  const opened = await client.createImport({ sheet });
  const results = await client.sendBatch(
    opened.id,
    rows.map((values, i) => ({ ref: `seed${i}`, values })),
  );
  await client.finishImport(opened.id);
  return results.map((r) => r.crmId!);
}

/** The CRM as another user left it: Acme with site Depot, Bolt with site Yard. */
async function crmWithSites(client: CrmClient) {
  const [acme, bolt] = await seed(client, "customers", [
    { name: "Acme AB", customerNumber: "A-1", email: "info@acme.example" },
    { name: "Bolt AB", email: "info@bolt.example" },
  ]);
  const [depot, yard] = await seed(client, "sites", [
    { billingCustomer: acme!, siteName: "Depot" },
    { billingCustomer: bolt!, siteName: "Yard" },
  ]);
  return { acme: acme!, bolt: bolt!, depot: depot!, yard: yard! };
}

async function equipmentBook(client: CrmClient) {
  const { book, env } = simEnv("1.18");
  const deps = { env, client };
  await newTemplate(deps, ["equipment"]);
  const sheet = catalogOf(getState().schema!).equipment;
  return {
    book,
    deps,
    sheet,
    cell: (key: string, row: number) => book.cell(`${sheet.title}!${colOf(sheet, key)}${row}`),
    status: (row: number) => book.cell(`${sheet.title}!${statusCol(sheet)}${row}`).value,
  };
}

describe("the Equipment sheet", () => {
  it("imports rows for customers and sites the CRM has; a bad site or warranty fails with its reason, the rest import", async () => {
    const client = await crm.newClient();
    const ids = await crmWithSites(client);
    const s = await equipmentBook(client);
    await typeRow(s.book, s.sheet, 3, {
      name: "Boiler",
      make: "Vaillant",
      model: "ecoTEC 630",
      serialNumber: "SN-001",
      installDate: "2024-03-01",
      warrantyExpiry: "2029-03-01",
      customer: "Acme AB",
      site: "Depot",
    });
    await typeRow(s.book, s.sheet, 4, { name: "Heat pump", serialNumber: "SN-002", customer: "A-1" });
    await typeRow(s.book, s.sheet, 5, { name: "Chiller", customer: "Acme AB", site: "Yard" });
    await typeRow(s.book, s.sheet, 6, {
      name: "Fan",
      customer: "Bolt AB",
      installDate: "2025-01-02",
      warrantyExpiry: "2025-01-01",
    });
    const rows = [3, 4, 5, 6];

    await validateSheet(s.deps, { sheet: "Equipment" });
    const said = rows.map(s.status);
    const badSite = messages.site.unresolved("Yard");
    const badWarranty = messages.warrantyBeforeInstall("2025-01-01", "2025-01-02");
    expect(said).toEqual([text.readyCreate, text.readyCreate, text.willFail(badSite), text.errors(1)]);
    expect(s.cell("site", 5).note).toBe(badSite);
    expect(s.cell("warrantyExpiry", 6).note).toBe(badWarranty);

    await importSheet(s.deps, { sheet: "Equipment" });
    const wrote = rows.map(s.status);
    expectFatesKept(said, wrote);
    expect(wrote.slice(0, 3)).toEqual([text.created, text.created, text.failed(badSite)]);
    const crmIds = rows.map((r) => s.cell("crmId", r).value);
    expect(crmIds[0]).toMatch(/^equ_/);
    expect(crmIds[1]).toMatch(/^equ_/);
    expect(crmIds.slice(2).map((v) => v ?? "")).toEqual(["", ""]);

    const stored = await client.listAllRecords("equipment");
    const byName = stored.map((r) => r.values).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(byName).toEqual([
      expect.objectContaining({
        name: "Boiler",
        customer: ids.acme,
        site: ids.depot,
        warrantyExpiry: "2029-03-01",
      }),
      expect.objectContaining({ name: "Heat pump", customer: ids.acme, serialNumber: "SN-002" }),
    ]);
    expect(getState().summary).toMatchObject({ created: 2, failed: 1, invalid: 1 });
  });

  it("downloads the CRM's equipment into the sheet, each row naming its customer and site by CRM ID, unchanged when validated", async () => {
    const client = await crm.newClient();
    const ids = await crmWithSites(client);
    const [boiler] = await seed(client, "equipment", [
      {
        name: "Boiler",
        serialNumber: "SN-1",
        customer: ids.acme,
        site: ids.depot,
        installDate: "2024-03-01",
      },
    ]);
    const s = await equipmentBook(client);
    expect((await downloadRecords(s.deps, "equipment")).count).toBe(1);
    expect(s.cell("crmId", 3).value).toBe(boiler);
    expect(s.cell("customer", 3).value).toBe(ids.acme);
    expect(s.cell("site", 3).value).toBe(ids.depot);
    await validateSheet(s.deps, { sheet: "Equipment" });
    expect(s.status(3)).toBe(text.unchanged);

    // An edit of the downloaded row goes back as an update of that record, its site checked again.
    await typeRow(s.book, s.sheet, 3, {
      crmId: boiler,
      name: "Boiler",
      serialNumber: "SN-1",
      customer: ids.acme,
      site: ids.yard,
      installDate: "2024-03-01",
    });
    await importSheet(s.deps, { sheet: "Equipment" });
    expect(s.status(3)).toBe(text.failed(messages.site.otherCustomer(ids.yard)));
  });
});
