/** A revert's state: its batches by idempotency key, each ref's outcome, the import's revert status. */
import { sql } from "kysely";
import {
  revertCountsSchema,
  revertResponseSchema,
  revertRowSchema,
  type RevertCounts,
  type RevertResponse,
  type RevertRow,
  type RevertSummary,
} from "../../domain";
import type { Db } from "./organisations";

/** Outcomes a ref keeps: it is never decided again. A conflict is decided again by a later revert. */
export const FINAL_REVERT = new Set<RevertRow["outcome"]>(["deleted", "restored", "reversed"]);

export type RevertClaim =
  { kind: "claimed" } | { kind: "replay"; response: RevertResponse } | { kind: "mismatch" };

/**
 * Claims a revert batch's key in the caller's transaction, after its locks: a concurrent claim of
 * the same key waits for the first transaction, then answers what it answered.
 */
export async function claimRevertBatch(
  db: Db,
  importId: string,
  key: string,
  bodyHash: string,
): Promise<RevertClaim> {
  const inserted = await db
    .insertInto("import_revert_batches")
    .values({ import_id: importId, idempotency_key: key, body_hash: bodyHash, response: null })
    .onConflict((oc) => oc.doNothing())
    .returning("import_id")
    .executeTakeFirst();
  if (inserted) return { kind: "claimed" };
  const row = await db
    .selectFrom("import_revert_batches")
    .select(["body_hash", "response"])
    .where("import_id", "=", importId)
    .where("idempotency_key", "=", key)
    .executeTakeFirstOrThrow();
  if (row.body_hash !== bodyHash || row.response === null) return { kind: "mismatch" };
  return { kind: "replay", response: revertResponseSchema.parse(row.response) };
}

export async function saveRevertAnswer(
  db: Db,
  importId: string,
  key: string,
  response: RevertResponse,
): Promise<void> {
  await db
    .updateTable("import_revert_batches")
    .set({ response: JSON.stringify(response) })
    .where("import_id", "=", importId)
    .where("idempotency_key", "=", key)
    .execute();
}

/** A row the import wrote: what a revert takes back. */
export interface WrittenRow {
  ref: string;
  outcome: "created" | "updated";
  crmId: string;
  version: number;
}

/** The import's created and updated rows after `after`, in ref order (its primary key's order). */
export async function pageWrittenRows(
  db: Db,
  importId: string,
  after: string | undefined,
  limit: number,
): Promise<{ rows: WrittenRow[]; next: string | null }> {
  let q = db
    .selectFrom("import_rows")
    .select(["ref", "outcome", "crm_id", "version"])
    .where("import_id", "=", importId)
    .where("outcome", "in", ["created", "updated"])
    .where("crm_id", "is not", null);
  if (after !== undefined) q = q.where("ref", ">", after);
  const found = await q
    .orderBy("ref")
    .limit(limit + 1)
    .execute();
  const rows = found.slice(0, limit).map((r) => ({
    ref: r.ref,
    outcome: r.outcome as WrittenRow["outcome"],
    crmId: r.crm_id!,
    version: r.version ?? 1,
  }));
  return { rows, next: found.length > limit ? (rows[rows.length - 1]?.ref ?? null) : null };
}

const toRevertRow = (r: unknown): RevertRow => revertRowSchema.parse(r);

/** The refs' final revert outcomes, by ref. */
export async function finalRevertRows(
  db: Db,
  importId: string,
  refs: readonly string[],
): Promise<Map<string, RevertRow>> {
  const out = new Map<string, RevertRow>();
  if (!refs.length) return out;
  const rows = await db
    .selectFrom("import_revert_rows")
    .select(["ref", "result"])
    .where("import_id", "=", importId)
    .where("ref", "in", refs)
    .where("outcome", "in", [...FINAL_REVERT])
    .execute();
  for (const r of rows) out.set(r.ref, toRevertRow(r.result));
  return out;
}

