/**
 * Limits that hold before the server does the work a request asks for (hostile-client probe, issue
 * 16): made-up tokens from one address, huge rows, slow requests; and the headers every answer
 * carries (security headers, Retry-After readable by the pane through CORS).
 */
import { connect } from "node:net";
import type { Kysely, KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestBounds } from "../../src/domain";
import { buildApp } from "../../src/server/app";
import type { Database } from "../../src/server/db/types";
import {
  client,
  key,
  openImport,
  startHarness,
  TEST_PASSWORD_COST,
  type Harness,
  type TestOrg,
} from "../server/harness";
import {
  exchange,
  PASSWORD,
  pkce,
  refresh,
  signIn,
  submitSignIn,
  userWithPassword,
  type Tokens,
} from "../server/oauth-flow";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The harness's database, counting the statements the app sends through it. */
function countingDb(db: Kysely<Database>) {
  const counter = { queries: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), counter };
}

async function newToken(org: TestOrg): Promise<string> {
  const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
  return ((await org.admin.post("/api/v1/tokens", { userId: users.items[0]!.id })).body as { token: string })
    .token;
}

const madeUp = (i: number) => `crm_${String(i).padStart(32, "0")}`;

describe("made-up tokens from one address", () => {
  it("get 429 with Retry-After once the address spent its allowance, and cost no lookup after that", async () => {
    const { db, counter } = countingDb(h.db);
    const app = await buildApp({ db, authFailureLimit: { max: 5, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      let retryAfter: unknown;
      let queriesWhenBlocked = -1;
      for (let i = 0; i < 700; i++) {
        if (i === 5) queriesWhenBlocked = counter.queries;
        const res = await client(app, madeUp(i)).get("/api/v1/schema");
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.headers["retry-after"];
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
      expect(counter.queries).toBe(queriesWhenBlocked);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    } finally {
      await app.close();
    }
  });

  it("sent all at once, are looked up at most as often as the allowance", async () => {
    const { db, counter } = countingDb(h.db);
    const app = await buildApp({ db, authFailureLimit: { max: 5, windowMs: 60_000 } });
    try {
      const before = counter.queries;
      const statuses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          client(app, madeUp(i))
            .get("/api/v1/schema")
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
      expect(counter.queries - before).toBeLessThanOrEqual(5);
    } finally {
      await app.close();
    }
  });

  it("do not count good tokens: each new good token gives its place back", async () => {
    const app = await buildApp({ db: h.db, authFailureLimit: { max: 2, windowMs: 60_000 } });
    try {
      const org = await h.org();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await client(app, await newToken(org)).get("/api/v1/schema")).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });
});

describe("failed sign-ins from one address (the sign-in page and the token endpoint)", () => {
  // Found while closing issue 16: the limit on made-up bearer tokens did not cover /oauth, so
  // passwords (each a scrypt), codes and refresh tokens could be guessed at the general rate limit.
  it("wrong passwords spend the allowance; then 429 with Retry-After before any lookup, even for the right one", async () => {
    const { db, counter } = countingDb(h.db);
    const app = await buildApp({
      db,
      passwordCost: TEST_PASSWORD_COST,
      authFailureLimit: { max: 3, windowMs: 60_000 },
    });
    try {
      const org = await h.org();
      const user = await userWithPassword(org);
      const { challenge } = pkce();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (await submitSignIn(app, challenge, { email: user.email, password: `wrong guess ${i}` })).res
            .statusCode,
        );
      expect(statuses).toEqual([401, 401, 401]);
      const before = counter.queries;
      const blocked = await submitSignIn(app, challenge, { email: user.email, password: PASSWORD });
      expect(counter.queries).toBe(before);
      expect(blocked.res.statusCode).toBe(429);
      expect(blocked.code).toBeNull();
      expect(Number(blocked.res.headers["retry-after"])).toBeGreaterThan(0);
      expect(blocked.res.body).toContain("Too many sign-in attempts");
      // The same allowance: a made-up bearer token from that address is refused before its lookup.
      expect((await client(app, madeUp(1)).get("/api/v1/schema")).status).toBe(429);
      expect(counter.queries).toBe(before);
      // Another address signs in.
      const elsewhere = await submitSignIn(
        app,
        challenge,
        { email: user.email, password: PASSWORD },
        "192.0.2.7",
      );
      expect(elsewhere.code).toBeTruthy();
    } finally {
      await app.close();
    }
  });

  it("made-up codes and refresh tokens spend it too; then 429 slow_down with Retry-After, no lookup", async () => {
    const { db, counter } = countingDb(h.db);
    const app = await buildApp({
      db,
      passwordCost: TEST_PASSWORD_COST,
      authFailureLimit: { max: 3, windowMs: 60_000 },
    });
    try {
      const org = await h.org();
      const user = await userWithPassword(org);
      const good = await signIn(app, user.email, "192.0.2.8");
      const { verifier } = pkce();
      const answers = [
        await refresh(app, "crm_rt_made-up-1"),
        await exchange(app, "crm_ac_made-up-2", verifier),
        await refresh(app, "crm_rt_made-up-3"),
      ];
      expect(answers.map((a) => [a.status, a.body.error])).toEqual([
        [400, "invalid_grant"],
        [400, "invalid_grant"],
        [400, "invalid_grant"],
      ]);
      const before = counter.queries;
      const blocked = await refresh(app, good.refresh_token);
      expect(counter.queries).toBe(before);
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe("slow_down");
      expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
      expect((await refresh(app, good.refresh_token, "192.0.2.8")).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("do not count sign-ins and refreshes that succeed", async () => {
    const app = await buildApp({
      db: h.db,
      passwordCost: TEST_PASSWORD_COST,
      authFailureLimit: { max: 1, windowMs: 60_000 },
    });
    try {
      const org = await h.org();
      const user = await userWithPassword(org);
      let tokens = await signIn(app, user.email);
      for (let i = 0; i < 3; i++) {
        const next = await refresh(app, tokens.refresh_token);
        expect(next.status).toBe(200);
        tokens = next.body as unknown as Tokens;
      }
      expect((await signIn(app, user.email)).access_token).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});

describe("bounds on a batch, checked before its rows are parsed", () => {
  const post = (org: TestOrg, id: string, body: unknown) =>
    h.app.inject({
      method: "POST",
      url: `/api/v1/imports/${id}/rows`,
      headers: {
        authorization: `Bearer ${tokens.get(org)!}`,
        "content-type": "application/json",
        "idempotency-key": key(),
      },
      payload: JSON.stringify(body),
    });
  const tokens = new Map<TestOrg, string>();
  async function arrange() {
    const org = await h.org();
    tokens.set(org, await newToken(org));
    return { org, id: await openImport(org.admin, { sheet: "customers" }) };
  }
  async function nothingStored(org: TestOrg, id: string) {
    const imp = (await org.admin.get(`/api/v1/imports/${id}`)).body as {
      counts: Record<string, number>;
      failures: unknown[];
    };
    expect(Object.values(imp.counts).every((n) => n === 0)).toBe(true);
    expect(imp.failures).toEqual([]);
    const stored = await h.db
      .selectFrom("import_batches")
      .select("idempotency_key")
      .where("import_id", "=", id)
      .execute();
    expect(stored).toEqual([]);
  }

  it("a row of 600,000 unknown field names (7 MB) is a 413 naming the row, and nothing is stored", async () => {
    const { org, id } = await arrange();
    const values: Record<string, string> = { name: "Big AB" };
    for (let i = 0; i < 600_000; i++) values[`f${i}`] = "";
    const res = await post(org, id, { rows: [{ ref: "Customers!2", values }] });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: {
        code: "too_large",
        message: expect.stringContaining('row "Customers!2", values has more than 250 fields'),
      },
    });
    await nothingStored(org, id);
  }, 120_000); // building and sending 7 MB takes seconds on a loaded machine

  it(`a batch of more than ${requestBounds.fieldsPerRequest} fields in all is a 413`, async () => {
    const { org, id } = await arrange();
    const rows = Array.from({ length: 1_000 }, (_, r) => {
      const values: Record<string, string> = {};
      for (let f = 0; f < 101; f++) values[`f${f}`] = "";
      return { ref: `r${r}`, values };
    });
    const res = await post(org, id, { rows });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain("fields in all");
    await nothingStored(org, id);
  });

  it("a text longer than Excel's largest cell, or a field name over 100 characters, is a 413 naming the cell", async () => {
    const { org, id } = await arrange();
    const long = await post(org, id, {
      rows: [{ ref: "Customers!7", values: { name: "x".repeat(32_768) } }],
    });
    expect(long.statusCode).toBe(413);
    expect(long.json().error.message).toMatch(
      /^row "Customers!7", field "name": the text is 32768 characters long/,
    );
    const name = await post(org, id, { rows: [{ ref: "Customers!8", values: { ["k".repeat(101)]: "1" } }] });
    expect(name.statusCode).toBe(413);
    expect(name.json().error.message).toContain("field's name is 101 characters long");
    await nothingStored(org, id);
  });

  it("a row's errors are bounded in the answer and in what is stored", async () => {
    const { org, id } = await arrange();
    const values: Record<string, string> = {};
    for (let i = 0; i < 249; i++) values[`unknown_${i}`] = "x";
    const res = await post(org, id, { rows: [{ ref: "Customers!2", values }] });
    expect(res.statusCode).toBe(200);
    const [result] = (res.json() as { results: { outcome: string; errors: { message: string }[] }[] })
      .results;
    expect(result!.outcome).toBe("failed");
    expect(result!.errors).toHaveLength(requestBounds.errorsPerRow);
    // The 249 unknown fields, the missing name and the missing e-mail or phone, less those shown.
    const more = 249 + 2 - (requestBounds.errorsPerRow - 1);
    expect(result!.errors.at(-1)!.message).toBe(`And ${more} more problems in this row.`);
    const imp = (await org.admin.get(`/api/v1/imports/${id}`)).body as { failures: { errors: unknown[] }[] };
    expect(imp.failures[0]!.errors).toHaveLength(requestBounds.errorsPerRow);
  });
});

describe("slow clients", () => {
  /** Opens a connection, sends `text`, and resolves with what the server answered when it closed. */
  function trickle(port: number, text: string, giveUpMs: number): Promise<string | "still open"> {
    return new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => socket.write(text));
      let answer = "";
      socket.on("data", (d) => (answer += d.toString()));
      const timer = setTimeout(() => {
        socket.destroy();
        resolve("still open");
      }, giveUpMs);
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(answer);
      });
      socket.on("error", () => undefined);
    });
  }

  it("a request body that never finishes arriving, or headers that never end, are cut off", async () => {
    const app = await buildApp({
      db: h.db,
      timeouts: { headersMs: 300, requestMs: 600, checkIntervalMs: 100 },
    });
    try {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const port = (app.server.address() as { port: number }).port;
      const body =
        "POST /api/v1/imports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer crm_slow\r\nContent-Length: 100\r\n\r\n{";
      const [slowBody, slowHeaders] = await Promise.all([
        trickle(port, body, 5_000),
        trickle(port, "GET /api/health HTTP/1.1\r\nHost: x\r\n", 5_000),
      ]);
      expect(slowBody).toMatch(/^HTTP\/1.1 408/);
      expect(slowHeaders).toMatch(/^HTTP\/1.1 408/);
    } finally {
      await app.close();
    }
  });
});

describe("headers on every answer", () => {
  it("carries the security headers", async () => {
    for (const url of ["/api/health", "/api/v1/schema", "/api/nope"]) {
      const res = await h.app.inject({ method: "GET", url });
      expect([url, res.headers["x-content-type-options"]]).toEqual([url, "nosniff"]);
      expect([url, typeof res.headers["content-security-policy"]]).toEqual([url, "string"]);
      expect([url, typeof res.headers["strict-transport-security"]]).toEqual([url, "string"]);
      expect([url, res.headers["x-frame-options"]]).toEqual([url, "SAMEORIGIN"]);
    }
  });

  it("lets the pane's origin read Retry-After (CORS exposes it)", async () => {
    const app = await buildApp({ db: h.db, rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      const token = await newToken(await h.org());
      const get = () =>
        app.inject({
          method: "GET",
          url: "/api/v1/schema",
          headers: { origin: "https://localhost:3000", authorization: `Bearer ${token}` },
        });
      await get();
      const limited = await get();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["retry-after"]).toBeDefined();
      expect(String(limited.headers["access-control-expose-headers"]).toLowerCase()).toContain("retry-after");
    } finally {
      await app.close();
    }
  });
});
