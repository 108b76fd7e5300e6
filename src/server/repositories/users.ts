/** Users who sign in: their password hashes, found by e-mail across organisations. */
import type { Role } from "../db/types";
import type { Db } from "./organisations";

export interface SignInUser {
  id: string;
  orgId: string;
  role: Role;
  passwordHash: string;
}

/** The user who signs in with this e-mail (case-insensitive): e-mails with a password are unique. */
export async function findSignInUser(db: Db, email: string): Promise<SignInUser | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "org_id", "role", "password_hash"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .where("password_hash", "is not", null)
    .executeTakeFirst();
  return row?.password_hash
    ? { id: row.id, orgId: row.org_id, role: row.role, passwordHash: row.password_hash }
    : null;
}

export type SetPasswordResult = "ok" | "not_found" | "email_taken";

/** Sets a user's password hash; another user who signs in with the same e-mail makes it `email_taken`. */
export async function setPasswordHash(
  db: Db,
  orgId: string,
  userId: string,
  hash: string,
): Promise<SetPasswordResult> {
  try {
    const r = await db
      .updateTable("users")
      .set({ password_hash: hash })
      .where("org_id", "=", orgId)
      .where("id", "=", userId)
      .returning("id")
      .executeTakeFirst();
    return r ? "ok" : "not_found";
  } catch (e) {
    if ((e as { code?: string }).code === "23505") return "email_taken";
    throw e;
  }
}

/** A user's name, e-mail, role and whether their imports' summaries are e-mailed to them. */
export interface UserProfile {
  id: string;
  name: string;
  email: string;
  role: Role;
  importMail: boolean;
}

export async function getProfile(db: Db, orgId: string, userId: string): Promise<UserProfile | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "import_mail"])
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .executeTakeFirst();
  return row
    ? { id: row.id, name: row.name, email: row.email, role: row.role, importMail: row.import_mail }
    : null;
}

/** Remembers whether the user's imports' summaries are e-mailed to them. */
export async function setImportMail(db: Db, orgId: string, userId: string, on: boolean): Promise<void> {
  await db
    .updateTable("users")
    .set({ import_mail: on })
    .where("org_id", "=", orgId)
    .where("id", "=", userId)
    .execute();
}