/** What the revert already did to these records through other refs (final outcomes), by record id. */
export async function finalRevertsOfRecords(
  db: Db,
  importId: string,
  recordIds: readonly string[],
): Promise<Map<string, RevertRow>> {
  const out = new Map<string, RevertRow>();
  if (!recordIds.length) return out;
  const rows = await db
    .selectFrom("import_revert_rows")
    .select(["record_id", "result"])
    .where("import_id", "=", importId)
    .where("record_id", "in", [...new Set(recordIds)])
    .where("outcome", "in", [...FINAL_REVERT])
    .execute();
  for (const r of rows) if (r.record_id) out.set(r.record_id, toRevertRow(r.result));
  return out;
}

/** Stores the refs' outcomes; a conflict decided again is overwritten. */
export async function saveRevertRows(db: Db, importId: string, rows: readonly RevertRow[]): Promise<void> {
  if (!rows.length) return;
  await db
    .insertInto("import_revert_rows")
    .values(
      rows.map((r) => ({
        import_id: importId,
        ref: r.ref,
        record_id: r.crmId,
        outcome: r.outcome,
        result: JSON.stringify(r),
      })),
    )
    .onConflict((oc) =>
      oc.columns(["import_id", "ref"]).doUpdateSet((eb) => ({
        outcome: eb.ref("excluded.outcome"),
        record_id: eb.ref("excluded.record_id"),
        result: eb.ref("excluded.result"),
      })),
    )
    .execute();
}

/** Marks the import's revert started; finished (returns true) when a pass reached its last row. */
export async function markRevert(db: Db, importId: string, userId: string, finished: boolean): Promise<void> {
  await db
    .updateTable("imports")
    .set({
      revert_status: sql`case when ${finished} then 'finished' else coalesce(revert_status, 'started') end`,
      reverted_by: userId,
      reverted_at: new Date(),
    })
    .where("id", "=", importId)
    .execute();
}

export async function revertCounts(db: Db, importId: string): Promise<RevertCounts> {
  const rows = await db
    .selectFrom("import_revert_rows")
    .select(["outcome", (eb) => eb.fn.countAll<string>().as("n")])
    .where("import_id", "=", importId)
    .groupBy("outcome")
    .execute();
  const counts = { deleted: 0, restored: 0, reversed: 0, conflict: 0 };
  for (const r of rows) if (r.outcome in counts) counts[r.outcome as keyof RevertCounts] = Number(r.n);
  return revertCountsSchema.parse(counts);
}

const CONFLICTS_SHOWN = 1_000;

/** The import's revert for its history: null when none ran. */
export async function revertSummary(db: Db, importId: string): Promise<RevertSummary | null> {
  const imp = await db
    .selectFrom("imports")
    .select(["revert_status", "reverted_by", "reverted_at"])
    .where("id", "=", importId)
    .executeTakeFirst();
  if (!imp?.revert_status) return null;
  const conflicts = await db
    .selectFrom("import_revert_rows")
    .select("result")
    .where("import_id", "=", importId)
    .where("outcome", "=", "conflict")
    .orderBy("ref")
    .limit(CONFLICTS_SHOWN)
    .execute();
  return {
    status: imp.revert_status === "finished" ? "finished" : "started",
    by: imp.reverted_by,
    at: imp.reverted_at ? new Date(imp.reverted_at).toISOString() : null,
    counts: await revertCounts(db, importId),
    conflicts: conflicts.map((c) => toRevertRow(c.result)),
  };
}

/** Days after an import its importer may revert it (an admin may at any time). */
export async function revertWindowDays(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("organisations")
    .select("revert_window_days")
    .where("id", "=", orgId)
    .executeTakeFirst();
  return row?.revert_window_days ?? 0;
}

export async function setRevertWindowDays(db: Db, orgId: string, days: number): Promise<void> {
  await db.updateTable("organisations").set({ revert_window_days: days }).where("id", "=", orgId).execute();
}
