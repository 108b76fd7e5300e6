/** Signing in through the reference server's own page and endpoints, as the pane's dialog does. */
import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { OAUTH_CLIENT_ID } from "../../src/domain";
import type { TestOrg } from "./harness";

export const REDIRECT_URI = "http://localhost:3000/auth-dialog.html";
export const PASSWORD = "correct horse battery staple";

export const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

export const authorizeQuery = (challenge: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: "code",
    client_id: OAUTH_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "st-1",
    ...extra,
  }).toString();

export const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

/** A user of the organisation with a password, made through the admin API. */
export async function userWithPassword(
  org: TestOrg,
  role = "importer",
): Promise<{ id: string; email: string }> {
  const email = `u-${randomBytes(4).toString("hex")}@signin.example`;
  const user = await org.admin.post("/api/v1/users", { name: "Signs In", email, role });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const id = (user.body as { id: string }).id;
  const set = await org.admin.put(`/api/v1/users/${id}/password`, { password: PASSWORD });
  if (set.status !== 200) throw new Error(`password: ${set.status} ${JSON.stringify(set.body)}`);
  return { id, email };
}

/** The sign-in page's CSRF cookie and hidden field. */
export async function openSignInPage(app: FastifyInstance, query: string) {
  const page = await app.inject({ method: "GET", url: `/oauth/authorize?${query}` });
  const cookie = String(page.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return { page, cookie, csrf };
}

/** Submits the sign-in form; answers the redirect's parameters (code, state, error) or the page. */
export async function submitSignIn(
  app: FastifyInstance,
  challenge: string,
  fields: { email: string; password: string; action?: string },
  remoteAddress?: string,
) {
  const { cookie, csrf } = await openSignInPage(app, authorizeQuery(challenge));
  const params = Object.fromEntries(new URLSearchParams(authorizeQuery(challenge)));
  const res = await app.inject({
    method: "POST",
    url: "/oauth/authorize",
    ...form({ ...params, csrf, action: "sign-in", ...fields }),
    // A browser's form post carries an Origin: the CRM's own, or "null" under Referrer-Policy no-referrer.
    headers: { ...form({}).headers, cookie, origin: "null" },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  const location = res.headers.location ? new URL(String(res.headers.location)) : null;
  return { res, location, code: location?.searchParams.get("code") ?? null };
}

export async function tokenRequest(
  app: FastifyInstance,
  fields: Record<string, string>,
  remoteAddress?: string,
) {
  const res = await app.inject({
    method: "POST",
    url: "/oauth/token",
    ...form(fields),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: JSON.parse(res.body) as Record<string, unknown>,
  };
}

export const exchange = (
  app: FastifyInstance,
  code: string,
  verifier: string,
  extra: Record<string, string> = {},
  remoteAddress?: string,
) =>
  tokenRequest(
    app,
    {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: OAUTH_CLIENT_ID,
      code_verifier: verifier,
      ...extra,
    },
    remoteAddress,
  );

export const refresh = (app: FastifyInstance, refreshToken: string, remoteAddress?: string) =>
  tokenRequest(
    app,
    { grant_type: "refresh_token", refresh_token: refreshToken, client_id: OAUTH_CLIENT_ID },
    remoteAddress,
  );

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

/** A whole sign-in: page, form, code, tokens. */
export async function signIn(app: FastifyInstance, email: string, remoteAddress?: string): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const { code } = await submitSignIn(app, challenge, { email, password: PASSWORD }, remoteAddress);
  if (!code) throw new Error("no code");
  const tokens = await exchange(app, code, verifier, {}, remoteAddress);
  if (tokens.status !== 200) throw new Error(`token: ${tokens.status} ${JSON.stringify(tokens.body)}`);
  return tokens.body as unknown as Tokens;
}

export const schemaStatus = async (app: FastifyInstance, accessToken: string) =>
  (
    await app.inject({
      method: "GET",
      url: "/api/v1/schema",
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).statusCode;
