// Limits and the API's surface: rate limit, CORS, body size, batch size, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ROWS_PER_BATCH } from "../../src/domain";
import { buildApp } from "../../src/server/app";
import { corsOriginsFor } from "../../scripts/start";
import { readConfig } from "../../src/server/config";
import { client, customer, key, openImport, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("limits", () => {
  it("a token over its rate limit gets 429 with Retry-After; another token is not affected", async () => {
    const app = await buildApp({ db: h.db, rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const org = await h.org();
      const a = client(app, await tokenOf(org));
      const b = client(app, await tokenOf(org));
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await a.get("/api/v1/schema")).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await a.get("/api/v1/schema");
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(limited.body).toEqual({
        error: {
          code: "rate_limited",
          message: expect.stringMatching(/^Too many requests with this token: wait \d+ s/),
        },
      });
      expect((await b.get("/api/v1/schema")).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("CORS answers only the configured origins", async () => {
    const app = await buildApp({ db: h.db, corsOrigins: ["https://localhost:3000"] });
    try {
      const preflight = (origin: string) =>
        app.inject({
          method: "OPTIONS",
          url: "/api/v1/schema",
          headers: { origin, "access-control-request-method": "GET" },
        });
      const allowed = await preflight("https://localhost:3000");
      expect(allowed.headers["access-control-allow-origin"]).toBe("https://localhost:3000");
      const refused = await preflight("https://evil.example");
      expect(refused.statusCode).toBe(403);
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
      expect(JSON.parse(refused.body)).toEqual({
        error: { code: "origin_not_allowed", message: expect.stringContaining("https://evil.example") },
      });
    } finally {
      await app.close();
    }
  });

  it("a body over the size limit is 413 with a clear message", async () => {
    const app = await buildApp({ db: h.db, bodyLimitBytes: 2_000 });
    try {
      const org = await h.org();
      const c = client(app, await tokenOf(org));
      const id = await openImport(org.admin, { sheet: "customers" });
      const rows = Array.from({ length: 50 }, (_, i) =>
        customer(`r${i}`, { name: `Customer ${i}`, email: `c${i}@example.com` }),
      );
      const res = await c.post(`/api/v1/imports/${id}/rows`, { rows }, { "idempotency-key": key() });
      expect(res.status).toBe(413);
      expect((res.body as { error: { code: string; message: string } }).error.code).toBe("body_too_large");
    } finally {
      await app.close();
    }
  });

  it("a batch over the row limit is refused before anything is written", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const rows = Array.from({ length: MAX_ROWS_PER_BATCH + 1 }, (_, i) =>
      customer(`r${i}`, { name: `C${i}`, email: `c${i}@example.com` }),
    );
    const res = await org.admin.post(`/api/v1/imports/${id}/rows`, { rows }, { "idempotency-key": key() });
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string; message: string } }).error.message).toContain("rows");
    expect(((await org.admin.get("/api/v1/customers")).body as { items: unknown[] }).items).toEqual([]);
  });

  it("an unknown route and a malformed body answer in the one error shape", async () => {
    const org = await h.org();
    const missing = await org.admin.get("/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect((missing.body as { error: { code: string } }).error.code).toBe("route_not_found");
    const bad = await org.admin.post("/api/v1/imports", { sheet: "invoices" });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("sheet"),
    });
  });
});

describe("OpenAPI", () => {
  it("is generated from the routes and served with a docs page", async () => {
    const doc = await h.app.inject({ method: "GET", url: "/api/openapi.json" });
    const body = JSON.parse(doc.body) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/v1/schema",
      "/api/v1/customers",
      "/api/v1/imports",
      "/api/v1/imports/{id}/rows",
      "/api/v1/imports/{id}/finish",
    ])
      expect(Object.keys(body.paths)).toContain(path);
    const page = await h.app.inject({ method: "GET", url: "/api/docs" });
    expect([200, 302]).toContain(page.statusCode);
  });

  it("sends someone who opens the API's own address to its docs, not a 404", async () => {
    const root = await h.app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe("/api/docs");
  });

  it("accepts the pane's origin on the port npm start gives it, with no CORS_ORIGINS set by hand", async () => {
    const config = readConfig({ CORS_ORIGINS: corsOriginsFor(3001, undefined) });
    const other = await startHarness({ corsOrigins: config.CORS_ORIGINS });
    try {
      const ok = await other.app.inject({
        method: "GET",
        url: "/api/health",
        headers: { origin: "http://localhost:3001" },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers["access-control-allow-origin"]).toBe("http://localhost:3001");
      const refused = await other.app.inject({
        method: "GET",
        url: "/api/health",
        headers: { origin: "http://localhost:3002" },
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      await other.close();
    }
  });
});

async function tokenOf(org: Awaited<ReturnType<Harness["org"]>>): Promise<string> {
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
  return ((await org.admin.post("/api/v1/tokens", { userId: users.items[0]!.id })).body as { token: string })
    .token;
}
