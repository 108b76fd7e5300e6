/**
 * Bearer tokens: personal tokens and sign-ins' access tokens (`api_tokens`), sign-ins' refresh tokens
 * and authorization codes (`oauth_*`). Only hashes are stored; the caller hashes (`hashToken`).
 */
import { sql } from "kysely";
import type { TokenKind } from "../db/types";
import { newId } from "../ids";
import type { Db } from "./organisations";

export interface TokenInfo {
  id: string;
  userId: string;
  userName: string;
  kind: TokenKind;
  createdAt: string;
  expiresAt: string;
}

const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();

/** The organisation's live tokens (or one user's), oldest first. */
export async function listTokens(db: Db, orgId: string, userId: string | null): Promise<TokenInfo[]> {
  let q = db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id", "t.user_id", "u.name", "t.kind", "t.created_at", "t.expires_at"])
    .where("t.org_id", "=", orgId)
    .where("t.expires_at", ">", sql<Date>`now()`);
  if (userId) q = q.where("t.user_id", "=", userId);
  const rows = await q.orderBy("t.id").limit(1_000).execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.name,
    kind: r.kind,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
  }));
}

/** Everything a sign-in issued: its refresh tokens and access tokens (and its code can no longer be used). */
export async function revokeGrant(db: Db, grantId: string): Promise<void> {
  await db.deleteFrom("oauth_refresh_tokens").where("grant_id", "=", grantId).execute();
  await db.deleteFrom("api_tokens").where("grant_id", "=", grantId).execute();
}

/**
 * Revokes a token of the organisation by id (only the owner's when `ownerId` is given); a sign-in's
 * access token takes its whole sign-in with it, or its refresh token would mint another. False when
 * there is no such token.
 */
export async function revokeTokenById(
  db: Db,
  orgId: string,
  tokenId: string,
  ownerId: string | null,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom("api_tokens").where("org_id", "=", orgId).where("id", "=", tokenId);
    if (ownerId) q = q.where("user_id", "=", ownerId);
    const gone = await q.returning(["grant_id"]).executeTakeFirst();
    if (gone?.grant_id) await revokeGrant(trx, gone.grant_id);
    return gone !== undefined;
  });
}

export interface GrantOwner {
  orgId: string;
  userId: string;
  clientId: string;
  grantId: string;
}

/** The columns a sign-in's token row takes from its sign-in, its hash and its expiry. */
const issuedTo = (owner: GrantOwner, tokenHash: string, expiresAt: Date) => ({
  org_id: owner.orgId,
  user_id: owner.userId,
  grant_id: owner.grantId,
  token_hash: tokenHash,
  expires_at: expiresAt,
});

/** A sign-in's access token (its hash), valid until `expiresAt`. */
export async function insertSessionToken(
  db: Db,
  owner: GrantOwner,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto("api_tokens")
    .values({ id: newId("tok"), kind: "session", ...issuedTo(owner, tokenHash, expiresAt) })
    .execute();
}

export async function insertRefreshToken(
  db: Db,
  owner: GrantOwner,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto("oauth_refresh_tokens")
    .values({ id: newId("rft"), client_id: owner.clientId, ...issuedTo(owner, tokenHash, expiresAt) })
    .execute();
}

export type RefreshClaim =
  | { kind: "rotated"; owner: GrantOwner }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "reused"; grantId: string }
  | { kind: "wrong_client" };

/**
 * Marks a refresh token used, once: a second use of the same token (a stolen copy, or a replay) finds
 * it already rotated and says `reused`, so the caller revokes its sign-in.
 */
export async function claimRefreshToken(db: Db, tokenHash: string, clientId: string): Promise<RefreshClaim> {
  const row = await db
    .selectFrom("oauth_refresh_tokens")
    .select([
      "id",
      "grant_id",
      "org_id",
      "user_id",
      "client_id",
      "rotated_at",
      sql<boolean>`expires_at <= now()`.as("expired"),
    ])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return { kind: "unknown" };
  if (row.client_id !== clientId) return { kind: "wrong_client" };
  if (row.rotated_at !== null) return { kind: "reused", grantId: row.grant_id };
  if (row.expired) return { kind: "expired" };
  const claimed = await db
    .updateTable("oauth_refresh_tokens")
    .set({ rotated_at: sql<Date>`now()` })
    .where("id", "=", row.id)
    .where("rotated_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return { kind: "reused", grantId: row.grant_id };
  return {
    kind: "rotated",
    owner: { orgId: row.org_id, userId: row.user_id, clientId: row.client_id, grantId: row.grant_id },
  };
}

/** The refresh token's sign-in, when the token is this client's (used, expired or not). */
export async function grantOfRefreshToken(
  db: Db,
  tokenHash: string,
  clientId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("oauth_refresh_tokens")
    .select("grant_id")
    .where("token_hash", "=", tokenHash)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return row?.grant_id ?? null;
}

/** Deletes one access token of a sign-in by its hash (RFC 7009 revocation of an access token). */
export async function deleteSessionToken(db: Db, tokenHash: string): Promise<void> {
  await db
    .deleteFrom("api_tokens")
    .where("token_hash", "=", tokenHash)
    .where("kind", "=", "session")
    .execute();
}

export interface NewCode {
  codeHash: string;
  owner: GrantOwner;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: Date;
}

export async function insertCode(db: Db, code: NewCode): Promise<void> {
  await db
    .insertInto("oauth_codes")
    .values({
      code_hash: code.codeHash,
      org_id: code.owner.orgId,
      user_id: code.owner.userId,
      client_id: code.owner.clientId,
      grant_id: code.owner.grantId,
      redirect_uri: code.redirectUri,
      code_challenge: code.codeChallenge,
      expires_at: code.expiresAt,
    })
    .execute();
}

export type CodeClaim =
  | { kind: "claimed"; owner: GrantOwner; redirectUri: string; codeChallenge: string }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "reused"; grantId: string };

/** Marks a code used, once; a second exchange says `reused` (RFC 6749 4.1.2: revoke what it issued). */
export async function claimCode(db: Db, codeHash: string): Promise<CodeClaim> {
  const row = await db
    .updateTable("oauth_codes")
    .set({ used_at: sql<Date>`now()` })
    .where("code_hash", "=", codeHash)
    .where("used_at", "is", null)
    .returning([
      "org_id",
      "user_id",
      "client_id",
      "grant_id",
      "redirect_uri",
      "code_challenge",
      sql<boolean>`expires_at <= now()`.as("expired"),
    ])
    .executeTakeFirst();
  if (!row) {
    const used = await db
      .selectFrom("oauth_codes")
      .select("grant_id")
      .where("code_hash", "=", codeHash)
      .executeTakeFirst();
    return used ? { kind: "reused", grantId: used.grant_id } : { kind: "unknown" };
  }
  if (row.expired) return { kind: "expired" };
  return {
    kind: "claimed",
    owner: { orgId: row.org_id, userId: row.user_id, clientId: row.client_id, grantId: row.grant_id },
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge,
  };
}
