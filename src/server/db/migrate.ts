import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import * as tenancy from "./migrations/0001_tenancy";
import * as records from "./migrations/0002_records";
import * as imports from "./migrations/0003_imports";
import * as ledger from "./migrations/0004_ledger";
import * as recordKeys from "./migrations/0005_record_keys";
import * as leanImportWrites from "./migrations/0006_lean_import_writes";
import * as matchIndex from "./migrations/0007_match_index";
import * as matchColumns from "./migrations/0008_match_columns";
import * as contextKeys from "./migrations/0009_context_keys";
import * as signIn from "./migrations/0010_sign_in";
import * as importReverts from "./migrations/0011_import_reverts";
import * as organisationDefaults from "./migrations/0012_organisation_defaults";
import * as equipmentReferences from "./migrations/0013_equipment_references";
import * as importMail from "./migrations/0014_import_mail";
import * as recordReferences from "./migrations/0015_record_references";
import * as importResumes from "./migrations/0016_import_resumes";
import type { Database } from "./types";

/** The ordered migrations: add a file, then add it here under its file name. */
const migrations = {
  "0001_tenancy": tenancy,
  "0002_records": records,
  "0003_imports": imports,
  "0004_ledger": ledger,
  "0005_record_keys": recordKeys,
  "0006_lean_import_writes": leanImportWrites,
  "0007_match_index": matchIndex,
  "0008_match_columns": matchColumns,
  "0009_context_keys": contextKeys,
  "0010_sign_in": signIn,
  "0011_import_reverts": importReverts,
  "0012_organisation_defaults": organisationDefaults,
  "0013_equipment_references": equipmentReferences,
  "0014_import_mail": importMail,
  "0015_record_references": recordReferences,
  "0016_import_resumes": importResumes,
} satisfies Record<string, Migration>;

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Migrations are run in name order; one landed after a later-numbered one already ran (engineers
 * number theirs ahead) still runs, instead of the migrator refusing to start.
 */
const options = { provider, allowUnorderedMigrations: true } as const;

/** Brings the database to a given migration (tests of a migration over data written before it). */
export async function migrateTo(db: Kysely<Database>, name: keyof typeof migrations): Promise<void> {
  const { error } = await new Migrator({ db, ...options }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Brings the database to the latest schema; throws (start fails) if any migration fails. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, ...options });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : "";
    throw new Error(
      `Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
