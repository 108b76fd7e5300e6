/** Deleting records a revert takes back. */
import { sql } from "kysely";
import type { SheetName } from "../../domain";
import { matchEntries } from "./records";
import { deleteReferencesOf } from "./record-references";
import type { Db } from "./organisations";

/** A record to delete, with the match tokens it is indexed under. */
export interface RecordDelete {
  id: string;
  tokens: readonly string[];
}

/** Deletes records, their `match_index` entries (found by probe, removed by ctid) and their references. */
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
  await deleteReferencesOf(
    db,
    rows.map((r) => r.id),
  );
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
