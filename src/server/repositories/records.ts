import { sql } from "kysely";
import type { CrmRecord, RecordValues, SheetName, Value } from "../../domain";
import { keyHash } from "./key-hash";
import type { Db } from "./organisations";

/** A stored customer, contact or site. */
export interface StoredRecord {
  id: string;
  sheet: SheetName;
  version: number;
  updatedAt: string;
  values: RecordValues;
}

interface RecordRow {
  id: string;
  sheet: string;
  version: number;
  updated_at: Date | string;
  values: Record<string, unknown>;
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
  };
}

export const toCrmRecord = (r: StoredRecord): CrmRecord => ({
  id: r.id,
  version: r.version,
  updatedAt: r.updatedAt,
  values: { ...r.values, crmId: r.id },
});

const columns = ["id", "sheet", "version", "updated_at", "values"] as const;

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
  const { rows } = await recordsByIdLookup(orgId, sheet, ids).execute(db);
  return rows.map(toStoredRecord);
}

/** One primary-key probe per id (`id = any($ids)` was planned as a sequential scan without statistics). */
export const recordsByIdLookup = (orgId: string, sheet: SheetName, ids: readonly string[]) => sql<RecordRow>`
  select r.id, r.sheet, r.version, r.updated_at, r.values
  from unnest(${[...new Set(ids)]}::text[]) as t(id)
  cross join lateral (
    select r.id, r.sheet, r.version, r.updated_at, r.values
    from records r where r.id = t.id and r.org_id = ${orgId} and r.sheet = ${sheet} offset 0
  ) as r
`;

const hashesOf = (orgId: string, sheet: SheetName, tokens: readonly string[]): string[] =>
  tokens.map((t) => String(keyHash(orgId, sheet, t)));

/**
 * The lookup of `findRecordsByTokens`, driven by the hashes, one index probe each. `offset 0` keeps
 * each lateral subquery a parameterised probe: PGlite never analyses its tables, and without
 * statistics the planner hashed the whole index table for every batch (about 1 s per batch at 30,000
 * customers). Plain index scans, not bitmap scans (`PLANNER_SETTINGS`).
 */
export const tokenLookup = (orgId: string, sheet: SheetName, tokens: readonly string[]) => sql<RecordRow>`
    select r.id, r.sheet, r.version, r.updated_at, r.values
    from unnest(${hashesOf(orgId, sheet, tokens)}::bigint[]) as t(h)
    cross join lateral (
      select m.record_id from match_index m where m.key_hash = t.h offset 0
    ) as k
    cross join lateral (
      select r.id, r.sheet, r.version, r.updated_at, r.values
      from records r where r.id = k.record_id and r.org_id = ${orgId} and r.sheet = ${sheet} offset 0
    ) as r
  `;

/**
 * The records of the sheet indexed under any of the tokens, in one query for a whole batch. A hash can
 * collide: the caller keeps a record only where its own values give the token (`tokensOf`).
 */
export async function findRecordsByTokens(
  db: Db,
  orgId: string,
  sheet: SheetName,
  tokens: readonly string[],
): Promise<StoredRecord[]> {
  if (!tokens.length) return [];
  const result = await tokenLookup(orgId, sheet, [...new Set(tokens)]).execute(db);
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  return [...byId.values()].map(toStoredRecord);
}

/** A record to insert, with the match tokens it is indexed under (and their `keyHash`es, when known). */
export interface RecordWrite {
  id: string;
  version: number;
  values: RecordValues;
  tokens: readonly string[];
  hashes?: readonly string[];
  /** `{id, version, values}` as JSON, when already serialised. */
  json?: string;
}

/** A record's new values and version; `tokens` when its match tokens change. */
export interface RecordUpdate {
  id: string;
  version: number;
  values: RecordValues;
  tokens?: { before: readonly string[]; after: readonly string[] };
}

const recordsetOf = (rows: readonly { id: string; version: number; values: RecordValues; json?: string }[]) =>
  `[${rows.map((r) => r.json ?? JSON.stringify({ id: r.id, version: r.version, values: r.values })).join(",")}]`;

/** Index rows (hash, record id) as two parallel arrays. */
function indexRows(
  orgId: string,
  sheet: SheetName,
  items: readonly { id: string; tokens: readonly string[]; hashes?: readonly string[] | undefined }[],
) {
  const hashes: string[] = [];
  const ids: string[] = [];
  for (const item of items) {
    const known = item.hashes;
    for (let i = 0; i < item.tokens.length; i++) {
      hashes.push(known?.[i] ?? String(keyHash(orgId, sheet, item.tokens[i]!)));
      ids.push(item.id);
    }
  }
  return { hashes, ids };
}

/** Inserts new records and their index entries in one statement (the records travel as one JSON document). */
export async function insertRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordWrite[],
): Promise<void> {
  if (!rows.length) return;
  const keys = indexRows(orgId, sheet, rows);
  await sql`
    with inserted as (
      insert into records (id, org_id, sheet, version, values)
      select x.id, ${orgId}, ${sheet}, x.version, x.values
      from jsonb_to_recordset(${recordsetOf(rows)}::jsonb) as x(id text, version integer, values jsonb)
    )
    insert into match_index (key_hash, record_id)
    select * from unnest(${keys.hashes}::bigint[], ${keys.ids}::text[])
  `.execute(db);
}

/** Replaces the values of existing records; only the tokens that changed are re-indexed. */
export async function updateRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordUpdate[],
): Promise<void> {
  if (!rows.length) return;
  const gone: { id: string; tokens: string[] }[] = [];
  const added: { id: string; tokens: string[] }[] = [];
  for (const r of rows) {
    if (!r.tokens) continue;
    const before = new Set(r.tokens.before);
    const after = new Set(r.tokens.after);
    gone.push({ id: r.id, tokens: [...before].filter((t) => !after.has(t)) });
    added.push({ id: r.id, tokens: [...after].filter((t) => !before.has(t)) });
  }
  const old = indexRows(orgId, sheet, gone);
  const fresh = indexRows(orgId, sheet, added);
  // One statement: the update, the stale index entries (found by probe, removed by ctid) and the new ones.
  await sql`
    with updated as (
      update records as r
      set values = x.values, version = x.version, updated_at = now()
      from jsonb_to_recordset(${recordsetOf(rows)}::jsonb) as x(id text, version integer, values jsonb)
      where r.id = x.id and r.org_id = ${orgId}
    ), removed as (
      delete from match_index where ctid = any(array(
        select m.ctid from unnest(${old.hashes}::bigint[], ${old.ids}::text[]) as x(h, id)
        cross join lateral (
          select m.ctid from match_index m where m.key_hash = x.h and m.record_id = x.id offset 0
        ) as m
      ))
    )
    insert into match_index (key_hash, record_id)
    select * from unnest(${fresh.hashes}::bigint[], ${fresh.ids}::text[])
  `.execute(db);
}

/** The advisory lock that serialises writers of one organisation's sheet, as an expression. */
export const sheetLock = (orgId: string, sheet: SheetName) =>
  sql<void>`pg_advisory_xact_lock(hashtext(${`${orgId}:${sheet}`}))`;

/** Serialises writers of one organisation's sheet across server instances, until the transaction ends. */
export async function lockSheet(db: Db, orgId: string, sheet: SheetName): Promise<void> {
  await sql`select ${sheetLock(orgId, sheet)}`.execute(db);
}
