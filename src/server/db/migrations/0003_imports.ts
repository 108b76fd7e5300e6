import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Import state lives here, not in a server's memory: batches by idempotency key with their first
 * answer, and each row ref's result, so any instance can take the next batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table imports (
      id text primary key,
      org_id text not null references organisations(id),
      sheet text not null,
      status text not null,
      duplicate_action text not null,
      match_keys jsonb not null,
      defaults jsonb not null,
      notify_email text,
      dry_run boolean not null,
      source text,
      created_by text not null references users(id),
      counts jsonb,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index imports_org on imports (org_id, id);
    create table import_batches (
      import_id text not null references imports(id),
      idempotency_key text not null,
      body_hash text not null,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (import_id, idempotency_key)
    );
    create table import_rows (
      import_id text not null references imports(id),
      ref text not null,
      outcome text not null,
      result jsonb not null,
      primary key (import_id, ref)
    );
    create table logs (
      id serial primary key,
      org_id text not null references organisations(id),
      kind text not null,
      user_id text,
      subject text not null,
      message text not null,
      details jsonb not null,
      created_at timestamptz not null default now()
    );
    create index logs_org on logs (org_id, kind, id);
  `,
  );
}
