/** A batch's lookup under its sheet's lock: what it needs to decide its rows, in one statement. */
import { sql, type RawBuilder } from "kysely";
import type { RowResult, SheetName } from "../../domain";
import { storedRowsLookup, toRowResult, type ImportRowRecord } from "./import-rows";
import type { Db } from "./organisations";
import { recordsByIdLookup, toStoredRecord, tokenLookup, type RecordRow, type StoredRecord } from "./records";

/** What a batch looks up under its sheet's lock: its refs' stored results and records by CRM ID and by token. */
export interface BatchLookup {
  stored: Map<string, RowResult>;
  byId: StoredRecord[];
  byToken: StoredRecord[];
  /** The customers its references name: by CRM ID, and by token (hits to be verified on their values). */
  references: { byId: StoredRecord[]; byToken: StoredRecord[] };
}

/** A batch's lookup: each list may be empty, and what is empty is not looked up. */
export interface BatchLookupQuery {
  importId: string;
  refs: readonly string[];
  orgId: string;
  sheet: SheetName;
  ids: readonly string[];
  tokens: readonly string[];
  /** Reference values, as customers' CRM IDs and as customer tokens (`referenceProbe`). */
  references: { ids: readonly string[]; tokens: readonly string[] };
}

/**
 * The refs' stored results (`storedRowsLookup`), the records with these CRM IDs (`recordsByIdLookup`)
 * and those indexed under these tokens (`tokenLookup`, hits to be verified on their values), and the
 * customers the references may name, in one statement: one round trip of a batch's transaction
 * instead of five. Each comes back as one JSON array.
 */
export async function lookUpBatch(db: Db, q: BatchLookupQuery): Promise<BatchLookup> {
  const asJson = (query: RawBuilder<unknown> | null) =>
    query ? sql`(select coalesce(json_agg(x), '[]') from (${query}) as x)` : sql`'[]'::json`;
  const byTokens = (sheet: SheetName, tokens: readonly string[]) =>
    asJson(tokens.length ? tokenLookup(q.orgId, sheet, [...new Set(tokens)]) : null);
  const byIds = (sheet: SheetName, ids: readonly string[]) =>
    asJson(ids.length ? recordsByIdLookup(q.orgId, sheet, ids) : null);
  const { rows } = await sql<{
    stored: ImportRowRecord[];
    by_id: RecordRow[];
    by_token: RecordRow[];
    ref_by_id: RecordRow[];
    ref_by_token: RecordRow[];
  }>`
    select ${asJson(q.refs.length ? storedRowsLookup(q.importId, q.refs) : null)} as stored,
      ${byIds(q.sheet, q.ids)} as by_id,
      ${byTokens(q.sheet, q.tokens)} as by_token,
      ${byIds("customers", q.references.ids)} as ref_by_id,
      ${byTokens("customers", q.references.tokens)} as ref_by_token
  `.execute(db);
  const row = rows[0]!;
  const stored = new Map<string, RowResult>();
  for (const r of row.stored) stored.set(r.ref, toRowResult(r));
  const distinct = (list: RecordRow[]) =>
    [...new Map(list.map((r) => [r.id, r])).values()].map(toStoredRecord);
  return {
    stored,
    byId: row.by_id.map(toStoredRecord),
    byToken: distinct(row.by_token),
    references: { byId: row.ref_by_id.map(toStoredRecord), byToken: distinct(row.ref_by_token) },
  };
}
