import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * Organisation-level import settings (issue 15).
 *
 * - `organisations.import_defaults`: what an admin chose for the organisation's imports (default
 *   duplicate action, match keys per sheet, whether ticked keys are alternatives or combined, the
 *   category a contact created without one gets), as JSON (`organisationImportSettingsSchema`);
 *   null until an admin sets them, when the built-in defaults apply.
 * - `imports.match_mode`: `any` (a row matches on any one of its keys) or `all` (only on all of them
 *   together). Imports opened before this migration matched on any key.
 * - `saved_mappings`: a column mapping saved per organisation and header signature (the workbook
 *   keeps a copy for when the CRM cannot be reached).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table organisations add column import_defaults jsonb;
    alter table imports add column match_mode text not null default 'any' check (match_mode in ('any', 'all'));
    create table saved_mappings (
      org_id text not null references organisations(id),
      signature text not null,
      mapping jsonb not null,
      updated_by text not null,
      updated_at timestamptz not null default now(),
      primary key (org_id, signature)
    )
  `,
  );
}
