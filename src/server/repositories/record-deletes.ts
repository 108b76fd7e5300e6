/** Deleting records a revert takes back, and finding what refers to a customer first. */
import { sql } from "kysely";
import type { SheetName } from "../../domain";
import { matchEntries } from "./records";
import type { Db } from "./organisations";

/**
 * The records referring to each of these customers (contacts' customer, sites' billing customer,
 * branches' headquarters), by customer id. One probe of a partial expression index per id and kind
 * (migration 0011); `offset 0` keeps each a probe on PGlite, which has no statistics.
 */
export async function referrersOf(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!customerIds.length) return out;
  const ids = [...new Set(customerIds)];
  const { rows } = await sql<{ target: string; id: string }>`
    select t.id as target, r.id from unnest(${ids}::text[]) as t(id)
    cross join lateral (
      select r.id, r.org_id from records r
      where r.sheet = 'contacts' and (r.values->>'customer') = t.id offset 0
    ) as r where r.org_id = ${orgId}
    union all
    select t.id, r.id from unnest(${ids}::text[]) as t(id)
    cross join lateral (
      select r.id, r.org_id from records r
      where r.sheet = 'sites' and (r.values->>'billingCustomer') = t.id offset 0
    ) as r where r.org_id = ${orgId}
    union all
    select t.id, r.id from unnest(${ids}::text[]) as t(id)
    cross join lateral (
      select r.id, r.org_id from records r
      where r.sheet = 'customers' and (r.values->>'headquarters') is not null
        and (r.values->>'headquarters') = t.id offset 0
    ) as r where r.org_id = ${orgId}`.execute(db);
  for (const r of rows) (out.get(r.target) ?? out.set(r.target, []).get(r.target)!).push(r.id);
  return out;
}

/** A record to delete, with the match tokens it is indexed under. */
export interface RecordDelete {
  id: string;
  tokens: readonly string[];
}

/** Deletes records and their `match_index` entries (found by probe, removed by ctid). */
export async function deleteRecords(
  db: Db,
  orgId: string,
  sheet: SheetName,
  rows: readonly RecordDelete[],
): Promise<void> {
  if (!rows.length) return;
  const hashes: string[] = [];
  const owners: string[] = [];
  for (const r of rows)
    for (const h of matchEntries(orgId, sheet, r.tokens).indexHashes) {
      hashes.push(h);
      owners.push(r.id);
    }
  if (hashes.length)
    await sql`delete from match_index where ctid = any(array(
      select m.ctid from unnest(${hashes}::bigint[], ${owners}::text[]) as x(h, id)
      cross join lateral (
        select m.ctid from match_index m where m.key_hash = x.h and m.record_id = x.id offset 0
      ) as m
    ))`.execute(db);
  await db
    .deleteFrom("records")
    .where("org_id", "=", orgId)
    .where("sheet", "=", sheet)
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
}
