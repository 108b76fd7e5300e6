import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Customers, contacts and sites share one table: their fields live in `values` (the catalog is the
 * schema), and `match_tokens` holds each match key's normalised value ("email\u001fa@b.se") so a
 * whole batch is matched by one indexed query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table records (
      id text primary key,
      org_id text not null references organisations(id),
      sheet text not null,
      version integer not null,
      values jsonb not null,
      match_tokens text[] not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index records_page on records (org_id, sheet, id);
    create index records_tokens on records using gin (match_tokens);
  `,
  );
}
