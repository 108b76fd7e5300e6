import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "./types";

/** Runs a migration's DDL statement by statement: prepared statements take one command each. */
export async function runStatements(db: Kysely<unknown>, ddl: string): Promise<void> {
  for (const statement of ddl
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * One part of a statement: a common table expression, named so that later parts can read it. A
 * data-modifying part has no WITH of its own (PostgreSQL allows those only at the top level).
 */
export interface StatementPart {
  name: string;
  query: RawBuilder<unknown>;
  /** Computed once and kept (`as materialized`), for a part that later parts read more than once. */
  materialized?: boolean;
}

/**
 * Runs parts as one statement: one round trip where each would have been one. The parts share the
 * statement's snapshot and do not see each other's writes; foreign keys are checked at its end, so a
 * part may insert rows that reference another part's new rows.
 */
export async function runParts(db: Kysely<Database>, parts: readonly StatementPart[]): Promise<void> {
  if (!parts.length) return;
  const names = new Set(parts.map((p) => p.name));
  if (names.size !== parts.length)
    throw new Error(`Statement parts share a name: ${parts.map((p) => p.name)}`);
  const ctes = parts.map(
    (p) => sql`${sql.id(p.name)} as ${p.materialized ? sql`materialized` : sql``} (${p.query})`,
  );
  await sql`with ${sql.join(ctes)} select 1`.execute(db);
}
