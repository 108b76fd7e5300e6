import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * `imports.resumes` (issue 15): how many times an import the CRM stopped answering was continued by
 * a later Import of its sheet (`POST /imports/:id/resume`), so History can say it was interrupted and
 * resumed; 0 for every import before this migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `alter table imports add column resumes integer not null default 0`);
}
