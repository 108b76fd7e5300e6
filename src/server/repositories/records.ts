import { sql } from "kysely";
import type { CrmRecord, RecordValues, SheetName, Value } from "../../domain";
import { runParts, type StatementPart } from "../db/statements";
import { keyHash } from "./key-hash";
import { insertReferencesParts, updateReferencesParts } from "./record-references";
import type { Db } from "./organisations";

/** A stored customer, contact, site or piece of equipment. */
export interface StoredRecord {
  id: string;
  sheet: SheetName;
  version: number;
  updatedAt: string;
  values: RecordValues;
}

export interface RecordRow {
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

export function toStoredRecord(r: RecordRow): StoredRecord {
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

/**
 * The match keys each sheet's records carry in their own columns, `match_1` to `match_4`, as the
 * `keyHash` of the key's token (by key name, `keyName`): the sheet's offered keys that are stored
 * (`storedKeys`). Tokens of other keys (single custom fields) are kept in `match_index`. A column
 * costs an index entry per record where a `match_index` row cost a row and an index entry: a third
 * less time per batch written. Stored: changing this list needs a migration that rewrites the columns.
 */
export const MATCH_COLUMNS: Readonly<Record<SheetName, readonly string[]>> = {
  customers: ["email", "phone", "customerNumber", "name"],
  contacts: ["customer+firstName+lastName", "email"],
  sites: ["billingCustomer+siteName"],
  equipment: ["customer+serialNumber", "customer+name"],
};

/** Match columns per record (`match_1` ...). */
export const MATCH_COLUMN_COUNT = 4;

/** The column (0-based) a token's hash is kept in, or -1 for `match_index`. */
function columnOf(sheet: SheetName, token: string): number {
  const end = token.indexOf("\u001f");
  return MATCH_COLUMNS[sheet].indexOf(end < 0 ? token : token.slice(0, end));
}

/** Tokens' hashes by where they are looked up: one list per match column, and `match_index`. */
function hashesByColumn(orgId: string, sheet: SheetName, tokens: readonly string[]) {
  const columns: string[][] = Array.from({ length: MATCH_COLUMN_COUNT }, () => []);
  const index: string[] = [];
  for (const t of tokens) {
    const c = columnOf(sheet, t);
    (c < 0 ? index : columns[c]!).push(String(keyHash(orgId, sheet, t)));
  }
  return { columns, index };
}

const recordColumns = sql`r.id, r.sheet, r.version, r.updated_at, r.values`;

/**
 * The lookup of `findRecordsByTokens`: one index probe per token, on its match column or on
 * `match_index`. `offset 0` keeps each lateral subquery a parameterised probe: PGlite never analyses
 * its tables, and without statistics the planner hashed the whole index table for every batch (about
 * 1 s per batch at 30,000 customers). Plain index scans, not bitmap scans (`PLANNER_SETTINGS`).
 */
export const tokenLookup = (orgId: string, sheet: SheetName, tokens: readonly string[]) => {
  const { columns, index } = hashesByColumn(orgId, sheet, tokens);
  const arms = columns.flatMap((hashes, c) =>
    hashes.length
      ? [
          // Only the hash in the probe: with the organisation's index at hand, the planner
          // without statistics walked that index and filtered on the hash.
          sql`select ${recordColumns} from unnest(${hashes}::bigint[]) as t(h)
          cross join lateral (
            select * from records r where ${sql.ref(`r.match_${c + 1}`)} = t.h offset 0
          ) as r
          where r.org_id = ${orgId} and r.sheet = ${sheet}`,
        ]
      : [],
  );
  if (index.length || !arms.length)
    arms.push(sql`select ${recordColumns} from unnest(${index}::bigint[]) as t(h)
      cross join lateral (
        select m.record_id from match_index m where m.key_hash = t.h offset 0
      ) as k
      cross join lateral (
        select ${recordColumns} from records r
        where r.id = k.record_id and r.org_id = ${orgId} and r.sheet = ${sheet} offset 0
      ) as r`);
  return sql<RecordRow>`${sql.join(arms, sql` union all `)}`;
};

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

/** A record to insert, with the match tokens it is indexed under. */
export interface RecordWrite {
  id: string;
  version: number;
  values: RecordValues;
  tokens: readonly string[];
}

/** A record ready to insert: its row as the insert takes it, and its `match_index` entries. */
export interface PreparedWrite extends RecordWrite {
  /** `{id, version, values, m}` as JSON, `m` the match columns' hashes (null where blank). */
  json: string;
  /** Hashes of its tokens kept in `match_index`. */
  indexHashes: string[];
}

/** A record's match columns' values (`m`, null where blank) and its `match_index` hashes. */
export function matchEntries(orgId: string, sheet: SheetName, tokens: readonly string[]) {
  const m: (number | null)[] = [null, null, null, null];
  const indexHashes: string[] = [];
  for (const t of tokens) {
    const c = columnOf(sheet, t);
    const h = keyHash(orgId, sheet, t);
    if (c < 0) indexHashes.push(String(h));
    else m[c] = h;
  }
  return { m, indexHashes };
}

/** Works out a record's row and index entries (before a transaction, to keep it short). */
export function prepareWrite(orgId: string, sheet: SheetName, write: RecordWrite): PreparedWrite {
  const { m, indexHashes } = matchEntries(orgId, sheet, write.tokens);
  const { id, version, values, tokens } = write;
  // Object literals, not spreads: this runs for every row of every batch (a spread cost 1.7 µs).
  return { id, version, values, tokens, json: JSON.stringify({ id, version, values, m }), indexHashes };
}

const isPrepared = (w: RecordWrite): w is PreparedWrite => "json" in w;

/** A record's new values and version; `tokens` when its match tokens change. */
export interface RecordUpdate {
  id: string;
  version: number;
  values: RecordValues;
  tokens?: { before: readonly string[]; after: readonly string[] };
  /** The values it replaces, when read: a reference to a customer that stays is then not written again. */
  stored?: RecordValues;
}

/** The recordset's columns: the JSON rows carry their match columns as the array `m`. */
const recordset = (json: string) =>
  sql`jsonb_to_recordset(${json}::jsonb) as x(id text, version integer, values jsonb, m bigint[])`;

/** `match_index` rows (hash, record id) as two parallel arrays. */
function indexRows(items: readonly { id: string; hashes: readonly string[] }[]) {
  const hashes: string[] = [];
  const ids: string[] = [];
  for (const item of items)
    for (const h of item.hashes) {
      hashes.push(h);
      ids.push(item.id);
    }
  return { hashes, ids };
}

/** Inserting records' `match_index` entries, as a part named `name` (none when there are none). */
function indexInsertParts(
  name: string,
  items: readonly { id: string; hashes: readonly string[] }[],
): StatementPart[] {
  const rows = indexRows(items);
  if (!rows.hashes.length) return [];
  return [
    {
      name,
      query: sql`insert into match_index (key_hash, record_id)
        select * from unnest(${rows.hashes}::bigint[], ${rows.ids}::text[])`,
    },
  ];
}

/**
 * Inserting new records, their `match_index` entries and the references they hold to customers, as
 * parts of a statement (the records as one JSON document).
 */
export function insertRecordsParts(
  orgId: string,
  sheet: SheetName,
  rows: readonly (RecordWrite | PreparedWrite)[],
): StatementPart[] {
  if (!rows.length) return [];
  const prepared = rows.map((r) => (isPrepared(r) ? r : prepareWrite(orgId, sheet, r)));
  return [
    {
      name: "records_inserted",
      query: sql`
        insert into records (id, org_id, sheet, version, values, match_1, match_2, match_3, match_4)
        select x.id, ${orgId}, ${sheet}, x.version, x.values, x.m[1], x.m[2], x.m[3], x.m[4]
        from ${recordset(`[${prepared.map((r) => r.json).join(",")}]`)}`,
    },
    ...indexInsertParts(
      "records_inserted_index",
      prepared.map((r) => ({ id: r.id, hashes: r.indexHashes })),
    ),
    ...insertReferencesParts("records_inserted_references", orgId, sheet, rows),
  ];
}

/** Inserts new records and their `match_index` entries in one statement. */
export async function insertRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly (RecordWrite | PreparedWrite)[],
): Promise<void> {
  await runParts(db, insertRecordsParts(orgId, sheet, rows));
}

/**
 * Replacing the values of existing records, as parts of a statement named after `name`. A record
 * given `tokens` gets its match columns rewritten and only its `match_index` entries that changed
 * replaced; the others keep theirs. Its reference to a customer follows its values.
 */
export function updateRecordsParts(
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordUpdate[],
  name = "records_updated",
): StatementPart[] {
  if (!rows.length) return [];
  const gone: { id: string; hashes: string[] }[] = [];
  const added: { id: string; hashes: string[] }[] = [];
  const items = rows.map((r) => {
    if (!r.tokens) return JSON.stringify({ id: r.id, version: r.version, values: r.values, m: null });
    const before = matchEntries(orgId, sheet, r.tokens.before).indexHashes;
    const after = prepareWrite(orgId, sheet, { ...r, tokens: r.tokens.after });
    gone.push({ id: r.id, hashes: before.filter((h) => !after.indexHashes.includes(h)) });
    added.push({ id: r.id, hashes: after.indexHashes.filter((h) => !before.includes(h)) });
    return after.json;
  });
  const old = indexRows(gone);
  const parts: StatementPart[] = [
    {
      name,
      query: sql`
        update records as r
        set values = x.values, version = x.version, updated_at = now(),
          match_1 = case when x.m is null then r.match_1 else x.m[1] end,
          match_2 = case when x.m is null then r.match_2 else x.m[2] end,
          match_3 = case when x.m is null then r.match_3 else x.m[3] end,
          match_4 = case when x.m is null then r.match_4 else x.m[4] end
        from ${recordset(`[${items.join(",")}]`)}
        where r.id = x.id and r.org_id = ${orgId}`,
    },
  ];
  // Stale index entries are found by probe and removed by ctid.
  if (old.hashes.length)
    parts.push({
      name: `${name}_index_removed`,
      query: sql`delete from match_index where ctid = any(array(
        select m.ctid from unnest(${old.hashes}::bigint[], ${old.ids}::text[]) as x(h, id)
        cross join lateral (
          select m.ctid from match_index m where m.key_hash = x.h and m.record_id = x.id offset 0
        ) as m
      ))`,
    });
  parts.push(...indexInsertParts(`${name}_index_added`, added));
  parts.push(...updateReferencesParts(`${name}_references`, orgId, sheet, rows));
  return parts;
}

/** Replaces the values of existing records in one statement (`updateRecordsParts`). */
export async function updateRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordUpdate[],
): Promise<void> {
  await runParts(db, updateRecordsParts(orgId, sheet, rows));
}

/** The advisory lock that serialises writers of one organisation's sheet, as an expression. */
export const sheetLock = (orgId: string, sheet: SheetName) =>
  sql<void>`pg_advisory_xact_lock(hashtext(${`${orgId}:${sheet}`}))`;

/** Serialises writers of one organisation's sheet across server instances, until the transaction ends. */
export async function lockSheet(db: Db, orgId: string, sheet: SheetName): Promise<void> {
  await sql`select ${sheetLock(orgId, sheet)}`.execute(db);
}
