// Retries and several server instances: a batch or a row is written once, whoever receives it.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { connectDatabase } from "../../src/server/db/connect";
import type { FastifyInstance } from "fastify";
import { customer, key, openImport, sendRows, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const count = async (org: { admin: { get(u: string): Promise<{ body: unknown }> } }) =>
  ((await org.admin.get("/api/v1/customers?limit=1000")).body as { items: unknown[] }).items.length;

describe("idempotency", () => {
  it("a replayed key returns the first answer and writes once", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers", duplicateAction: "clone" });
    const rows = [
      customer("r1", { name: "A", email: "a@example.com" }),
      customer("r2", { name: "B", email: "b@example.com" }),
    ];
    const k = key();
    const first = await sendRows(org.admin, id, rows, k);
    const again = await sendRows(org.admin, id, rows, k);
    expect(again).toEqual(first);
    expect(await count(org)).toBe(2);
  });

  it("a key reused with a different body is refused with 422", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const k = key();
    await sendRows(org.admin, id, [customer("r1", { name: "A", email: "a@example.com" })], k);
    const res = await org.admin.post(
      `/api/v1/imports/${id}/rows`,
      { rows: [customer("r1", { name: "B", email: "b@example.com" })] },
      { "idempotency-key": k },
    );
    expect(res.status).toBe(422);
    expect((res.body as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
  });

  it("a ref sent again under a new key is not written twice and answers its stored result", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers", duplicateAction: "clone" });
    const [first] = await sendRows(org.admin, id, [customer("r1", { name: "A", email: "a@example.com" })]);
    const [second, other] = await sendRows(org.admin, id, [
      customer("r1", { name: "A", email: "a@example.com" }),
      customer("r2", { name: "B", email: "b@example.com" }),
    ]);
    expect(second).toEqual(first);
    expect(other!.outcome).toBe("created");
    expect(await count(org)).toBe(2);
  });

  it("a failed row can be corrected and sent again under the same ref", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [bad] = await sendRows(org.admin, id, [customer("r1", { name: "A", email: "nope" })]);
    const [good] = await sendRows(org.admin, id, [customer("r1", { name: "A", email: "a@example.com" })]);
    expect([bad!.outcome, good!.outcome]).toEqual(["failed", "created"]);
  });

  it("a batch without an Idempotency-Key is refused with a clear message", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const res = await org.admin.post(`/api/v1/imports/${id}/rows`, {
      rows: [customer("r1", { name: "A", email: "a@example.com" })],
    });
    expect(res.status).toBe(400);
    expect((res.body as { error: { code: string } }).error.code).toBe("idempotency_key_required");
  });

  it("a finished import takes no more rows", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    const res = await org.admin.post(
      `/api/v1/imports/${id}/rows`,
      { rows: [customer("r1", { name: "A", email: "a@example.com" })] },
      { "idempotency-key": key() },
    );
    expect(res.status).toBe(409);
  });
});

describe("two server instances on one database", () => {
  it("take alternate batches of one import over HTTP and answer as one server", async () => {
    const org = await h.org();
    // PostgreSQL: a second app with its own connection pool; PGlite: a second app on the same database.
    const secondDb = h.database.url
      ? await connectDatabase({ databaseUrl: h.database.url, dataDir: "unused" })
      : h.db;
    const apps: FastifyInstance[] = [h.app, await buildApp({ db: secondDb })];
    const second = apps[1]!;
    const bases: string[] = [];
    for (const app of apps) {
      if (!app.server.listening) await app.listen({ port: 0, host: "127.0.0.1" });
      bases.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
    const token = (
      (await org.admin.post("/api/v1/tokens", { userId: await adminId(org) })).body as { token: string }
    ).token;
    const post = async (base: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: res.status,
        body: (await res.json()) as { id?: string; results?: { outcome: string }[] },
      };
    };
    try {
      const opened = await post(bases[0]!, "/api/v1/imports", { sheet: "customers" });
      const id = opened.body.id!;
      const outcomes: string[] = [];
      for (let b = 0; b < 4; b++) {
        const rows = [0, 1, 2].map((i) =>
          customer(`r${b * 3 + i}`, { name: `C${b}-${i}`, email: `c${b}${i}@example.com` }),
        );
        const k = key();
        const res = await post(
          bases[b % 2]!,
          `/api/v1/imports/${id}/rows`,
          { rows },
          { "idempotency-key": k },
        );
        // The same batch retried on the other instance is answered from the database, not written again.
        const retry = await post(
          bases[(b + 1) % 2]!,
          `/api/v1/imports/${id}/rows`,
          { rows },
          { "idempotency-key": k },
        );
        expect(retry.body).toEqual(res.body);
        outcomes.push(...res.body.results!.map((r) => r.outcome));
      }
      const finished = await post(bases[1]!, `/api/v1/imports/${id}/finish`, {});
      expect(outcomes).toEqual(Array(12).fill("created"));
      expect((finished.body as unknown as { counts: { created: number } }).counts.created).toBe(12);
      expect(await count(org)).toBe(12);
    } finally {
      await second.close();
      if (secondDb !== h.db) await secondDb.destroy();
    }
  });
});

async function adminId(org: { admin: { get(u: string): Promise<{ body: unknown }> } }): Promise<string> {
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string; role: string }[] };
  return users.items.find((u) => u.role === "admin")!.id;
}
