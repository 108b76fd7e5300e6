import { sql, type Kysely, type Transaction } from "kysely";
import {
  builtInImportDefaults,
  defaultMatchKeys,
  organisationImportSettingsSchema,
  type OrganisationImportSettings,
} from "../../domain";
import { hashToken, newId } from "../ids";
import type { Database, Role } from "../db/types";

export type Db = Kysely<Database> | Transaction<Database>;

export interface Organisation {
  id: string;
  name: string;
  closedPeriodThrough: string | null;
  /** The admin's import settings, else the built-in ones. */
  importSettings: OrganisationImportSettings;
}

/** The stored settings, or the built-in ones when none are stored (or what is stored no longer parses). */
export function importSettingsOf(stored: unknown): OrganisationImportSettings {
  const parsed = organisationImportSettingsSchema.safeParse(stored);
  return parsed.success
    ? parsed.data
    : { ...builtInImportDefaults, matchKeys: structuredClone(defaultMatchKeys) };
}

export interface User {
  id: string;
  orgId: string;
  name: string;
  email: string;
  role: Role;
}

/** Who a request acts as: resolved from its bearer token. */
export interface Principal {
  orgId: string;
  userId: string;
  role: Role;
  tokenId: string;
}

export const toOrganisation = (r: {
  id: string;
  name: string;
  closed_period_through: string | null;
  import_defaults?: unknown;
}): Organisation => ({
  id: r.id,
  name: r.name,
  closedPeriodThrough: r.closed_period_through,
  importSettings: importSettingsOf(r.import_defaults ?? null),
});

const toUser = (r: { id: string; org_id: string; name: string; email: string; role: Role }): User => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  email: r.email,
  role: r.role,
});

export async function insertOrganisation(db: Db, name: string): Promise<Organisation> {
  const row = await db
    .insertInto("organisations")
    .values({ id: newId("org"), name, closed_period_through: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

export async function findOrganisationByName(db: Db, name: string): Promise<Organisation | null> {
  const row = await db.selectFrom("organisations").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

export async function getOrganisation(db: Db, orgId: string): Promise<Organisation | null> {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", orgId).executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

export async function setClosedPeriod(db: Db, orgId: string, through: string | null): Promise<void> {
  await db
    .updateTable("organisations")
    .set({ closed_period_through: through })
    .where("id", "=", orgId)
    .execute();
}

export async function setImportSettings(
  db: Db,
  orgId: string,
  settings: OrganisationImportSettings,
): Promise<void> {
  await db
    .updateTable("organisations")
    .set({ import_defaults: JSON.stringify(settings) })
    .where("id", "=", orgId)
    .execute();
}

export async function insertUser(
  db: Db,
  orgId: string,
  user: { name: string; email: string; role: Role },
): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({ id: newId("usr"), org_id: orgId, ...user })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().where("org_id", "=", orgId).orderBy("id").execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, orgId: string, userId: string): Promise<User | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** How long a personal token lives unless its maker says otherwise. */
export const PERSONAL_TOKEN_DAYS = 90;
const DAY_MS = 86_400_000;

/** Stores a personal token's hash for a user; the token itself is never stored. */
export async function insertToken(
  db: Db,
  user: User,
  token: string,
  expiresAt = new Date(Date.now() + PERSONAL_TOKEN_DAYS * DAY_MS),
): Promise<string> {
  const id = newId("tok");
  await db
    .insertInto("api_tokens")
    .values({ id, org_id: user.orgId, user_id: user.id, token_hash: hashToken(token), expires_at: expiresAt })
    .execute();
  return id;
}

/** The principal of a token that has not expired, by the token's hash (`hashToken`). */
export async function findPrincipal(db: Db, tokenHash: string): Promise<Principal | null> {
  const row = await db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .select(["t.id as tokenId", "t.org_id as orgId", "u.id as userId", "u.role as role"])
    .where("t.token_hash", "=", tokenHash)
    .where("t.expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row ?? null;
}
