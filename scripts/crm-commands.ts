/** The operator CLI's commands (scripts/crm.ts runs them; tests call them on a test database). */
import { parseArgs } from "node:util";
import { z } from "zod";
import { findOrganisationByName, type Db } from "../src/server/repositories/organisations";
import { listTokens, revokeTokenById } from "../src/server/repositories/tokens";
import { createOrganisation, createRoleToken } from "../src/server/services/provision";

const usage = `Usage:
  npm run crm -- org create <name>
  npm run crm -- token create --org <name> --role admin|importer|viewer
  npm run crm -- token list --org <name>
  npm run crm -- token revoke --org <name> <token id>`;

const commandSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("org create"), name: z.string().trim().min(1).max(200) }),
  z.object({
    kind: z.literal("token create"),
    org: z.string().trim().min(1),
    role: z.enum(["admin", "importer", "viewer"]),
  }),
  z.object({ kind: z.literal("token list"), org: z.string().trim().min(1) }),
  z.object({
    kind: z.literal("token revoke"),
    org: z.string().trim().min(1),
    id: z.string().trim().min(1).max(64),
  }),
]);
export type Command = z.infer<typeof commandSchema>;

export function parseCommand(argv: string[]): Command {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: "string" }, role: { type: "string" } },
  });
  const [noun, verb, ...rest] = positionals;
  const parsed = commandSchema.safeParse({
    kind: `${noun} ${verb}`,
    name: rest.join(" "),
    id: rest[0],
    org: values.org,
    role: values.role,
  });
  if (!parsed.success)
    throw new Error(
      `${parsed.error.issues.map((i) => `${i.path.join(".") || "command"}: ${i.message}`).join("\n")}\n\n${usage}`,
    );
  return parsed.data;
}

/** One command against a migrated database; answers what to print (an Error's message on failure). */
export async function runCommand(db: Db, command: Command): Promise<string> {
  if (command.kind === "org create") {
    if (await findOrganisationByName(db, command.name))
      throw new Error(`An organisation named "${command.name}" already exists.`);
    const { org, token } = await createOrganisation(db, command.name);
    return `Organisation "${org.name}" created (${org.id}).\nAdmin token (shown once): ${token}`;
  }
  if (command.kind === "token list" || command.kind === "token revoke") {
    const org = await findOrganisationByName(db, command.org);
    if (!org) throw new Error(`No organisation named "${command.org}".`);
    if (command.kind === "token revoke") {
      if (!(await revokeTokenById(db, org.id, command.id, null)))
        throw new Error(`No token ${command.id} in "${command.org}".`);
      return `Token ${command.id} revoked.`;
    }
    const tokens = await listTokens(db, org.id, null);
    return tokens.length === 0
      ? `No live tokens in "${command.org}".`
      : tokens.map((t) => `${t.id}  ${t.kind.padEnd(8)}  expires ${t.expiresAt}  ${t.userName}`).join("\n");
  }
  const result = await createRoleToken(db, command.org, command.role);
  if (!result.ok) throw new Error(`No organisation named "${command.org}".`);
  return `Token for ${result.user.name} (${command.role}) in "${command.org}" (shown once): ${result.token}`;
}
