import { sql, type Kysely } from "kysely";

/** Runs a migration's DDL statement by statement: prepared statements take one command each. */
export async function runStatements(db: Kysely<unknown>, ddl: string): Promise<void> {
  for (const statement of ddl
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}
