/** Creating organisations and tokens outside the API: first start, the operator CLI and tests. */
import type { Role } from "../db/types";
import { newToken } from "../ids";
import {
  findOrganisationByName,
  insertOrganisation,
  insertToken,
  insertUser,
  type Db,
  type Organisation,
  type User,
} from "../repositories/organisations";

export interface Provisioned {
  org: Organisation;
  admin: User;
  token: string;
}

/** A new organisation with its first admin and that admin's token (shown once). */
export async function createOrganisation(db: Db, name: string, adminToken?: string): Promise<Provisioned> {
  const org = await insertOrganisation(db, name);
  const admin = await insertUser(db, org.id, { name: "Admin", email: "admin@example.com", role: "admin" });
  const token = adminToken ?? newToken().token;
  await insertToken(db, admin, token);
  return { org, admin, token };
}

export type TokenResult =
  { ok: true; token: string; user: User } | { ok: false; reason: "no_such_organisation" };

/** A token for a new user with the given role in the named organisation. */
export async function createRoleToken(db: Db, orgName: string, role: Role): Promise<TokenResult> {
  const org = await findOrganisationByName(db, orgName);
  if (!org) return { ok: false, reason: "no_such_organisation" };
  const user = await insertUser(db, org.id, {
    name: `${role[0]!.toUpperCase()}${role.slice(1)} (CLI)`,
    email: `${role}@example.com`,
    role,
  });
  const { token } = newToken();
  await insertToken(db, user, token);
  return { ok: true, token, user };
}
