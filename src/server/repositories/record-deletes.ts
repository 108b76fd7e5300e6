/** Deleting records a revert takes back, and finding what refers to a customer or a site first. */
import { sql } from "kysely";
import type { SheetName } from "../../domain";
import { matchEntries } from "./records";
import type { Db } from "./organisations";

/**
 * What may refer to a record of the `target` sheet: to a customer, contacts' customer, sites' billing
 * customer, branches' headquarters and equipment's customer; to a site, equipment's site. Each has a
 * partial expression index (migrations 0011, 0013); `partial` repeats that index's extra condition,
 * so the planner may use it.
 */
const REFERENCES: readonly { target: SheetName; sheet: SheetName; field: string; partial: boolean }[] = [
  { target: "customers", sheet: "contacts", field: "customer", partial: false },
  { target: "customers", sheet: "sites", field: "billingCustomer", partial: false },
  { target: "customers", sheet: "customers", field: "headquarters", partial: true },
  { target: "customers", sheet: "equipment", field: "customer", partial: false },
  { target: "sites", sheet: "equipment", field: "site", partial: true },
];

/**
 * The records referring to each of these records of `target`, by their id. One probe of the
 * reference's index per id and kind; `offset 0` keeps each a probe on PGlite, which has no statistics.
 */
export async function referrersOf(
  db: Db,
  orgId: string,
  target: SheetName,
  recordIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const kinds = REFERENCES.filter((r) => r.target === target);
  if (!recordIds.length || !kinds.length) return out;
  const ids = [...new Set(recordIds)];
  const probes = kinds.map(({ sheet, field, partial }) => {
    const value = sql`(r.values->>${sql.lit(field)})`;
    return sql`select t.id as target, r.id from unnest(${ids}::text[]) as t(id)
      cross join lateral (
        select r.id, r.org_id from records r
        where r.sheet = ${sql.lit(sheet)} ${partial ? sql`and ${value} is not null` : sql``}
          and ${value} = t.id offset 0
      ) as r where r.org_id = ${orgId}`;
  });
  const { rows } = await sql<{ target: string; id: string }>`${sql.join(probes, sql` union all `)}`.execute(
    db,
  );
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
