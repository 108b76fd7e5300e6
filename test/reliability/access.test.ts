/**
 * Nobody in: every route refuses a missing token, another organisation learns nothing, a viewer
 * cannot import, tokens rest hashed, the rate limit and the body limit hold.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { hashToken } from "../../src/server/ids";
import { client, startHarness, type Client, type Harness, type TestOrg } from "../server/harness";
import { registeredRoutes, routeCases, type OwnedIds, type RouteCase } from "./routes";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const send = (c: Client, rc: RouteCase, ids: OwnedIds) => {
  const url = rc.url(ids);
  const body = rc.body?.(ids);
  const key = { "idempotency-key": `access-${Math.random()}` };
  switch (rc.method) {
    case "GET":
      return c.get(url);
    case "POST":
      return c.post(url, body ?? {}, key);
    case "PUT":
      return c.put(url, body ?? {});
    case "DELETE":
      return c.del(url);
  }
};

async function ownedData(org: TestOrg): Promise<OwnedIds> {
  const post = async (url: string, body: unknown) =>
    (await org.admin.post(url, body, { "idempotency-key": `o-${Math.random()}` })).body;
  const open = async (sheet: string) => ((await post("/api/v1/imports", { sheet })) as { id: string }).id;
  const rows = async (sheet: string, values: Record<string, unknown>) => {
    const res = (await post(`/api/v1/imports/${await open(sheet)}/rows`, {
      rows: [{ ref: "r", values }],
    })) as {
      results: { crmId: string }[];
    };
    return res.results[0]!.crmId;
  };
  const customerId = await rows("customers", { name: "Owned AB", email: "owned@example.com" });
  const contactId = await rows("contacts", { customer: customerId, firstName: "Ann" });
  const siteId = await rows("sites", { billingCustomer: customerId, siteName: "Depot" });
  const equipmentId = await rows("equipment", { customer: customerId, site: siteId, name: "Boiler" });
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
  const userId = users.items[0]!.id;
  const token = (await post("/api/v1/tokens", { userId })) as { id: string };
  return {
    customerId,
    contactId,
    siteId,
    equipmentId,
    importId: await open("customers"),
    userId,
    tokenId: token.id,
  };
}

describe("the route list", () => {
  it("names every route the app registers under /api/v1, and no other", async () => {
    await h.app.ready();
    const listed = routeCases.map((r) => `${r.method} ${r.route}`).sort();
    expect(listed).toEqual(registeredRoutes(h.app));
  });
});

describe("every route", () => {
  it("answers 401 without a token and with a made-up one", async () => {
    const ids = await ownedData(await h.org());
    for (const rc of routeCases) {
      const none = await send(client(h.app, null), rc, ids);
      const fake = await send(client(h.app, "crm_0000000000000000000000000000"), rc, ids);
      expect([rc.route, none.status, fake.status]).toEqual([rc.route, 401, 401]);
    }
  });

  it("gives another organisation's admin 404 for each record, the same answer as for an id that never existed", async () => {
    const owner = await h.org();
    const ids = await ownedData(owner);
    const intruder = (await h.org()).admin;
    const nobody: OwnedIds = {
      customerId: "c_nope",
      contactId: "p_nope",
      siteId: "s_nope",
      equipmentId: "e_nope",
      importId: "i_nope",
      userId: "u_nope",
      tokenId: "t_nope",
    };
    for (const rc of routeCases.filter((r) => r.namesRecord)) {
      const theirs = await send(intruder, rc, ids);
      const missing = await send(intruder, rc, nobody);
      expect([rc.route, theirs.status]).toEqual([rc.route, 404]);
      expect([rc.route, theirs.body]).toEqual([rc.route, missing.body]);
    }
    // Nothing changed for the owner: the import is still open and the token still listed as theirs.
    const imp = await owner.admin.get(`/api/v1/imports/${ids.importId}`);
    expect((imp.body as { status: string }).status).toBe("open");
    const lists = ["customers", "contacts", "sites", "imports"].map((s) => intruder.get(`/api/v1/${s}`));
    for (const res of await Promise.all(lists)) expect((res.body as { items: unknown[] }).items).toEqual([]);
    const logs = JSON.stringify((await intruder.get("/api/v1/logs")).body);
    expect(logs).not.toContain(ids.customerId);
  });

  it("refuses a viewer importing or managing (403) and an importer managing, and lets each do its part", async () => {
    const org = await h.org();
    const ids = await ownedData(org);
    const viewer = await org.as("viewer");
    const importer = await org.as("importer");
    for (const rc of routeCases) {
      const asViewer = (await send(viewer, rc, ids)).status;
      const refused = asViewer === (rc.ownOnly ? 404 : 403);
      expect([rc.method, rc.route, rc.needs === "read" ? asViewer < 300 : refused]).toEqual([
        rc.method,
        rc.route,
        true,
      ]);
    }
    // The viewer's attempts wrote nothing.
    expect(((await org.admin.get("/api/v1/customers")).body as { items: unknown[] }).items).toHaveLength(1);
    for (const rc of routeCases) {
      const asImporter = (await send(importer, rc, ids)).status;
      const refused = asImporter === (rc.ownOnly ? 404 : 403);
      // The importer did not run the owner's import: a route for its runner refuses them too.
      const mayNot = rc.needs === "admin" || rc.runnerOnly;
      expect([rc.method, rc.route, mayNot ? refused : asImporter < 300]).toEqual([rc.method, rc.route, true]);
    }
  });
});

describe("tokens at rest", () => {
  it("are stored as their SHA-256 hash, never as the token", async () => {
    const org = await h.org();
    const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
    const made = (await org.admin.post("/api/v1/tokens", { userId: users.items[0]!.id })).body as {
      id: string;
      token: string;
    };
    const row = await h.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", made.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(made.token));
    expect(JSON.stringify(row)).not.toContain(made.token);
    const everyToken = await h.db.selectFrom("api_tokens").select("token_hash").execute();
    expect(everyToken.some((t) => t.token_hash.includes(made.token))).toBe(false);
  });
});

describe("limits", () => {
  it("answers 429 with a Retry-After in seconds once a token spends its window", async () => {
    const limited = await buildApp({ db: h.db, rateLimit: { max: 5, windowMs: 60_000 } });
    try {
      const caller = client(limited, await tokenOf(await h.org()));
      const statuses: number[] = [];
      let retryAfter: unknown;
      for (let i = 0; i < 7; i++) {
        const res = await caller.get("/api/v1/schema");
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers["retry-after"];
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    } finally {
      await limited.close();
    }
  });

  it("answers 413 to a 20 MB body and stores nothing from it", async () => {
    const org = await h.org();
    const open = (await org.admin.post("/api/v1/imports", { sheet: "customers" })).body as { id: string };
    const big = "x".repeat(20 * 1024 * 1024);
    const res = await h.app.inject({
      method: "POST",
      url: `/api/v1/imports/${open.id}/rows`,
      headers: {
        authorization: `Bearer ${await tokenOf(org)}`,
        "content-type": "application/json",
        "idempotency-key": "big",
      },
      payload: JSON.stringify({ rows: [{ ref: "r", values: { name: big, email: "big@example.com" } }] }),
    });
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: expect.any(String), message: expect.any(String) },
    });
    expect(((await org.admin.get("/api/v1/customers")).body as { items: unknown[] }).items).toEqual([]);
  });
});

/** The admin token of a test organisation, minted anew (the harness keeps its own private). */
async function tokenOf(org: TestOrg): Promise<string> {
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
  return ((await org.admin.post("/api/v1/tokens", { userId: users.items[0]!.id })).body as { token: string })
    .token;
}
