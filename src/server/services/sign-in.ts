/**
 * OAuth 2.0 authorization code grant with PKCE (S256 only) and rotating refresh tokens: codes are
 * single use and short-lived, access tokens live 15 minutes, and each refresh token is used once: its
 * use mints the next one, and a second use of a rotated one (a copy in someone else's hands, or a
 * replay) revokes the whole sign-in (OAuth 2.0 Security BCP, RFC 9700 4.14). A reused code revokes
 * what it issued (RFC 6749 4.1.2). The results are typed; routes/oauth.ts turns them into HTTP.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { OAUTH_CLIENT_ID, type TokenResponse } from "../../domain";
import { hashToken, newId } from "../ids";
import type { Db } from "../repositories/organisations";
import {
  claimCode,
  claimRefreshToken,
  deleteSessionToken,
  grantOfRefreshToken,
  insertCode,
  insertRefreshToken,
  insertSessionToken,
  revokeGrant,
  type GrantOwner,
} from "../repositories/tokens";
import type { FastifyInstance } from "fastify";
import type { AuthFailureCounter } from "../auth-failures";
import { findSignInUser, type SignInUser } from "../repositories/users";
import { verifyPassword } from "./passwords";
import { signInMessages as text } from "../sign-in-messages";

/**
 * A sign-in form's e-mail and password checked, spending the address's allowance of failures (one
 * check for the add-in's sign-in page and the report pages' alike). A miss takes as long as a hit.
 */
export async function checkPassword(
  app: FastifyInstance,
  failures: AuthFailureCounter,
  ip: string,
  email: string,
  password: string,
): Promise<
  { ok: true; user: SignInUser } | { ok: false; status: number; error: string; retryAfter?: number }
> {
  if (!email || !password) return { ok: false, status: 400, error: text.missingFields };
  const wait = failures.waitSeconds(ip);
  if (wait > 0) return { ok: false, status: 429, error: text.tooManyAttempts(wait), retryAfter: wait };
  failures.take(ip);
  const user = await findSignInUser(app.db, email);
  // Checked even when no user has that e-mail (against a decoy hash): a miss takes as long as a hit.
  const valid = await verifyPassword(password, user?.passwordHash ?? null, app.passwordCost);
  if (!user || !valid) return { ok: false, status: 401, error: text.wrongPassword };
  failures.giveBack(ip);
  return { ok: true, user };
}

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_DAYS = 30;
export const CODE_SECONDS = 120;

/** The clients the CRM knows: one, the add-in, with the return addresses it may use. */
export interface OauthClients {
  clientId: string;
  redirectUris: ReadonlySet<string>;
}

export const oauthClients = (redirectUris: readonly string[]): OauthClients => ({
  clientId: OAUTH_CLIENT_ID,
  redirectUris: new Set(redirectUris),
});

export const isRegistered = (clients: OauthClients, clientId: string, redirectUri: string): boolean =>
  clientId === clients.clientId && clients.redirectUris.has(redirectUri);

/** 256 random bits, base64url, with a prefix that says what it is when it turns up somewhere. */
const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString("base64url")}`;

/** BASE64URL(SHA-256(ASCII(code_verifier))), RFC 7636 4.2. */
export const s256 = (verifier: string): string => createHash("sha256").update(verifier).digest("base64url");

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A code for a user who just signed in, bound to the return address and the PKCE challenge. */
export async function issueCode(
  db: Db,
  user: SignInUser,
  request: { clientId: string; redirectUri: string; codeChallenge: string },
): Promise<string> {
  const code = newSecret("crm_ac_");
  await insertCode(db, {
    codeHash: hashToken(code),
    owner: { orgId: user.orgId, userId: user.id, clientId: request.clientId, grantId: newId("grt") },
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    expiresAt: new Date(Date.now() + CODE_SECONDS * 1000),
  });
  return code;
}

export type GrantResult =
  { ok: true; tokens: TokenResponse } | { ok: false; error: "invalid_grant"; description: string };

const refused = (description: string): GrantResult => ({ ok: false, error: "invalid_grant", description });

async function issueTokens(db: Db, owner: GrantOwner): Promise<TokenResponse> {
  const access = newSecret("crm_at_");
  const refresh = newSecret("crm_rt_");
  const now = Date.now();
  await insertSessionToken(db, owner, hashToken(access), new Date(now + ACCESS_TOKEN_SECONDS * 1000));
  await insertRefreshToken(db, owner, hashToken(refresh), new Date(now + REFRESH_TOKEN_DAYS * 86_400_000));
  return {
    access_token: access,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_SECONDS,
    refresh_token: refresh,
  };
}

/** grant_type=authorization_code. A failed check still uses the code up: it is never tried twice. */
export function exchangeCode(
  db: Db,
  input: { code: string; clientId: string; redirectUri: string; codeVerifier: string },
): Promise<GrantResult> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimCode(trx, hashToken(input.code));
    if (claim.kind === "unknown") return refused(text.codeUnknown);
    if (claim.kind === "reused") {
      await revokeGrant(trx, claim.grantId);
      return refused(text.codeReused);
    }
    if (claim.kind === "expired") return refused(text.codeExpired);
    if (claim.owner.clientId !== input.clientId || claim.redirectUri !== input.redirectUri)
      return refused(text.codeMismatch);
    if (!sameText(s256(input.codeVerifier), claim.codeChallenge)) return refused(text.verifierMismatch);
    return { ok: true, tokens: await issueTokens(trx, claim.owner) };
  });
}

/** grant_type=refresh_token: the token is rotated; a rotated one presented again ends the sign-in. */
export function refreshTokens(
  db: Db,
  input: { refreshToken: string; clientId: string },
): Promise<GrantResult> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimRefreshToken(trx, hashToken(input.refreshToken), input.clientId);
    if (claim.kind === "unknown" || claim.kind === "wrong_client") return refused(text.refreshUnknown);
    if (claim.kind === "expired") return refused(text.refreshExpired);
    if (claim.kind === "reused") {
      await revokeGrant(trx, claim.grantId);
      return refused(text.refreshReused);
    }
    return { ok: true, tokens: await issueTokens(trx, claim.owner) };
  });
}

/**
 * RFC 7009: a refresh token ends its whole sign-in; an access token only itself. Unknown tokens are
 * not an error (the answer is the same either way, so it tells a guesser nothing).
 */
export async function revokeOauthToken(db: Db, input: { token: string; clientId: string }): Promise<void> {
  const hash = hashToken(input.token);
  await db.transaction().execute(async (trx) => {
    const grant = await grantOfRefreshToken(trx, hash, input.clientId);
    if (grant) await revokeGrant(trx, grant);
    else await deleteSessionToken(trx, hash);
  });
}
