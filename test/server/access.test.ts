// Tenancy and roles: tokens, organisations and what each role may do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  client,
  customer,
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
});
afterAll(async () => {
  await h.close();
});

const code = (res: { body: unknown }) => (res.body as { error?: { code: string } }).error?.code;

describe("tokens", () => {
  it("no token and a wrong token are 401 with the error shape and a clear message", async () => {
    const none = await client(h.app, null).get("/api/v1/schema");
    const wrong = await client(h.app, "crm_not-a-token").get("/api/v1/schema");
    expect([none.status, wrong.status]).toEqual([401, 401]);
    expect(none.body).toEqual({
      error: { code: "unauthenticated", message: expect.stringContaining("Bearer") },
    });
    expect(code(wrong)).toBe("unauthenticated");
  });

  it("a revoked token stops working", async () => {
    const org = await h.org();
    const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
    const created = (await org.admin.post("/api/v1/tokens", { userId: users.items[0]!.id })).body as {
      id: string;
      token: string;
    };
    const holder = client(h.app, created.token);
    expect((await holder.get("/api/v1/schema")).status).toBe(200);
    const revoked = await org.admin.del(`/api/v1/tokens/${created.id}`);
    expect(revoked.body).toEqual({ ok: true });
    expect((await holder.get("/api/v1/schema")).status).toBe(401);
  });
});

describe("organisations", () => {
  async function otherOrgData() {
    const owner = await h.org();
    const [c] = await importRows(owner.admin, "customers", [
      customer("c", {
        name: "Secret AB",
        email: "s@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-03-01",
      }),
    ]);
    const [p] = await importRows(owner.admin, "contacts", [
      customer("p", { customer: c!.crmId, firstName: "Ann" }),
    ]);
    const [s] = await importRows(owner.admin, "sites", [
      customer("s", { billingCustomer: c!.crmId, siteName: "Depot" }),
    ]);
    const importId = await openImport(owner.admin, { sheet: "customers" });
    const users = (await owner.admin.get("/api/v1/users")).body as { items: { id: string }[] };
    return {
      owner,
      customerId: c!.crmId!,
      contactId: p!.crmId!,
      siteId: s!.crmId!,
      importId,
      userId: users.items[0]!.id,
    };
  }

  it("every route answers 404 for another organisation's records, imports, users and tokens", async () => {
    const d = await otherOrgData();
    const intruder = (await h.org()).admin;
    const attempts: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ["customer", () => intruder.get(`/api/v1/customers/${d.customerId}`)],
      ["contact", () => intruder.get(`/api/v1/contacts/${d.contactId}`)],
      ["site", () => intruder.get(`/api/v1/sites/${d.siteId}`)],
      ["ledger", () => intruder.get(`/api/v1/customers/${d.customerId}/ledger`)],
      ["import", () => intruder.get(`/api/v1/imports/${d.importId}`)],
      [
        "rows",
        () =>
          intruder.post(
            `/api/v1/imports/${d.importId}/rows`,
            { rows: [customer("x", { name: "X", email: "x@example.com" })] },
            { "idempotency-key": key() },
          ),
      ],
      ["finish", () => intruder.post(`/api/v1/imports/${d.importId}/finish`)],
      ["opening balances", () => intruder.del(`/api/v1/imports/${d.importId}/opening-balances`)],
      ["opening balances list", () => intruder.get(`/api/v1/imports/${d.importId}/opening-balances`)],
      ["token for user", () => intruder.post("/api/v1/tokens", { userId: d.userId })],
    ];
    for (const [name, attempt] of attempts) {
      const res = await attempt();
      expect([name, res.status, code(res)]).toEqual([name, 404, "not_found"]);
    }
    const owned = await d.owner.admin.get(`/api/v1/imports/${d.importId}`);
    expect((owned.body as { status: string }).status).toBe("open");
  });

  it("lists, schema, logs and matching see only the caller's organisation", async () => {
    const d = await otherOrgData();
    const other = await h.org();
    for (const sheet of ["customers", "contacts", "sites"]) {
      expect(((await other.admin.get(`/api/v1/${sheet}`)).body as { items: unknown[] }).items).toEqual([]);
    }
    expect(((await other.admin.get("/api/v1/imports")).body as { items: unknown[] }).items).toEqual([]);
    const schema = (await other.admin.get("/api/v1/schema")).body as { organisation: { name: string } };
    expect(schema.organisation.name).toBe(other.name);
    const [r] = await importRows(other.admin, "customers", [
      customer("c", { name: "Secret AB", email: "s@example.com" }),
    ]);
    expect(r!.outcome).toBe("created");
    const [ref] = await importRows(other.admin, "contacts", [
      customer("p", { customer: d.customerId, firstName: "Bo" }),
    ]);
    expect(ref!.outcome).toBe("failed");
  });
});

