import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Taking an import back (issue 17).
 *
 * - `import_before_images`: a record an import updated, as it was before the import's first change
 *   (`version`, `values`), and the version the import's last change left (`after_version`); written
 *   in the same statement as the update. A record the import created and changed again in the same
 *   batch has one too, so its revert knows the version the import left. Creates need nothing more:
 *   `import_rows` holds their CRM ID and outcome.
 * - `import_revert_batches`: a revert batch's idempotency key and its answer.
 * - `import_revert_rows`: each ref's revert outcome; a final one (deleted, restored, reversed) is
 *   never decided again, so a revert sent twice never deletes or restores twice.
 * - `imports.revert_status` (`started` | `finished`), `reverted_by`, `reverted_at`.
 * - `organisations.revert_window_days`: how long an importer may revert their own import.
 * - Partial expression indexes on the references a record holds (contacts' customer, sites'
 *   billing customer, customers' headquarters), so a revert finds what refers to a customer it
 *   would delete with an index probe. Partial: a customer without headquarters adds no entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table import_before_images (
      import_id text not null,
      record_id text not null,
      version integer not null,
      values jsonb not null,
      after_version integer not null,
      primary key (import_id, record_id)
    );
    create table import_revert_batches (
      import_id text not null,
      idempotency_key text not null,
      body_hash text not null,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (import_id, idempotency_key)
    );
    create table import_revert_rows (
      import_id text not null,
      ref text not null,
      record_id text,
      outcome text not null,
      result jsonb not null,
      primary key (import_id, ref)
    );
    create index import_revert_rows_record on import_revert_rows (import_id, record_id);
    alter table imports add column revert_status text;
    alter table imports add column reverted_by text;
    alter table imports add column reverted_at timestamptz;
    alter table organisations add column revert_window_days integer not null default 30;
    create index records_contact_customer on records ((values->>'customer')) where sheet = 'contacts';
    create index records_site_billing on records ((values->>'billingCustomer')) where sheet = 'sites';
    create index records_headquarters on records ((values->>'headquarters'))
      where sheet = 'customers' and (values->>'headquarters') is not null
  `,
  );
}
