// The Equipment sheet on the server (issue 15): rows sent straight to the API are checked with the
// add-in's rules (warranty not before install, customer required and resolved, site one of that
// customer's), matched on re-import by customer + serial number, downloadable, and reverted.
// Runs on PGlite, and on PostgreSQL with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseCatalog, checkRecord, messages, revertMessages } from "../../src/domain";
import { createDemoOrganisation } from "../../src/server/demo";
import {
  TEST_PASSWORD_COST,
  client,
  customer as row,
  importRows,
  key,
  openImport,
  sendRows,
  startHarness,
  type Client,
  type Harness,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h.close();
});

/** A customer "Acme" (number A-1) with sites Depot and Office, and a customer "Bolt" with site Yard. */
async function world(c: Client) {
  const [acme, bolt] = await importRows(c, "customers", [
    row("c1", { name: "Acme", customerNumber: "A-1", email: "info@acme.example" }),
    row("c2", { name: "Bolt", email: "info@bolt.example" }),
  ]);
  const [depot, office, yard] = await importRows(c, "sites", [
    row("s1", { billingCustomer: acme!.crmId, siteName: "Depot" }),
    row("s2", { billingCustomer: "Acme", siteName: "Office" }),
    row("s3", { billingCustomer: bolt!.crmId, siteName: "Yard" }),
  ]);
  return {
    acme: acme!.crmId!,
    bolt: bolt!.crmId!,
    depot: depot!.crmId!,
    office: office!.crmId!,
    yard: yard!.crmId!,
  };
}

const getRecord = async (c: Client, id: string) => {
  const res = await c.get(`/api/v1/equipment/${id}`);
  return { status: res.status, values: (res.body as { values?: Record<string, unknown> }).values ?? {} };
};

