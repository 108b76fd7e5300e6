// Refresh, revocation and expiry of every kind of token (issue 16), on PGlite and PostgreSQL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAUTH_CLIENT_ID } from "../../src/domain";
import { migrateTo, migrateToLatest } from "../../src/server/db/migrate";
import { hashToken } from "../../src/server/ids";
import { findPrincipal } from "../../src/server/repositories/organisations";
import { client, openTestDatabase, startHarness, type Harness } from "./harness";
import {
  exchange,
  form,
  PASSWORD,
  pkce,
  refresh,
  schemaStatus,
  signIn,
  submitSignIn,
  userWithPassword,
} from "./oauth-flow";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const revoke = (token: string, clientId = OAUTH_CLIENT_ID) =>
  h.app.inject({ method: "POST", url: "/oauth/revoke", ...form({ token, client_id: clientId }) });

interface TokenItem {
  id: string;
  userId: string;
  kind: string;
  expiresAt: string;
  current: boolean;
}
const items = (body: unknown) => (body as { items: TokenItem[] }).items;

describe("refresh tokens", () => {
  it("rotate: each refresh gives a new pair, and the old access token keeps working until it expires", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const first = await signIn(h.app, user.email);
    const second = await refresh(h.app, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(await schemaStatus(h.app, String(second.body.access_token))).toBe(200);
    expect(await schemaStatus(h.app, first.access_token)).toBe(200);
    const third = await refresh(h.app, String(second.body.refresh_token));
    expect(third.status).toBe(200);
  });

  it("a rotated refresh token used again revokes the whole sign-in: every refresh and access token of it", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const other = await signIn(h.app, user.email); // another sign-in of the same user: untouched
    const first = await signIn(h.app, user.email);
    const second = (await refresh(h.app, first.refresh_token)).body;
    const reuse = await refresh(h.app, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("revoked"),
    });
    expect((await refresh(h.app, String(second.refresh_token))).body.error).toBe("invalid_grant");
    expect(await schemaStatus(h.app, String(second.access_token))).toBe(401);
    expect(await schemaStatus(h.app, first.access_token)).toBe(401);
    expect(await schemaStatus(h.app, other.access_token)).toBe(200);
    expect((await refresh(h.app, other.refresh_token)).status).toBe(200);
  });

  it("one refresh token sent twice at once never forks the sign-in: one answer has tokens, and the reuse revokes them", async () => {
    // On PostgreSQL the two requests run on two connections: the claim (an update that wants the
    // token unused) lets one through and makes the other see it rotated, which revokes the sign-in.
    const org = await h.org();
    const user = await userWithPassword(org);
    const first = await signIn(h.app, user.email);
    const answers = await Promise.all([1, 2].map(() => refresh(h.app, first.refresh_token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const issued = answers.find((a) => a.status === 200)!.body;
    expect(answers.find((a) => a.status === 400)!.body.error).toBe("invalid_grant");
    expect(await schemaStatus(h.app, String(issued.access_token))).toBe(401);
    expect((await refresh(h.app, String(issued.refresh_token))).status).toBe(400);
    expect(await schemaStatus(h.app, first.access_token)).toBe(401);
  });

  it("one code exchanged twice at once gives tokens at most once, and those are revoked", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { verifier, challenge } = pkce();
    const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
    const answers = await Promise.all([1, 2].map(() => exchange(h.app, code!, verifier)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
    const issued = answers.find((a) => a.status === 200)!.body;
    expect(await schemaStatus(h.app, String(issued.access_token))).toBe(401);
    expect((await refresh(h.app, String(issued.refresh_token))).status).toBe(400);
  });

  it("an expired refresh token is refused; an unknown one too", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const tokens = await signIn(h.app, user.email);
    await sql`update oauth_refresh_tokens set expires_at = now() - interval '1 second'
      where token_hash = ${hashToken(tokens.refresh_token)}`.execute(h.db);
    expect((await refresh(h.app, tokens.refresh_token)).body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("expired"),
    });
    expect((await refresh(h.app, "crm_rt_made-up")).body.error).toBe("invalid_grant");
  });
});

describe("access tokens", () => {
  it("expire: an access token past its 15 minutes is 401, and the refresh token gets a new one", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const tokens = await signIn(h.app, user.email);
    const row = await sql<{ minutes: number }>`
      select extract(epoch from expires_at - now()) / 60 as minutes from api_tokens
      where token_hash = ${hashToken(tokens.access_token)}`.execute(h.db);
    expect(Number(row.rows[0]!.minutes)).toBeGreaterThan(14);
    expect(Number(row.rows[0]!.minutes)).toBeLessThanOrEqual(15);
    await sql`update api_tokens set expires_at = now() - interval '1 second'
      where token_hash = ${hashToken(tokens.access_token)}`.execute(h.db);
    expect(await schemaStatus(h.app, tokens.access_token)).toBe(401);
    const renewed = await refresh(h.app, tokens.refresh_token);
    expect(await schemaStatus(h.app, String(renewed.body.access_token))).toBe(200);
  });
});

describe("revocation (RFC 7009)", () => {
  it("revoking the refresh token ends the sign-in: refresh refused, its access tokens 401", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const tokens = await signIn(h.app, user.email);
    const res = await revoke(tokens.refresh_token);
    expect(res.statusCode).toBe(200);
    expect((await refresh(h.app, tokens.refresh_token)).body.error).toBe("invalid_grant");
    expect(await schemaStatus(h.app, tokens.access_token)).toBe(401);
  });

  it("revoking an access token ends only it; unknown tokens and another client's tokens answer 200 and change nothing", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const tokens = await signIn(h.app, user.email);
    expect((await revoke("crm_rt_never-issued")).statusCode).toBe(200);
    expect((await revoke(tokens.refresh_token, "another-client")).statusCode).toBe(200);
    expect(await schemaStatus(h.app, tokens.access_token)).toBe(200);
    expect((await revoke(tokens.access_token)).statusCode).toBe(200);
    expect(await schemaStatus(h.app, tokens.access_token)).toBe(401);
    expect((await refresh(h.app, tokens.refresh_token)).status).toBe(200);
  });
});

