/**
 * The log holds no secret and no customer data (hostile-client probe, issue 16): a token sent in the
 * query string was logged in `req.url`, and a 5xx logged the database error with its SQL and the row.
 * A server with its log captured answers every route, tokens in headers and query strings, made-up
 * tokens, a new token minted, and a 5xx raised by the database with the row in its message; then the
 * whole log is scanned.
 */
import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { redactUrl } from "../../src/server/logging";
import { client, key, openImport, startHarness, TEST_PASSWORD_COST, type Harness } from "../server/harness";
import {
  authorizeQuery,
  exchange,
  PASSWORD,
  pkce,
  refresh,
  submitSignIn,
  tokenRequest,
  userWithPassword,
} from "../server/oauth-flow";
import { routeCases } from "./routes";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The marker of the row that makes the database fail, so the log can be searched for it. */
const ROW_MARKER = "Explode-7f3a AB";

/** A trigger that fails an insert of the marked row with the row's values in its message. */
async function installFailingTrigger() {
  await sql
    .raw(
      `create or replace function harden_boom() returns trigger language plpgsql as $$
       begin raise exception 'cannot store %', new.values::text; end $$`,
    )
    .execute(h.db);
  await sql
    .raw(
      `create trigger harden_boom before insert on records for each row
       when (new.values->>'name' = '${ROW_MARKER}') execute function harden_boom()`,
    )
    .execute(h.db);
}

/** A server whose pino lines are kept in `lines`. */
async function loggedApp(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return buildApp({
    db: h.db,
    logger: { level: "debug", stream: sink },
    passwordCost: TEST_PASSWORD_COST,
  });
}

describe("the log of signing in", () => {
  it("holds no password, code, access token or refresh token, wherever the client put them", async () => {
    const lines: string[] = [];
    const app = await loggedApp(lines);
    try {
      const org = await h.org();
      const user = await userWithPassword(org);
      const { verifier, challenge } = pkce();
      const wrong = "a wrong password guessed here";
      await submitSignIn(app, challenge, { email: user.email, password: wrong });
      const { code } = await submitSignIn(app, challenge, { email: user.email, password: PASSWORD });
      const first = await exchange(app, code!, verifier);
      const access = String(first.body.access_token);
      const refreshToken = String(first.body.refresh_token);
      const next = await refresh(app, refreshToken);
      const secrets = [PASSWORD, wrong, code!, verifier, access, refreshToken];
      secrets.push(String(next.body.access_token), String(next.body.refresh_token));
      // Secrets where they do not belong: in query strings of the OAuth endpoints and the API.
      await app.inject({
        method: "GET",
        url: `/oauth/authorize?${authorizeQuery(challenge)}&password=${PASSWORD}`,
      });
      await app.inject({ method: "POST", url: `/oauth/token?refresh_token=${refreshToken}&code=${code}` });
      await client(app, null).get(`/api/v1/schema?access_token=${access}`);
      await client(app, access).get("/api/v1/schema");
      await tokenRequest(app, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: "x" });
      await app.inject({
        method: "POST",
        url: "/oauth/revoke",
        payload: { token: String(next.body.refresh_token), client_id: "crm-excel-addin" },
      });

      const log = lines.join("\n");
      expect(lines.length).toBeGreaterThan(10);
      expect(log).toContain("/oauth/token");
      for (const secret of secrets) expect(log).not.toContain(secret);
      expect(log).not.toMatch(/crm_(at|rt|ac)_[A-Za-z0-9_-]{10,}/);
    } finally {
      await app.close();
    }
  });
});

describe("the log of a server answering every route", () => {
  it("holds no token, no query value, no SQL text and no row data, and a 5xx is found by its error id", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const app = await buildApp({ db: h.db, logger: { level: "debug", stream: sink } });
    try {
      const org = await h.org();
      const users = (await org.admin.get("/api/v1/users")).body as { items: { id: string }[] };
      const userId = users.items[0]!.id;
      const minted = await org.admin.post("/api/v1/tokens", { userId });
      const token = (minted.body as { token: string }).token;
      const secrets = [token];
      const admin = client(app, token);

      // Every route, with the token in the header.
      const importId = await openImport(admin, { sheet: "customers" });
      const ids = {
        customerId: "c_x",
        contactId: "p_x",
        siteId: "s_x",
        equipmentId: "e_x",
        importId,
        userId,
        tokenId: "t_x",
      };
      for (const rc of routeCases) {
        const url = rc.url(ids);
        const body = rc.body?.(ids) ?? {};
        if (rc.method === "GET") await admin.get(url);
        else if (rc.method === "DELETE") await admin.del(url);
        else if (rc.method === "PUT") await admin.put(url, body);
        else {
          const res = await admin.post(url, body, { "idempotency-key": key() });
          const made = (res.body as { token?: string } | null)?.token;
          if (made) secrets.push(made);
        }
      }
      // Tokens where they do not belong, and made-up ones.
      await client(app, null).get(`/api/v1/schema?token=${token}&after=x`);
      await client(app, null).get(`/api/v1/nowhere?access_token=${token}`);
      await admin.get(`/api/v1/customers?after=${encodeURIComponent(token)}`);
      const madeUp = "crm_madeUpTokenThatMustNotBeLogged000000";
      secrets.push(madeUp);
      await client(app, madeUp).get("/api/v1/schema");

      // A 5xx whose database error carries the row and the statement.
      await installFailingTrigger();
      const failing = await openImport(admin, { sheet: "customers" });
      const res = await admin.post(
        `/api/v1/imports/${failing}/rows`,
        { rows: [{ ref: "r1", values: { name: ROW_MARKER, email: "boom@example.com" } }] },
        { "idempotency-key": key() },
      );
      expect(res.status).toBe(500);
      const message = (res.body as { error: { message: string } }).error.message;
      const errorId = /error id (err_[0-9a-f]+)/.exec(message)?.[1];
      expect(errorId).toBeDefined();

      const log = lines.join("\n");
      expect(lines.length).toBeGreaterThan(routeCases.length * 2);
      for (const secret of secrets) expect(log).not.toContain(secret);
      expect(log).not.toMatch(/crm_[A-Za-z0-9_-]{20,}/);
      expect(log).not.toContain(ROW_MARKER);
      expect(log).not.toContain("boom@example.com");
      expect(log).not.toMatch(/\b(insert into|select .* from|cannot store)\b/i);
      // The failure's line names its id, so the rest (type, code, where) can be found from the answer.
      const failure = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.errorId === errorId);
      expect(failure).toMatchObject({
        level: 50,
        msg: "request failed",
        error: { type: expect.any(String) },
      });
      expect(log).toContain("token=[redacted]");
    } finally {
      await app.close();
    }
  });
});

describe("redactUrl", () => {
  it("keeps the path and the parameters' names, never their values", () => {
    expect(redactUrl("/api/v1/customers?after=abc&token=crm_x")).toBe(
      "/api/v1/customers?after=[redacted]&token=[redacted]",
    );
    expect(redactUrl("/api/v1/schema")).toBe("/api/v1/schema");
  });
});
