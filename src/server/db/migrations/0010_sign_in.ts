import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Signing in (issue 16): users may have a password (an scrypt hash, `services/passwords.ts`), and
 * sign in through OAuth 2.0 with PKCE. Every token now expires. `api_tokens` keeps both kinds of
 * bearer token, so one lookup authenticates either: `personal` tokens made by an admin or the CLI,
 * and `session` access tokens minted by `/oauth/token`, which name the sign-in (`grant_id`) they
 * belong to. Authorization codes and refresh tokens have tables of their own; every secret is stored
 * as its SHA-256 hash (they are random, 256 bits: no salt or slow hash is needed, unlike passwords).
 *
 * Tokens made before this migration expire 90 days after it ran, like a new personal token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users add column password_hash text;
    create unique index users_sign_in_email on users (lower(email)) where password_hash is not null;
    alter table api_tokens add column kind text not null default 'personal'
      check (kind in ('personal', 'session'));
    alter table api_tokens add column grant_id text;
    alter table api_tokens add column expires_at timestamptz;
    update api_tokens set expires_at = now() + interval '90 days';
    alter table api_tokens alter column expires_at set not null;
    create index api_tokens_org on api_tokens (org_id);
    create index api_tokens_grant on api_tokens (grant_id) where grant_id is not null;
    create table oauth_codes (
      code_hash text primary key,
      org_id text not null references organisations(id),
      user_id text not null references users(id),
      client_id text not null,
      redirect_uri text not null,
      code_challenge text not null,
      grant_id text not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create table oauth_refresh_tokens (
      id text primary key,
      grant_id text not null,
      org_id text not null references organisations(id),
      user_id text not null references users(id),
      client_id text not null,
      token_hash text not null unique,
      expires_at timestamptz not null,
      rotated_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index oauth_refresh_tokens_grant on oauth_refresh_tokens (grant_id)
  `,
  );
}