describe("personal tokens", () => {
  it("expire after 90 days by default, or the days asked; an expired one is 401 and no longer listed", async () => {
    const org = await h.org();
    const users = items((await org.admin.get("/api/v1/users")).body);
    const made = await org.admin.post("/api/v1/tokens", { userId: users[0]!.id, expiresInDays: 7 });
    expect(made.status).toBe(201);
    const { id, token, expiresAt } = made.body as { id: string; token: string; expiresAt: string };
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(
      (await org.admin.post("/api/v1/tokens", { userId: users[0]!.id, expiresInDays: 366 })).status,
    ).toBe(400);
    expect((await client(h.app, token).get("/api/v1/schema")).status).toBe(200);
    await sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${id}`.execute(h.db);
    expect((await client(h.app, token).get("/api/v1/schema")).status).toBe(401);
    expect(items((await org.admin.get("/api/v1/tokens")).body).map((t) => t.id)).not.toContain(id);
  });

  it("an admin lists the organisation's tokens, sign-ins included, and revokes any by id: its own admin token too", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const session = await signIn(h.app, user.email);
    const list = items((await org.admin.get("/api/v1/tokens")).body);
    const mine = list.find((t) => t.current)!;
    expect(mine.kind).toBe("personal");
    expect(list.some((t) => t.kind === "session" && t.userId === user.id)).toBe(true);
    const sessionToken = list.find((t) => t.kind === "session")!;
    // Revoking a sign-in's access token by id ends the sign-in, or its refresh token would mint another.
    expect((await org.admin.del(`/api/v1/tokens/${sessionToken.id}`)).status).toBe(200);
    expect(await schemaStatus(h.app, session.access_token)).toBe(401);
    expect((await refresh(h.app, session.refresh_token)).body.error).toBe("invalid_grant");
    expect((await org.admin.del(`/api/v1/tokens/${mine.id}`)).body).toEqual({ ok: true });
    expect((await org.admin.get("/api/v1/schema")).status).toBe(401);
  });

  it("anyone else sees and revokes only their own tokens; other organisations' tokens are not found", async () => {
    const org = await h.org();
    const importer = await org.as("importer");
    const adminList = items((await org.admin.get("/api/v1/tokens")).body);
    const own = items((await importer.get("/api/v1/tokens")).body);
    expect(own).toHaveLength(1);
    expect(own[0]!.current).toBe(true);
    const adminToken = adminList.find((t) => t.current)!;
    expect((await importer.del(`/api/v1/tokens/${adminToken.id}`)).status).toBe(404);
    expect((await importer.post("/api/v1/tokens", { userId: own[0]!.userId })).status).toBe(403);
    const stranger = await h.org();
    expect((await stranger.admin.del(`/api/v1/tokens/${adminToken.id}`)).status).toBe(404);
    expect((await importer.del(`/api/v1/tokens/${own[0]!.id}`)).status).toBe(200);
    expect((await importer.get("/api/v1/schema")).status).toBe(401);
  });
});

describe("passwords", () => {
  it("only an admin sets one; it must be 12 characters or more; an e-mail signs in one user at most", async () => {
    const org = await h.org();
    const importer = await org.as("importer");
    const users = items((await org.admin.get("/api/v1/users")).body);
    const id = users[0]!.id;
    expect(
      (await importer.put(`/api/v1/users/${id}/password`, { password: "long enough password" })).status,
    ).toBe(403);
    expect((await org.admin.put(`/api/v1/users/${id}/password`, { password: "short" })).status).toBe(400);
    const first = await userWithPassword(org);
    const twin = await org.admin.post("/api/v1/users", { name: "Twin", email: first.email, role: "viewer" });
    const taken = await org.admin.put(`/api/v1/users/${(twin.body as { id: string }).id}/password`, {
      password: "another long password",
    });
    expect(taken.status).toBe(409);
    const stored = await sql<{
      password_hash: string;
    }>`select password_hash from users where id = ${first.id}`.execute(h.db);
    expect(stored.rows[0]!.password_hash).toMatch(/^scrypt\$12\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });
});

describe("migration 0010", () => {
  it("gives tokens made before it an expiry 90 days on, and they keep working", async () => {
    const t = await openTestDatabase({ migrate: false });
    try {
      await migrateTo(t.db, "0009_context_keys");
      await sql`insert into organisations (id, name) values ('org_m', 'M')`.execute(t.db);
      await sql`insert into users (id, org_id, name, email, role) values ('usr_m', 'org_m', 'A', 'a@m', 'admin')`.execute(
        t.db,
      );
      await sql`insert into api_tokens (id, org_id, user_id, token_hash) values ('tok_m', 'org_m', 'usr_m', ${hashToken("old-token")})`.execute(
        t.db,
      );
      await migrateToLatest(t.db);
      const row = await sql<{ days: number; kind: string }>`
        select extract(epoch from expires_at - now()) / 86400 as days, kind from api_tokens where id = 'tok_m'`.execute(
        t.db,
      );
      expect(Number(row.rows[0]!.days)).toBeGreaterThan(89.9);
      expect(row.rows[0]!.kind).toBe("personal");
      expect(await findPrincipal(t.db, hashToken("old-token"))).toMatchObject({
        tokenId: "tok_m",
        role: "admin",
      });
    } finally {
      await t.close();
    }
  });
});
