import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/** Organisations, their users, API tokens (hashed), picklists and custom fields. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table organisations (
      id text primary key,
      name text not null unique,
      closed_period_through text,
      created_at timestamptz not null default now()
    );
    create table users (
      id text primary key,
      org_id text not null references organisations(id),
      name text not null,
      email text not null,
      role text not null check (role in ('admin', 'importer', 'viewer')),
      created_at timestamptz not null default now()
    );
    create index users_org on users (org_id);
    create table api_tokens (
      id text primary key,
      org_id text not null references organisations(id),
      user_id text not null references users(id),
      token_hash text not null unique,
      created_at timestamptz not null default now()
    );
    create table picklist_values (
      org_id text not null references organisations(id),
      picklist text not null,
      value text not null,
      primary key (org_id, picklist, value)
    );
    create table custom_fields (
      org_id text not null references organisations(id),
      sheet text not null,
      key text not null,
      definition jsonb not null,
      primary key (org_id, sheet, key)
    );
  `,
  );
}