describe("roles", () => {
  async function roleClients() {
    const org = await h.org();
    return { org, viewer: await org.as("viewer"), importer: await org.as("importer"), admin: org.admin };
  }
  const adminCalls = (c: Client) => [
    () => c.get("/api/v1/users"),
    () => c.post("/api/v1/users", { name: "New", email: "new@example.com", role: "viewer" }),
    () => c.post("/api/v1/tokens", { userId: "usr_x" }),
    // Revoking is not admin-only: anyone revokes their own tokens (tokens.test.ts); setting a password is.
    () => c.put("/api/v1/users/usr_x/password", { password: "long enough password" }),
    () =>
      c.post("/api/v1/custom-fields", { sheet: "customers", key: "cf_size", label: "Size", kind: "text" }),
    () => c.post("/api/v1/picklists/category/values", { value: "Retail" }),
    () => c.put("/api/v1/closed-period", { through: "2025-12-31" }),
  ];

  it("the schema names the asker's role, so the pane offers only what the role allows", async () => {
    const { viewer, importer, admin } = await roleClients();
    const roleOf = async (c: Client) => ((await c.get("/api/v1/schema")).body as { role?: string }).role;
    expect([await roleOf(viewer), await roleOf(importer), await roleOf(admin)]).toEqual([
      "viewer",
      "importer",
      "admin",
    ]);
    // Only an admin adds a value to the organisation's list; then everyone's schema has it.
    expect((await importer.post("/api/v1/picklists/category/values", { value: "Partner" })).status).toBe(403);
    expect((await admin.post("/api/v1/picklists/category/values", { value: "Partner" })).status).toBe(200);
    const lists = (await viewer.get("/api/v1/schema")).body as { picklists: Record<string, string[]> };
    expect(lists.picklists.category).toContain("Partner");
  });

  it("a viewer reads and downloads but cannot import or manage", async () => {
    const { viewer, admin } = await roleClients();
    for (const url of [
      "/api/v1/schema",
      "/api/v1/customers",
      "/api/v1/contacts",
      "/api/v1/sites",
      "/api/v1/imports",
    ])
      expect([url, (await viewer.get(url)).status]).toEqual([url, 200]);
    // The import and activity logs name users and records: admins only, as the OpenAPI tag says.
    expect((await viewer.get("/api/v1/logs")).status).toBe(403);
    const importId = await openImport(admin, { sheet: "customers" });
    const refused = [
      await viewer.post("/api/v1/imports", { sheet: "customers" }),
      await viewer.post(
        `/api/v1/imports/${importId}/rows`,
        { rows: [customer("x", { name: "X", email: "x@example.com" })] },
        { "idempotency-key": key() },
      ),
      await viewer.post(`/api/v1/imports/${importId}/finish`),
      await viewer.del(`/api/v1/imports/${importId}/opening-balances`),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect((res.body as { error: { message: string } }).error.message).toContain("viewer");
    }
    for (const call of adminCalls(viewer)) expect((await call()).status).toBe(403);
  });

  it("an importer imports but cannot manage users, tokens, fields, picklists or periods", async () => {
    const { importer } = await roleClients();
    const id = await openImport(importer, { sheet: "customers" });
    const [r] = await sendRows(importer, id, [customer("x", { name: "X", email: "x@example.com" })]);
    expect(r!.outcome).toBe("created");
    expect((await importer.post(`/api/v1/imports/${id}/finish`)).status).toBe(200);
    for (const call of adminCalls(importer)) expect((await call()).status).toBe(403);
  });

  it("an admin manages users, tokens, custom fields, picklists and the closed period", async () => {
    const { admin } = await roleClients();
    const user = (
      await admin.post("/api/v1/users", { name: "Dana", email: "dana@example.com", role: "importer" })
    ).body as { id: string };
    expect((await admin.post("/api/v1/tokens", { userId: user.id })).status).toBe(201);
    expect(
      (
        await admin.post("/api/v1/custom-fields", {
          sheet: "customers",
          key: "cf_size",
          label: "Size",
          kind: "number",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await admin.post("/api/v1/custom-fields", {
          sheet: "customers",
          key: "cf_size",
          label: "Size",
          kind: "number",
        })
      ).status,
    ).toBe(409);
    expect((await admin.post("/api/v1/picklists/category/values", { value: "Retail" })).status).toBe(200);
    expect((await admin.put("/api/v1/closed-period", { through: "2025-12-31" })).status).toBe(200);
    const schema = (await admin.get("/api/v1/schema")).body as {
      closedPeriodThrough: string;
      picklists: Record<string, string[]>;
      customFields: { key: string }[];
      sheets: { customers: { fields: { key: string; custom: boolean }[] } };
      matchKeyChoices: { customers: string[][] };
    };
    expect(schema.closedPeriodThrough).toBe("2025-12-31");
    expect(schema.picklists.category).toEqual(["Retail"]);
    expect(schema.picklists.accountManager).toContain("Dana");
    expect(schema.customFields.map((f) => f.key)).toEqual(["cf_size"]);
    expect(schema.sheets.customers.fields.find((f) => f.key === "cf_size")?.custom).toBe(true);
    expect(schema.matchKeyChoices.customers).toContainEqual(["cf_size"]);
    const [bad] = await importRows(admin, "customers", [
      customer("r", { name: "X", email: "x@example.com", cf_size: "huge" }),
    ]);
    expect(bad!.errors).toEqual([{ field: "cf_size", message: "Size must be a number." }]);
  });
});
