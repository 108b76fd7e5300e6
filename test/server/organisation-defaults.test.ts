// Organisation import defaults, combined match keys, the default contact category and mappings saved
// in the CRM (issue 15), through the real app on PGlite, or PostgreSQL with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaDocumentSchema, storedMappingSchema, type OrganisationImportSettings } from "../../src/domain";
import {
  customer,
  importRows,
  openImport,
  sendRows,
  startHarness,
  type Client,
  type Harness,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const settings = (patch: Partial<OrganisationImportSettings> = {}): OrganisationImportSettings => ({
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

const schemaOf = async (c: Client) => schemaDocumentSchema.parse((await c.get("/api/v1/schema")).body);

/** An organisation with Acme (postal code 222 20) already in the CRM. */
async function withAcme() {
  const org = await h.org();
  const [seed] = await importRows(org.admin, "customers", [
    customer("seed", { name: "Acme", postalCode: "222 20", email: "info@acme.example" }),
  ]);
  return { org, acmeId: seed!.crmId! };
}

/** A row named like Acme but at another postal code. */
const sameNameOtherPostalCode = customer("r", { name: "Acme", postalCode: "111 11", phone: "+46701234567" });
const nameAndPostalCode = { matchKeys: [["name"], ["name", "postalCode"]] };

describe("combined match keys", () => {
  it("under alternatives a row matching on name alone is matched; combined, it is created", async () => {
    const { org, acmeId } = await withAcme();
    const [any] = await importRows(org.admin, "customers", [sameNameOtherPostalCode], {
      ...nameAndPostalCode,
      matchMode: "any",
      duplicateAction: "skip",
    });
    expect(any).toMatchObject({ outcome: "skipped", crmId: acmeId });

    const [all] = await importRows(org.admin, "customers", [{ ...sameNameOtherPostalCode, ref: "r2" }], {
      ...nameAndPostalCode,
      matchMode: "all",
      duplicateAction: "update",
    });
    expect(all!.outcome).toBe("created");
    expect(all!.crmId).not.toBe(acmeId);
  });

  it("combined, a row equal on every ticked field matches; a row with one of them blank does not", async () => {
    const { org, acmeId } = await withAcme();
    const results = await importRows(
      org.admin,
      "customers",
      [
        customer("same", { name: "ACME", postalCode: "222 20", phone: "+46701234567" }),
        customer("blank", { name: "Acme", phone: "+46701234568" }),
      ],
      { ...nameAndPostalCode, matchMode: "all" },
    );
    expect(results.map((r) => [r.ref, r.outcome, r.outcome === "skipped" ? r.crmId : null])).toEqual([
      ["same", "skipped", acmeId],
      ["blank", "created", null],
    ]);
  });

  it("a dry run predicts the same: created under combined, skipped under alternatives", async () => {
    const { org } = await withAcme();
    const predict = async (matchMode: string) => {
      const id = await openImport(org.admin, {
        sheet: "customers",
        ...nameAndPostalCode,
        matchMode,
        dryRun: true,
      });
      return (await sendRows(org.admin, id, [sameNameOtherPostalCode]))[0]!.outcome;
    };
    expect(await predict("all")).toBe("created");
    expect(await predict("any")).toBe("skipped");
    expect((await org.admin.get("/api/v1/customers?limit=10")).body).toMatchObject({ items: [{}] });
  });
});

describe("organisation import defaults", () => {
  it("an admin sets them; the schema serves them; an import opened without options takes them", async () => {
    const { org, acmeId } = await withAcme();
    const before = await schemaOf(org.admin);
    expect(before.importDefaults).toEqual({
      duplicateAction: "skip",
      matchMode: "any",
      contactCategory: null,
    });
    expect(before.defaultMatchKeys.customers).toEqual([["email"], ["phone"]]);

    const chosen = settings({
      duplicateAction: "update",
      matchMode: "all",
      matchKeys: { ...settings().matchKeys, customers: [["name"], ["name", "postalCode"]] },
    });
    const put = await org.admin.put("/api/v1/import-defaults", chosen);
    expect(put.status).toBe(200);
    const after = await schemaOf(org.admin);
    expect(after.importDefaults).toEqual({
      duplicateAction: "update",
      matchMode: "all",
      contactCategory: null,
    });
    expect(after.defaultMatchKeys.customers).toEqual([["name"], ["name", "postalCode"]]);

    const opened = await org.admin.post("/api/v1/imports", { sheet: "customers" });
    expect(opened.body).toMatchObject({
      duplicateAction: "update",
      matchMode: "all",
      matchKeys: [["name"], ["name", "postalCode"]],
    });
    const id = (opened.body as { id: string }).id;
    const [sameKeys, otherPostalCode] = await sendRows(org.admin, id, [
      customer("a", { name: "Acme", postalCode: "222 20", city: "Lund" }),
      customer("b", { name: "Acme", postalCode: "111 11", email: "b@acme.example" }),
    ]);
    expect(sameKeys).toMatchObject({ outcome: "updated", crmId: acmeId });
    expect(otherPostalCode!.outcome).toBe("created");

    // What the opener gives still rules.
    const explicit = await org.admin.post("/api/v1/imports", {
      sheet: "customers",
      duplicateAction: "skip",
      matchMode: "any",
    });
    expect(explicit.body).toMatchObject({ duplicateAction: "skip", matchMode: "any" });
  });

  it("only an admin may set them (403), and keys and categories outside the offer are refused", async () => {
    const org = await h.org();
    for (const role of ["importer", "viewer"] as const) {
      const res = await (await org.as(role)).put("/api/v1/import-defaults", settings());
      expect(res.status).toBe(403);
    }
    const badKeys = await org.admin.put(
      "/api/v1/import-defaults",
      settings({ matchKeys: { ...settings().matchKeys, customers: [["city"]] } }),
    );
    expect(badKeys.status).toBe(400);
    expect(JSON.stringify(badKeys.body)).toContain("Match keys must be among");
    const noKeys = await org.admin.put(
      "/api/v1/import-defaults",
      settings({ matchKeys: { ...settings().matchKeys, sites: [] } }),
    );
    expect(noKeys.status).toBe(400);
    const badCategory = await org.admin.put("/api/v1/import-defaults", settings({ contactCategory: "Nope" }));
    expect(badCategory.status).toBe(400);
    expect(JSON.stringify(badCategory.body)).toContain("is not a contact category");
    expect((await schemaOf(org.admin)).importDefaults).toEqual({
      duplicateAction: "skip",
      matchMode: "any",
      contactCategory: null,
    });
  });
});

describe("default contact category", () => {
  async function withCategory() {
    const org = await h.org();
    await importRows(org.admin, "customers", [customer("c", { name: "Acme", email: "info@acme.example" })]);
    expect(
      (await org.admin.post("/api/v1/picklists/contactCategory/values", { value: "Decision maker" })).status,
    ).toBe(200);
    expect((await org.admin.post("/api/v1/picklists/contactCategory/values", { value: "User" })).status).toBe(
      200,
    );
    expect(
      (await org.admin.put("/api/v1/import-defaults", settings({ contactCategory: "Decision maker" })))
        .status,
    ).toBe(200);
    return org;
  }
  type Contact = { values: Record<string, unknown> };
  const contacts = async (c: Client) =>
    ((await c.get("/api/v1/contacts?limit=10")).body as { items: Contact[] }).items;

  it("a contact created with no category gets the organisation's; one with its own keeps it", async () => {
    const org = await withCategory();
    expect((await schemaOf(org.admin)).importDefaults?.contactCategory).toBe("Decision maker");
    const results = await importRows(await org.as("importer"), "contacts", [
      customer("a", { customer: "Acme", firstName: "Anna", email: "anna@acme.example" }),
      customer("b", { customer: "Acme", firstName: "Ben", email: "ben@acme.example", category: "User" }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "created"]);
    const byName = Object.fromEntries(
      (await contacts(org.admin)).map((c) => [c.values.firstName, c.values.category]),
    );
    expect(byName).toEqual({ Anna: "Decision maker", Ben: "User" });
  });

  it("a dry run's will-create names the category the default gives", async () => {
    const org = await withCategory();
    const id = await openImport(org.admin, { sheet: "contacts", dryRun: true });
    const [given, blank] = await sendRows(org.admin, id, [
      customer("a", { customer: "Acme", firstName: "Ben", category: "User" }),
      customer("b", { customer: "Acme", firstName: "Anna" }),
    ]);
    expect(given).toMatchObject({ outcome: "created" });
    expect(given).not.toHaveProperty("defaulted");
    expect(blank).toMatchObject({ outcome: "created", defaulted: { category: "Decision maker" } });
    expect(await contacts(org.admin)).toEqual([]);
  });

  it("customers are not given the contact category", async () => {
    const org = await withCategory();
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("x", { name: "Beta", email: "info@beta.example" })],
      { dryRun: true },
    );
    expect(r).toMatchObject({ outcome: "created" });
    expect(r).not.toHaveProperty("defaulted");
  });
});

describe("mappings saved in the CRM", () => {
  const mapping = {
    columns: ["name", null, "email"],
    dateOrders: {},
    decimalMarks: {},
    valueMaps: { category: { Butik: "Retail" } },
  };

  it("any signed-in user of the organisation saves and reads one by header signature; others never see it", async () => {
    const org = await h.org();
    const viewer = await org.as("viewer");
    expect((await viewer.get("/api/v1/mappings/0a1b2c3d")).status).toBe(404);
    const saved = await viewer.put("/api/v1/mappings/0a1b2c3d", mapping);
    expect(saved.status).toBe(200);
    const read = await (await org.as("importer")).get("/api/v1/mappings/0a1b2c3d");
    expect(read.status).toBe(200);
    const body = storedMappingSchema.parse(read.body);
    expect(body).toMatchObject({ ...mapping, signature: "0a1b2c3d" });
    expect(body.updatedBy).toMatch(/^viewer /);

    // The last save wins.
    await org.admin.put("/api/v1/mappings/0a1b2c3d", { columns: ["name", "phone", null] });
    expect((await viewer.get("/api/v1/mappings/0a1b2c3d")).body).toMatchObject({
      columns: ["name", "phone", null],
    });

    const other = await h.org();
    expect((await other.admin.get("/api/v1/mappings/0a1b2c3d")).status).toBe(404);
  });

  it("refuses a signature that is not one, a malformed mapping, and no token", async () => {
    const org = await h.org();
    expect((await org.admin.put("/api/v1/mappings/not-hex", mapping)).status).toBe(400);
    expect((await org.admin.put("/api/v1/mappings/0a1b2c3d", { columns: "name" })).status).toBe(400);
    expect((await org.admin.put("/api/v1/mappings/0a1b2c3d", { columns: [] })).status).toBe(400);
    const res = await h.app.inject({ method: "GET", url: "/api/v1/mappings/0a1b2c3d" });
    expect(res.statusCode).toBe(401);
  });
});
