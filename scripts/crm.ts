/**
 * Operator CLI for the CRM API's database (the same DATA_DIR / DATABASE_URL as the server).
 *   npm run crm -- org create <name>                           prints the new organisation's admin token
 *   npm run crm -- token create --org <name> --role <role>     prints a token for a new user with that role
 *   npm run crm -- token list --org <name>                     the organisation's live tokens (id, user, kind, expiry)
 *   npm run crm -- token revoke --org <name> <id>              revokes one (a sign-in's token ends its sign-in)
 * PGlite on disk is one process at a time: stop the server before using this CLI against it.
 */
import { readConfig } from "../src/server/config";
import { connectDatabase } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { parseCommand, runCommand, type Command } from "./crm-commands";

async function run(command: Command): Promise<string> {
  const config = readConfig(process.env);
  const db = await connectDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(db);
    return await runCommand(db, command);
  } finally {
    await db.destroy();
  }
}

try {
  console.log(await run(parseCommand(process.argv.slice(2))));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
