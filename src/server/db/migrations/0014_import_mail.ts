import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/**
 * The import summary e-mail goes to the importer unless they opt out (issue 15): `users.import_mail`
 * is their remembered choice (on by default), and `imports.mail_importer` what was decided for the
 * import when it was opened (never for a dry run). Imports opened before this mailed only their
 * typed address, so theirs is false.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    alter table users add column import_mail boolean not null default true;
    alter table imports add column mail_importer boolean not null default false
  `,
  );
}
