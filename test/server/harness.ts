/**
 * The server under test: the real app on a real database. PGlite in memory by default; with
 * DATABASE_URL set, a fresh PostgreSQL database per test file, dropped afterwards. An unreachable
 * PostgreSQL fails the run: it is never skipped.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import pg from "pg";
import { buildApp, type AppOptions } from "../../src/server/app";
import { connectDatabase } from "../../src/server/db/connect";
import { migrateToLatest } from "../../src/server/db/migrate";
import type { Database, Role } from "../../src/server/db/types";
import { newToken } from "../../src/server/ids";
import { insertToken, insertUser } from "../../src/server/repositories/organisations";
import { createOrganisation } from "../../src/server/services/provision";

export interface TestDatabase {
  db: Kysely<Database>;
  /** The connection string of the per-run PostgreSQL database, when there is one. */
  url: string | null;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const db = await connectDatabase({ dataDir: "memory://" });
    await migrateToLatest(db);
    return { db, url: null, close: () => db.destroy() };
  }
  const name = `crm_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = await connectDatabase({ databaseUrl: url, dataDir: "unused" });
  await migrateToLatest(db);
  return {
    db,
    url,
    close: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
}

/** A caller holding one token: small wrappers over app.inject. */
export function client(app: FastifyInstance, token: string | null) {
  const send = async (
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body ? (JSON.parse(res.body) as unknown) : null,
    };
  };
  return {
    get: (url: string, headers?: Record<string, string>) => send("GET", url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) =>
      send("POST", url, payload ?? {}, headers),
    put: (url: string, payload?: unknown) => send("PUT", url, payload ?? {}),
    del: (url: string) => send("DELETE", url),
  };
}
export type Client = ReturnType<typeof client>;

export interface TestOrg {
  id: string;
  name: string;
  admin: Client;
  as(role: Role): Promise<Client>;
}

export interface Harness {
  app: FastifyInstance;
  db: Kysely<Database>;
  database: TestDatabase;
  /** A new organisation, so each test arranges its own data. */
  org(): Promise<TestOrg>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<AppOptions> = {}): Promise<Harness> {
  const database = await openTestDatabase();
  const app = await buildApp({
    db: database.db,
    rateLimit: { max: 100_000, windowMs: 60_000 },
    authFailureLimit: { max: 100_000, windowMs: 60_000 },
    ...options,
  });
  const org = async (): Promise<TestOrg> => {
    const name = `Org ${randomBytes(5).toString("hex")}`;
    const p = await createOrganisation(database.db, name);
    return {
      id: p.org.id,
      name,
      admin: client(app, p.token),
      as: async (role) => {
        const user = await insertUser(database.db, p.org.id, {
          name: `${role} ${randomBytes(3).toString("hex")}`,
          email: `${role}@example.com`,
          role,
        });
        const { token } = newToken();
        await insertToken(database.db, user, token);
        return client(app, token);
      },
    };
  };
  return {
    app,
    db: database.db,
    database,
    org,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let keyCounter = 0;
/** A fresh idempotency key. */
export const key = () => `k-${Date.now()}-${++keyCounter}-${randomBytes(3).toString("hex")}`;

/** Opens an import and returns its id. */
export async function openImport(c: Client, body: Record<string, unknown>): Promise<string> {
  const res = await c.post("/api/v1/imports", body);
  if (res.status !== 201) throw new Error(`open import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export interface RowResultBody {
  ref: string;
  outcome: string;
  crmId: string | null;
  version: number | null;
  errors: { field: string | null; message: string }[];
}

/** Sends one batch under a new key and returns the per-row results. */
export async function sendRows(
  c: Client,
  importId: string,
  rows: unknown[],
  idempotencyKey = key(),
): Promise<RowResultBody[]> {
  const res = await c.post(
    `/api/v1/imports/${importId}/rows`,
    { rows },
    { "idempotency-key": idempotencyKey },
  );
  if (res.status !== 200) throw new Error(`rows failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { results: RowResultBody[] }).results;
}

/** Imports rows into a fresh import with the given options and returns the results. */
export async function importRows(
  c: Client,
  sheet: string,
  rows: unknown[],
  options: Record<string, unknown> = {},
): Promise<RowResultBody[]> {
  const id = await openImport(c, { sheet, ...options });
  return sendRows(c, id, rows);
}

export const customer = (
  ref: string,
  values: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({ ref, values, ...extra });