describe("equipment rows sent to the API", () => {
  it("creates equipment with its customer and site resolved by name, number or CRM ID", async () => {
    const org = await h.org();
    const w = await world(org.admin);
    const results = await importRows(org.admin, "equipment", [
      row("e1", {
        name: "Boiler",
        make: "Vaillant",
        model: "ecoTEC 630",
        serialNumber: "SN-001",
        installDate: "2024-03-01",
        warrantyExpiry: "2029-03-01",
        customer: "Acme",
        site: "Depot",
      }),
      row("e2", { name: "Heat pump", serialNumber: "SN-002", customer: "A-1", site: w.office }),
      row("e3", { name: "Compressor", customer: w.bolt }),
    ]);
    expect(results.map((r) => [r.outcome, r.errors])).toEqual([
      ["created", []],
      ["created", []],
      ["created", []],
    ]);
    expect(results[0]!.crmId).toMatch(/^equ_/);
    const boiler = await getRecord(org.admin, results[0]!.crmId!);
    expect(boiler.values).toMatchObject({
      name: "Boiler",
      customer: w.acme,
      site: w.depot,
      installDate: "2024-03-01",
      warrantyExpiry: "2029-03-01",
    });
    expect((await getRecord(org.admin, results[1]!.crmId!)).values).toMatchObject({
      customer: w.acme,
      site: w.office,
    });
  });

  it("fails a warranty that expires before the install date, with both dates in the reason", async () => {
    const org = await h.org();
    await world(org.admin);
    const [r] = await importRows(org.admin, "equipment", [
      row("e1", {
        name: "Boiler",
        customer: "Acme",
        installDate: "2024-03-01",
        warrantyExpiry: "2023-12-31",
      }),
    ]);
    expect(r!.outcome).toBe("failed");
    expect(r!.errors).toEqual([
      { field: "warrantyExpiry", message: messages.warrantyBeforeInstall("2023-12-31", "2024-03-01") },
    ]);
  });

  it("fails a row without a name or customer, and one naming no customer", async () => {
    const org = await h.org();
    await world(org.admin);
    const [bare, nobody] = await importRows(org.admin, "equipment", [
      row("e1", { serialNumber: "X" }),
      row("e2", { name: "Boiler", customer: "Nobody Ltd" }),
    ]);
    expect(bare!.errors).toEqual([
      { field: "name", message: messages.required("Name") },
      { field: "customer", message: messages.required("Customer") },
    ]);
    expect(nobody!.errors).toEqual([
      { field: "customer", message: messages.referenceNotInCrm("Customer", "Nobody Ltd") },
    ]);
  });

  it("fails a site of another customer, or one the customer does not have, and imports the rest", async () => {
    const org = await h.org();
    const w = await world(org.admin);
    const results = await importRows(org.admin, "equipment", [
      row("e1", { name: "Boiler", customer: "Acme", site: "Yard" }),
      row("e2", { name: "Boiler", customer: "Acme", site: w.yard }),
      row("e3", { name: "Boiler", customer: "Bolt", site: "Yard" }),
    ]);
    expect(results.map((r) => [r.outcome, r.errors])).toEqual([
      ["failed", [{ field: "site", message: messages.site.unresolved("Yard") }]],
      ["failed", [{ field: "site", message: messages.site.otherCustomer(w.yard) }]],
      ["created", []],
    ]);
  });

  it("a dry run says what a real import then does, row for row", async () => {
    const org = await h.org();
    await world(org.admin);
    const rows = [
      row("e1", { name: "Boiler", serialNumber: "SN-1", customer: "Acme", site: "Depot" }),
      row("e2", { name: "Boiler", customer: "Acme", site: "Nowhere" }),
      row("e3", { name: "Pump", customer: "Bolt", installDate: "2025-01-02", warrantyExpiry: "2025-01-01" }),
    ];
    const dry = await importRows(org.admin, "equipment", rows, { dryRun: true });
    const real = await importRows(org.admin, "equipment", rows);
    expect(dry.map((r) => [r.outcome, r.errors])).toEqual(real.map((r) => [r.outcome, r.errors]));
    expect(real.map((r) => r.outcome)).toEqual(["created", "failed", "failed"]);
  });

  it("a re-import finds the equipment by customer + serial number and updates it", async () => {
    const org = await h.org();
    await world(org.admin);
    const [first] = await importRows(org.admin, "equipment", [
      row("e1", { name: "Boiler", serialNumber: "SN-9", customer: "Acme", warrantyExpiry: "2027-01-01" }),
    ]);
    const again = await importRows(
      org.admin,
      "equipment",
      [
        row("e1", { name: "Boiler", serialNumber: "sn-9", customer: "A-1", warrantyExpiry: "2028-01-01" }),
        // The same serial number at another customer is another unit.
        row("e2", { name: "Boiler", serialNumber: "SN-9", customer: "Bolt" }),
      ],
      { duplicateAction: "update" },
    );
    expect(again.map((r) => r.outcome)).toEqual(["updated", "created"]);
    expect(again[0]!.crmId).toBe(first!.crmId);
    expect((await getRecord(org.admin, first!.crmId!)).values.warrantyExpiry).toBe("2028-01-01");
    // An update checks the merged record: a warranty before the stored install date fails.
    const [bad] = await importRows(org.admin, "equipment", [
      row("e1", { installDate: "2029-01-01", name: "Boiler", customer: "Acme" }, { crmId: first!.crmId }),
    ]);
    expect(bad!.errors).toEqual([
      { field: "warrantyExpiry", message: messages.warrantyBeforeInstall("2028-01-01", "2029-01-01") },
    ]);
  });

  it("an update moving equipment to another customer must not keep the old customer's site", async () => {
    const org = await h.org();
    const w = await world(org.admin);
    const [made] = await importRows(org.admin, "equipment", [
      row("e1", { name: "Boiler", customer: "Acme", site: "Depot" }),
    ]);
    const id = made!.crmId!;
    const [kept, moved] = await importRows(org.admin, "equipment", [
      row("e1", { name: "Boiler", customer: "Bolt" }, { crmId: id }),
      row("e2", { name: "Boiler", customer: "Bolt", site: "Yard" }, { crmId: id }),
    ]);
    expect(kept!.errors).toEqual([{ field: "site", message: messages.site.otherCustomer(w.depot) }]);
    expect(moved!.outcome).toBe("updated");
    expect((await getRecord(org.admin, id)).values).toMatchObject({ customer: w.bolt, site: w.yard });
  });

  it("is listed by the records API and offered in the schema with its match keys", async () => {
    const org = await h.org();
    await world(org.admin);
    await importRows(org.admin, "equipment", [row("e1", { name: "Boiler", customer: "Acme" })]);
    const page = await org.admin.get("/api/v1/equipment?limit=10");
    expect(page.status).toBe(200);
    expect((page.body as { items: { values: { name: string } }[] }).items.map((i) => i.values.name)).toEqual([
      "Boiler",
    ]);
    const schema = (await org.admin.get("/api/v1/schema")).body as {
      sheets: { equipment: { title: string } };
      defaultMatchKeys: { equipment: string[][] };
    };
    expect(schema.sheets.equipment.title).toBe("Equipment");
    expect(schema.defaultMatchKeys.equipment).toEqual([["customer", "serialNumber"]]);
  });

  it("keeps an admin's import defaults sent without equipment keys, with the built-in equipment key", async () => {
    const org = await h.org();
    const put = await org.admin.put("/api/v1/import-defaults", {
      duplicateAction: "update",
      matchMode: "any",
      contactCategory: null,
      matchKeys: {
        customers: [["name"]],
        contacts: [["customer", "email"]],
        sites: [["billingCustomer", "siteName"]],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const schema = (await org.admin.get("/api/v1/schema")).body as {
      defaultMatchKeys: Record<string, string[][]>;
    };
    expect(schema.defaultMatchKeys.customers).toEqual([["name"]]);
    expect(schema.defaultMatchKeys.equipment).toEqual([["customer", "serialNumber"]]);
  });
});

describe("reverting equipment", () => {
  const imported = async (
    c: Client,
    sheet: string,
    rows: unknown[],
    options: Record<string, unknown> = {},
  ) => {
    const id = await openImport(c, { sheet, ...options });
    const results = await sendRows(c, id, rows);
    expect((await c.post(`/api/v1/imports/${id}/finish`)).status).toBe(200);
    return { id, results };
  };
  const revert = async (c: Client, id: string) => {
    const res = await c.post(`/api/v1/imports/${id}/revert`, {}, { "idempotency-key": key() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as { results: { outcome: string; message: string | null }[] }).results;
  };

  it("keeps a site and a customer equipment refers to, deletes created equipment, restores updated", async () => {
    const org = await h.org();
    const customers = await imported(org.admin, "customers", [
      row("c1", { name: "Acme", email: "info@acme.example" }),
    ]);
    const sites = await imported(org.admin, "sites", [
      row("s1", { billingCustomer: "Acme", siteName: "Depot" }),
    ]);
    const made = await imported(org.admin, "equipment", [
      row("e1", { name: "Boiler", serialNumber: "SN-1", customer: "Acme", site: "Depot" }),
    ]);
    const id = made.results[0]!.crmId!;
    // The site and the customer are referred to by the equipment: kept.
    expect(await revert(org.admin, sites.id)).toEqual([
      expect.objectContaining({ outcome: "conflict", message: revertMessages.referencedSince(1) }),
    ]);
    expect((await revert(org.admin, customers.id)).map((r) => r.outcome)).toEqual(["conflict"]);
    // Equipment an import updated gets its earlier values back.
    const pump = await imported(org.admin, "equipment", [
      row("e2", { name: "Pump", serialNumber: "SN-2", customer: "Acme" }),
    ]);
    const changed = await imported(
      org.admin,
      "equipment",
      [row("e2", { name: "Pump", serialNumber: "SN-2", customer: "Acme", model: "X2" })],
      { duplicateAction: "update" },
    );
    expect(changed.results[0]!.outcome).toBe("updated");
    expect((await revert(org.admin, changed.id)).map((r) => r.outcome)).toEqual(["restored"]);
    expect((await getRecord(org.admin, pump.results[0]!.crmId!)).values.model).toBeUndefined();
    expect((await revert(org.admin, made.id)).map((r) => r.outcome)).toEqual(["deleted"]);
    expect((await getRecord(org.admin, id)).status).toBe(404);
    // Nothing refers to the site any more: its import's revert deletes it now.
    expect((await revert(org.admin, sites.id)).map((r) => r.outcome)).toEqual(["deleted"]);
  });
});

describe("the demo organisation", () => {
  it("has equipment at its sites that passes the sheet's rules, each at a site of its own customer", async () => {
    const demo = await createDemoOrganisation(
      h.db,
      undefined,
      "demo password long enough",
      TEST_PASSWORD_COST,
    );
    const admin = client(h.app, demo.token);
    type Page = { items: { id: string; values: Record<string, unknown> }[] };
    const equipment = ((await admin.get("/api/v1/equipment?limit=100")).body as Page).items;
    const sites = new Map(
      ((await admin.get("/api/v1/sites?limit=100")).body as Page).items.map((i) => [i.id, i]),
    );
    expect(equipment.length).toBeGreaterThan(0);
    const rules = { closedPeriodThrough: null, country: null, picklists: {} };
    for (const e of equipment) {
      const { crmId: _id, ...values } = e.values;
      expect(checkRecord(baseCatalog.equipment, values, rules).issues).toEqual([]);
      expect(sites.get(String(e.values.site))?.values.billingCustomer).toBe(e.values.customer);
    }
  });
});
