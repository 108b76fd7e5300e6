/**
 * Operator CLI for the CRM API's database (the same DATA_DIR / DATABASE_URL as the server).
 *   npm run crm -- org create <name>                           prints the new organisation's admin token
 *   npm run crm -- token create --org <name> --role <role>     prints a token for a new user with that role
 * PGlite on disk is one process at a time: stop the server before using this CLI against it.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { readConfig } from "../src/server/config";
import { connectDatabase } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { findOrganisationByName } from "../src/server/repositories/organisations";
import { createOrganisation, createRoleToken } from "../src/server/services/provision";

const usage = `Usage:
  npm run crm -- org create <name>
  npm run crm -- token create --org <name> --role admin|importer|viewer`;

const commandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("org create"), name: z.string().trim().min(1).max(200) }),
  z.object({
    kind: z.literal("token create"),
    org: z.string().trim().min(1),
    role: z.enum(["admin", "importer", "viewer"]),
  }),
]);
type Command = z.infer<typeof commandSchema>;

function parseCommand(argv: string[]): Command {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: "string" }, role: { type: "string" } },
  });
  const [noun, verb, ...rest] = positionals;
  const parsed = commandSchema.safeParse({
    kind: `${noun} ${verb}`,
    name: rest.join(" "),
    org: values.org,
    role: values.role,
  });
  if (!parsed.success)
    throw new Error(
      `${parsed.error.issues.map((i) => `${i.path.join(".") || "command"}: ${i.message}`).join("\n")}\n\n${usage}`,
    );
  return parsed.data;
}

async function run(command: Command): Promise<string> {
  const config = readConfig(process.env);
  const db = await connectDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(db);
    if (command.kind === "org create") {
      if (await findOrganisationByName(db, command.name))
        throw new Error(`An organisation named "${command.name}" already exists.`);
      const { org, token } = await createOrganisation(db, command.name);
      return `Organisation "${org.name}" created (${org.id}).\nAdmin token (shown once): ${token}`;
    }
    const result = await createRoleToken(db, command.org, command.role);
    if (!result.ok) throw new Error(`No organisation named "${command.org}".`);
    return `Token for ${result.user.name} (${command.role}) in "${command.org}" (shown once): ${result.token}`;
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
