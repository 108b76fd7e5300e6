// Signing in (issue 16): the sign-in page, authorization codes and PKCE, on PGlite and PostgreSQL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";
import {
  authorizeQuery,
  exchange,
  form,
  openSignInPage,
  PASSWORD,
  pkce,
  REDIRECT_URI,
  schemaStatus,
  submitSignIn,
  userWithPassword,
} from "./oauth-flow";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe("the sign-in page", () => {
  it("is plain HTML that escapes what the request carries, cannot be framed and runs no script", async () => {
    const { challenge } = pkce();
    const { page, cookie, csrf } = await openSignInPage(
      h.app,
      authorizeQuery(challenge, { state: `"><script>alert(1)</script>` }),
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("<script>");
    expect(page.body).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(page.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(page.headers["content-security-policy"]).not.toMatch(/unsafe-inline/);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(cookie).toMatch(/^crm_signin_csrf=/);
    expect(String(page.headers["set-cookie"])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(csrf.length).toBeGreaterThan(20);
  });

  it("never sends anything to a return address that is not registered, nor for an unknown client", async () => {
    const { challenge } = pkce();
    const cases: Record<string, string>[] = [
      { redirect_uri: "https://evil.example/cb" },
      { client_id: "someone-else" },
    ];
    for (const extra of cases) {
      const res = await h.app.inject({
        method: "GET",
        url: `/oauth/authorize?${authorizeQuery(challenge, extra)}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers.location).toBeUndefined();
      expect(res.body).toContain("did not come from an application the CRM knows");
    }
  });

  it("refuses a request without PKCE S256 (plain or none), or without state, back at the return address", async () => {
    const { verifier, challenge } = pkce();
    const cases: Record<string, string>[] = [
      { code_challenge_method: "plain", code_challenge: verifier },
      { code_challenge: "" },
      { code_challenge: "short" },
      { state: "" },
      { response_type: "token" },
    ];
    for (const extra of cases) {
      const res = await h.app.inject({
        method: "GET",
        url: `/oauth/authorize?${authorizeQuery(challenge, extra)}`,
      });
      expect(res.statusCode).toBe(303);
      const to = new URL(String(res.headers.location));
      expect(`${to.origin}${to.pathname}`).toBe(REDIRECT_URI);
      expect(to.searchParams.get("error")).toMatch(/invalid_request|unsupported_response_type/);
      expect(to.searchParams.get("code")).toBeNull();
    }
  });

  it("refuses a form posted without the page's CSRF cookie (a cross-site sign-in)", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { challenge } = pkce();
    const { csrf } = await openSignInPage(h.app, authorizeQuery(challenge));
    const params = Object.fromEntries(new URLSearchParams(authorizeQuery(challenge)));
    const fields = { ...params, email: user.email, password: PASSWORD, action: "sign-in" };
    const noCookie = await h.app.inject({
      method: "POST",
      url: "/oauth/authorize",
      ...form({ ...fields, csrf }),
    });
    const otherCookie = await h.app.inject({
      method: "POST",
      url: "/oauth/authorize",
      ...form({ ...fields, csrf }),
      headers: { ...form({}).headers, cookie: "crm_signin_csrf=forged-value-of-another-page" },
    });
    for (const res of [noCookie, otherCookie]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it("a wrong password or an unknown e-mail shows the form again with one sentence, and no code", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { challenge } = pkce();
    for (const fields of [
      { email: user.email, password: "not the password at all" },
      { email: "nobody@signin.example", password: PASSWORD },
    ]) {
      const { res, code } = await submitSignIn(h.app, challenge, fields);
      expect(res.statusCode).toBe(401);
      expect(code).toBeNull();
      expect(res.body).toContain("The e-mail or password is not right.");
      expect(res.body).toContain(`value="${fields.email}"`);
    }
  });

  it("Cancel sends the user back with access_denied", async () => {
    const { challenge } = pkce();
    const { location, code } = await submitSignIn(h.app, challenge, {
      email: "",
      password: "",
      action: "cancel",
    });
    expect(code).toBeNull();
    expect(location?.searchParams.get("error")).toBe("access_denied");
    expect(location?.searchParams.get("state")).toBe("st-1");
  });

  it("leaves the dialog its opener: no Cross-Origin-Opener-Policy same-origin on the page, its errors or its redirects", async () => {
    // helmet's default (same-origin) moved the popup to a browsing context group of its own: back on
    // the add-in's page, window.opener was null, the code never reached the pane and the dialog
    // stayed open (sign-in.e2e.test.ts; Microsoft's dialog API docs warn of it for Office on the web).
    const org = await h.org();
    const user = await userWithPassword(org);
    const { challenge } = pkce();
    const { page } = await openSignInPage(h.app, authorizeQuery(challenge));
    const bad = await h.app.inject({
      method: "GET",
      url: `/oauth/authorize?${authorizeQuery(challenge, { client_id: "someone-else" })}`,
    });
    const refused = await h.app.inject({
      method: "GET",
      url: `/oauth/authorize?${authorizeQuery(challenge, { state: "" })}`,
    });
    const signedIn = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
    const wrong = await submitSignIn(h.app, challenge, { email: user.email, password: "not it at all" });
    expect(signedIn.code).toBeTruthy();
    for (const res of [page, bad, refused, signedIn.res, wrong.res])
      expect(res.headers["cross-origin-opener-policy"]).toBe("unsafe-none");
    // The API's other answers keep helmet's defaults.
    const api = await h.app.inject({ method: "GET", url: "/api/health" });
    expect(api.headers["cross-origin-opener-policy"]).toBe("same-origin");
  });
});

describe("authorization codes and PKCE", () => {
  it("a signed-in user's code, exchanged with its verifier, gives a 15-minute access token and a refresh token", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { verifier, challenge } = pkce();
    const { location, code } = await submitSignIn(h.app, challenge, {
      email: user.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(location?.searchParams.get("state")).toBe("st-1");
    const tokens = await exchange(h.app, code!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.headers["cache-control"]).toBe("no-store");
    expect(tokens.body).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    const access = String(tokens.body.access_token);
    expect(await schemaStatus(h.app, access)).toBe(200);
    // Only hashes are stored.
    const stored = await sql<{ n: number }>`
      select count(*)::int as n from api_tokens where token_hash = ${access} or token_hash = ${String(tokens.body.refresh_token)}`.execute(
      h.db,
    );
    expect(stored.rows[0]!.n).toBe(0);
  });

  it("a wrong verifier, a wrong return address or a missing verifier is invalid_grant, and the code is used up", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const wrongVerifier = pkce().verifier;
    const cases: [string, Record<string, string>][] = [
      [wrongVerifier, {}],
      ["", { redirect_uri: "http://localhost:3000/other.html" }],
    ];
    for (const [verifierOverride, extra] of cases) {
      const { verifier, challenge } = pkce();
      const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
      const failed = await exchange(h.app, code!, verifierOverride || verifier, extra);
      expect(failed.status).toBe(400);
      expect(failed.body.error).toBe("invalid_grant");
      const retried = await exchange(h.app, code!, verifier);
      expect(retried.body.error).toBe("invalid_grant");
    }
    const { challenge } = pkce();
    const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
    const missing = await h.app.inject({
      method: "POST",
      url: "/oauth/token",
      ...form({
        grant_type: "authorization_code",
        code: code!,
        redirect_uri: REDIRECT_URI,
        client_id: "crm-excel-addin",
      }),
    });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).error).toBe("invalid_request");
  });

  it("a code used twice revokes what its first use issued", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { verifier, challenge } = pkce();
    const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
    const first = await exchange(h.app, code!, verifier);
    expect(await schemaStatus(h.app, String(first.body.access_token))).toBe(200);
    const second = await exchange(h.app, code!, verifier);
    expect(second.body.error).toBe("invalid_grant");
    expect(await schemaStatus(h.app, String(first.body.access_token))).toBe(401);
  });

  it("an expired code is invalid_grant", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { verifier, challenge } = pkce();
    const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
    await sql`update oauth_codes set expires_at = now() - interval '1 second' where user_id = ${user.id}`.execute(
      h.db,
    );
    const res = await exchange(h.app, code!, verifier);
    expect(res.body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("expired"),
    });
  });

  it("unknown grant types and clients get the RFC's error codes", async () => {
    const grant = await h.app.inject({
      method: "POST",
      url: "/oauth/token",
      ...form({ grant_type: "password" }),
    });
    expect(JSON.parse(grant.body).error).toBe("unsupported_grant_type");
    const client = await exchange(h.app, "crm_ac_x", pkce().verifier, { client_id: "other" });
    expect(client.body.error).toBe("invalid_client");
  });
});
