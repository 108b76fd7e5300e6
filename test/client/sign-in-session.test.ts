// The client's sign-in session against the reference server over HTTP (issue 16): code exchange,
// transparent renewal on expiry and on 401, one renewal for many requests, and revocation.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCrmClient,
  createSession,
  CrmClientError,
  exchangeCode,
  pkcePair,
  type SignInSession,
} from "../../src/client";
import { buildApp } from "../../src/server/app";
import { hashToken } from "../../src/server/ids";
import { startHarness, type Harness } from "../server/harness";
import { PASSWORD, REDIRECT_URI, submitSignIn, userWithPassword } from "../server/oauth-flow";

let h: Harness;
let baseUrl: string;
beforeAll(async () => {
  h = await startHarness();
  baseUrl = await h.app.listen({ host: "127.0.0.1", port: 0 });
}, 120_000);
afterAll(async () => h.close());

async function signedIn() {
  const org = await h.org();
  const user = await userWithPassword(org);
  const { verifier, challenge } = await pkcePair();
  const { code } = await submitSignIn(h.app, challenge, { email: user.email, password: PASSWORD });
  const first = await exchangeCode(baseUrl, {
    code: code!,
    codeVerifier: verifier,
    redirectUri: REDIRECT_URI,
  });
  const saved: string[] = [];
  const session: SignInSession = createSession({
    baseUrl,
    refreshToken: first.refresh_token,
    accessToken: { token: first.access_token, expiresAt: Date.now() + first.expires_in * 1000 },
    onRefreshToken: (t) => void saved.push(t),
  });
  return { first, saved, session, client: createCrmClient({ baseUrl, auth: session, retries: 0 }) };
}

const refreshCount = async (accessToken: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from oauth_refresh_tokens where grant_id =
      (select grant_id from api_tokens where token_hash = ${hashToken(accessToken)})`.execute(h.db)
  ).rows[0]!.n;

describe("a signed-in client", () => {
  it("renews an access token the CRM refuses (expired), once for all requests that met the 401", async () => {
    const { first, saved, client } = await signedIn();
    expect((await client.getSchema()).organisation.name).toMatch(/^Org /);
    await sql`update api_tokens set expires_at = now() - interval '1 second'
      where token_hash = ${hashToken(first.access_token)}`.execute(h.db);
    const answers = await Promise.all([client.getSchema(), client.getSchema(), client.listImports()]);
    expect(answers).toHaveLength(3);
    // One rotation: two would have used a rotated refresh token and ended the sign-in.
    expect(saved).toHaveLength(1);
    expect(await refreshCount(first.access_token)).toBe(2);
  });

  it("a session whose sign-in was revoked fails with 'sign in again', and revoke() ends it at the CRM", async () => {
    const { session, client } = await signedIn();
    await session.revoke();
    await expect(client.getSchema()).rejects.toMatchObject({ kind: "auth", code: "invalid_grant" });
  });
});

describe("the CRM's limit on failed sign-ins", () => {
  it("reaches the client as 'busy, try again in N seconds' with the wait the CRM asked for", async () => {
    const app = await buildApp({ db: h.db, authFailureLimit: { max: 1, windowMs: 60_000 } });
    try {
      const url = await app.listen({ host: "127.0.0.1", port: 0 });
      const { verifier } = await pkcePair();
      const guess = () =>
        exchangeCode(url, { code: "crm_ac_made-up", codeVerifier: verifier, redirectUri: REDIRECT_URI });
      await expect(guess()).rejects.toMatchObject({ kind: "auth", code: "invalid_grant" });
      const limited = await guess().then(
        () => null,
        (e: unknown) => e as CrmClientError,
      );
      expect(limited).toMatchObject({ kind: "rateLimited", status: 429, code: "slow_down" });
      expect(limited?.retryAfterMs).toBeGreaterThan(0);
      expect(limited?.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(limited?.message).toMatch(/try again in \d+ seconds/);
    } finally {
      await app.close();
    }
  });
});
