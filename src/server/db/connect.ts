import { mkdirSync } from "node:fs";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { openPgliteWorker, pgliteDialect } from "./pglite-dialect";
import type { Database } from "./types";

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, PGlite stores the data in `dataDir`. */
  databaseUrl?: string;
  /** A folder, or "memory://" for a throw-away database. */
  dataDir: string;
}

/**
 * Planner settings for both engines. A batch's match lookup probes an index once per token (about
 * 2,000 per batch) in a lateral subquery; without statistics (PGlite never analyses, PostgreSQL only
 * after autovacuum has) the planner makes each probe a bitmap scan, whose heap scan asks the table's
 * size at every rescan: an lseek per probe, which PGlite's file layer answers with an fstat (about a
 * fifth of PGlite's time in a batch, measured). Every query of the API is a point probe or a keyset
 * page, which plain index scans serve.
 */
export const PLANNER_SETTINGS = ["enable_bitmapscan=off"];

/** One SQL dialect, two engines: PostgreSQL when a URL is given, else embedded PGlite. */
export async function connectDatabase(config: DatabaseConfig): Promise<Kysely<Database>> {
  if (config.databaseUrl) {
    // JIT off: a batch's statements are short index probes and set-based writes, but without fresh
    // statistics the planner's estimates pass the JIT threshold and compiling cost ~50 ms per query.
    const options = ["jit=off", ...PLANNER_SETTINGS].map((s) => `-c ${s}`).join(" ");
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, options });
    // An idle connection the server dropped (restart, failover) must not crash the process: the
    // pool opens a new one on the next query, and a query in flight fails with its own error.
    pool.on("error", () => undefined);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
  return new Kysely<Database>({
    dialect: pgliteDialect(await openPgliteWorker(config.dataDir, PLANNER_SETTINGS)),
  });
}
