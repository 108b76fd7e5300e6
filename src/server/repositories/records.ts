import { sql } from "kysely";
import type { CrmRecord, RecordValues, SheetName, Value } from "../../domain";
import type { Db } from "./organisations";

/** A stored customer, contact or site. */
export interface StoredRecord {
  id: string;
  sheet: SheetName;
  version: number;
  updatedAt: string;
  values: RecordValues;
  matchTokens: string[];
}

interface RecordRow {
  id: string;
  sheet: string;
  version: number;
  updated_at: Date | string;
  values: Record<string, unknown>;
  match_tokens: string[];
}

const toValue = (v: unknown): Value =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;

function toValues(raw: Record<string, unknown>): RecordValues {
  const out: RecordValues = {};
  for (const [k, v] of Object.entries(raw)) out[k] = toValue(v);
  return out;
}

const toIso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toStoredRecord(r: RecordRow): StoredRecord {
  return {
    id: r.id,
    sheet: r.sheet as SheetName,
    version: r.version,
    updatedAt: toIso(r.updated_at),
    values: toValues(r.values),
    matchTokens: r.match_tokens,
  };
}

export const toCrmRecord = (r: StoredRecord): CrmRecord => ({
  id: r.id,
  version: r.version,
  updatedAt: r.updatedAt,
  values: { ...r.values, crmId: r.id },
});

const columns = ["id", "sheet", "version", "updated_at", "values", "match_tokens"] as const;

/** One keyset page, in id order; `next` is the cursor for the following page. */
export async function pageRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  after: string | undefined,
  limit: number,
): Promise<{ items: StoredRecord[]; next: string | null }> {
  let q = db.selectFrom("records").select(columns).where("org_id", "=", orgId).where("sheet", "=", sheet);
  if (after) q = q.where("id", ">", after);
  const rows = await q
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toStoredRecord);
  return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export async function findRecordsByIds(
  db: Db,
  orgId: string,
  sheet: SheetName,
  ids: readonly string[],
): Promise<StoredRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("records")
    .select(columns)
    .where("org_id", "=", orgId)
    .where("sheet", "=", sheet)
    .where("id", "in", ids)
    .execute();
  return rows.map(toStoredRecord);
}

/** Every record of the sheet carrying any of the tokens: one indexed query for a whole batch. */
export async function findRecordsByTokens(
  db: Db,
  orgId: string,
  sheet: SheetName,
  tokens: readonly string[],
): Promise<StoredRecord[]> {
  if (!tokens.length) return [];
  // Driven by the tokens, one index probe each. `offset 0` keeps each lateral subquery a parameterised
  // probe: PGlite never analyses its tables, and without statistics the planner hashed the whole
  // record_keys table for every batch (about 1 s per batch at 30,000 customers).
  const result = await sql<RecordRow>`
    select r.id, r.sheet, r.version, r.updated_at, r.values, r.match_tokens
    from unnest(${sql.val([...new Set(tokens)])}::text[]) as t(token)
    cross join lateral (
      select k.record_id from record_keys k
      where k.org_id = ${orgId} and k.sheet = ${sheet} and k.token = t.token offset 0
    ) as k
    cross join lateral (
      select r.id, r.sheet, r.version, r.updated_at, r.values, r.match_tokens
      from records r where r.id = k.record_id offset 0
    ) as r
  `.execute(db);
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  return [...byId.values()].map(toStoredRecord);
}

export interface RecordWrite {
  id: string;
  version: number;
  values: RecordValues;
  matchTokens: string[];
}

const recordsetOf = (rows: readonly RecordWrite[]) =>
  JSON.stringify(
    rows.map((r) => ({ id: r.id, version: r.version, values: r.values, tokens: r.matchTokens })),
  );

/** Inserts new records and their match tokens in one statement (rows travel as one JSON document). */
export async function insertRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordWrite[],
): Promise<void> {
  if (!rows.length) return;
  await sql`
    with x as (
      select * from jsonb_to_recordset(${recordsetOf(rows)}::jsonb) as x(id text, version integer, values jsonb, tokens text[])
    ), inserted as (
      insert into records (id, org_id, sheet, version, values, match_tokens)
      select x.id, ${orgId}, ${sheet}, x.version, x.values, x.tokens from x
      returning id
    )
    insert into record_keys (org_id, sheet, token, record_id)
    select ${orgId}, ${sheet}, t.token, x.id from x, unnest(x.tokens) as t(token)
  `.execute(db);
}

/** Replaces the values (and match tokens) of existing records; each row carries its new version. */
export async function updateRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordWrite[],
): Promise<void> {
  if (!rows.length) return;
  const doc = recordsetOf(rows);
  await sql`
    update records as r
    set values = x.values, version = x.version, match_tokens = x.tokens, updated_at = now()
    from jsonb_to_recordset(${doc}::jsonb) as x(id text, version integer, values jsonb, tokens text[])
    where r.id = x.id and r.org_id = ${orgId}
  `.execute(db);
  await db
    .deleteFrom("record_keys")
    .where("org_id", "=", orgId)
    .where(
      "record_id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  await sql`
    insert into record_keys (org_id, sheet, token, record_id)
    select ${orgId}, ${sheet}, t.token, x.id
    from jsonb_to_recordset(${doc}::jsonb) as x(id text, tokens text[]), unnest(x.tokens) as t(token)
  `.execute(db);
}

/** Serialises writers of one organisation's sheet across server instances, until the transaction ends. */
export async function lockSheet(db: Db, orgId: string, sheet: SheetName): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`${orgId}:${sheet}`}))`.execute(db);
}
