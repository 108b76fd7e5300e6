import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Leaner writes per imported row (profiled: PGlite's page writes were most of a batch's time).
 * `record_keys` rows are written in the same statement as their record and records are never
 * deleted, so the foreign key only cost a records lookup per token (five per customer).
 * `import_rows` keeps a row's full result only when it carries errors; the others are rebuilt from
 * outcome, CRM ID and version. Rows written before this migration keep their full result.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table record_keys drop constraint if exists record_keys_record_id_fkey;
    alter table import_rows alter column result drop not null;
    alter table import_rows add column crm_id text;
    alter table import_rows add column version integer
  `,
  );
}
