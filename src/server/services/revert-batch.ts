/**
 * One batch of a revert, in one transaction under the locks of the organisation's sheets:
 * claim the key, take the import's next written rows, decide each record (`revert-plan.ts`), write,
 * and store each ref's outcome with the answer. A final outcome is never decided again, so a batch
 * resent, or a second revert at the same time, never deletes or restores twice.
 */
import type { Kysely } from "kysely";
import {
  revertMessages,
  revertRequestSchema,
  type MatchKey,
  type RevertResponse,
  type RevertRow,
  type SheetName,
} from "../../domain";
import type { Database } from "../db/types";
import { hashBody } from "../ids";
import { findBeforeImages } from "../repositories/before-images";
import type { ImportState } from "../repositories/imports";
import { insertLog } from "../repositories/logs";
import { getOrganisation, type Db } from "../repositories/organisations";
import { deleteRecords } from "../repositories/record-deletes";
import { referrersOf } from "../repositories/record-references";
import { findRecordsByIds, lockSheet, updateRecordsParts } from "../repositories/records";
import { runParts } from "../db/statements";
import {
  bookBalances,
  bookCounterEntries,
  customersInOtherEntries,
  deleteEntries,
  importEntries,
  openDay,
  type ImportEntry,
} from "../repositories/revert-ledger";
import {
  claimRevertBatch,
  finalRevertRows,
  finalRevertsOfRecords,
  markRevert,
  pageWrittenRows,
  revertCounts,
  saveRevertAnswer,
  saveRevertRows,
  type WrittenRow,
} from "../repositories/reverts";
import { tokensOf } from "./record-values";
import { decideRecord, type RecordDecision, type RecordFacts } from "./revert-plan";

export interface RevertInput {
  imp: ImportState;
  /** Keys every record of the sheet is indexed under (`storedKeys`). */
  indexKeys: readonly MatchKey[];
  /** Required unless a dry run. */
  idempotencyKey: string | null;
  body: ReturnType<typeof revertRequestSchema.parse>;
  userId: string;
}

export type RevertAnswer = { kind: "answered"; response: RevertResponse } | { kind: "mismatch" };

/** Every sheet's lock, always in this order: a revert deletes customers and sites others may refer to. */
const LOCK_ORDER: readonly SheetName[] = ["customers", "contacts", "sites", "equipment"];

export async function runRevert(db: Kysely<Database>, input: RevertInput): Promise<RevertAnswer> {
  const { imp, body } = input;
  return db.transaction().execute(async (trx) => {
    for (const sheet of LOCK_ORDER) await lockSheet(trx, imp.orgId, sheet);
    const key = body.dryRun ? null : input.idempotencyKey;
    if (key) {
      const claim = await claimRevertBatch(trx, imp.id, key, hashBody(body));
      if (claim.kind === "mismatch") return claim;
      if (claim.kind === "replay") return { kind: "answered", response: claim.response };
    }
    const page = await pageWrittenRows(trx, imp.id, body.after, body.limit);
    const finals = await finalRevertRows(
      trx,
      imp.id,
      page.rows.map((r) => r.ref),
    );
    const pending = page.rows.filter((r) => !finals.has(r.ref));
    const org = await getOrganisation(trx, imp.orgId);
    const closedThrough = org?.closedPeriodThrough ?? null;
    const facts = await gatherFacts(trx, imp, pending);
    const decisions = decideAll(facts, closedThrough);
    const fresh = pending.map((r) => rowOf(r, decisions.get(r.crmId)!));
    const response: RevertResponse = {
      results: page.rows.map((r) => finals.get(r.ref) ?? fresh.find((f) => f.ref === r.ref)!),
      next: page.next,
    };
    if (!key) return { kind: "answered", response };
    await applyDecisions(trx, input, facts, decisions, closedThrough);
    await saveRevertRows(trx, imp.id, fresh);
    await saveRevertAnswer(trx, imp.id, key, response);
    await markRevert(trx, imp.id, input.userId, page.next === null);
    if (page.next === null) await logRevert(trx, imp, input.userId);
    return { kind: "answered", response };
  });
}

/** A record's facts, with the ids of what refers to it ("ledger" for another ledger entry). */
type Facts = RecordFacts & { referrerIds: string[] };

/** What the page's records are now, what the import kept of them, and what refers to them. */
async function gatherFacts(trx: Db, imp: ImportState, rows: readonly WrittenRow[]): Promise<Facts[]> {
  const byRecord = new Map<string, WrittenRow[]>();
  for (const r of rows) (byRecord.get(r.crmId) ?? byRecord.set(r.crmId, []).get(r.crmId)!).push(r);
  const ids = [...byRecord.keys()];
  const created = ids.filter((id) => byRecord.get(id)!.some((r) => r.outcome === "created"));
  const customers = imp.sheet === "customers";
  const [current, images, done, referrers, ledgered, entries] = await Promise.all([
    findRecordsByIds(trx, imp.orgId, imp.sheet, ids),
    findBeforeImages(trx, imp.id, ids),
    finalRevertsOfRecords(trx, imp.id, ids),
    referrersOf(trx, imp.orgId, imp.sheet, created),
    customers ? customersInOtherEntries(trx, imp.orgId, imp.id, created) : new Set<string>(),
    customers ? importEntries(trx, imp.orgId, imp.id, ids) : [],
  ]);
  const byId = new Map(current.map((r) => [r.id, r]));
  return ids.map((id) => ({
    id,
    rows: byRecord.get(id)!,
    current: byId.get(id),
    image: images.get(id),
    done: done.get(id),
    // The ledger entry stands for one referrer that no delete of this batch removes.
    referrerIds: [...(referrers.get(id) ?? []), ...(ledgered.has(id) ? ["ledger"] : [])],
    referrers: 0,
    entries: entries.filter((e: ImportEntry) => e.customerId === id),
  }));
}

/**
 * Decides every record; a referrer this batch deletes (a branch and its headquarters, both created
 * by the import) does not keep its customer. Repeated until no more deletes drop out.
 */
function decideAll(facts: Facts[], closedThrough: string | null): Map<string, RecordDecision> {
  let deleting = new Set(facts.map((f) => f.id));
  for (;;) {
    const decisions = new Map<string, RecordDecision>();
    for (const f of facts) {
      f.referrers = f.referrerIds.filter((r) => !deleting.has(r)).length;
      decisions.set(f.id, decideRecord(f, closedThrough));
    }
    const next = new Set([...decisions].filter(([, d]) => d.work.kind === "delete").map(([id]) => id));
    // Deletes only drop out from one round to the next: the same count is the same set.
    if (next.size === deleting.size) return decisions;
    deleting = next;
  }
}

const rowOf = (r: WrittenRow, d: RecordDecision): RevertRow => ({
  ref: r.ref,
  crmId: r.crmId,
  outcome: d.outcome,
  message: d.message,
  before: d.before,
  current: d.current,
});

async function applyDecisions(
  trx: Db,
  input: RevertInput,
  facts: readonly RecordFacts[],
  decisions: ReadonlyMap<string, RecordDecision>,
  closedThrough: string | null,
): Promise<void> {
  const { imp, indexKeys } = input;
  const remove: ImportEntry[] = [];
  const counter: ImportEntry[] = [];
  const rebook = [];
  const deletes = [];
  const updates = [];
  for (const f of facts) {
    const work = decisions.get(f.id)!.work;
    if (work.kind === "none" || !f.current) continue;
    remove.push(...work.ledger.remove);
    counter.push(...work.ledger.counter);
    if (work.ledger.rebook) rebook.push(work.ledger.rebook);
    const was = tokensOf(indexKeys, f.current.values);
    if (work.kind === "delete") deletes.push({ id: f.id, tokens: was });
    else
      updates.push({
        id: f.id,
        version: work.version,
        values: work.values,
        tokens: { before: was, after: tokensOf(indexKeys, work.values) },
        stored: f.current.values,
      });
  }
  await deleteEntries(trx, imp.orgId, [...new Set(remove.map((e) => e.id))]);
  await bookCounterEntries(trx, imp.orgId, imp.id, counter, openDay(closedThrough));
  await bookBalances(trx, imp.orgId, rebook);
  await runParts(trx, updateRecordsParts(imp.orgId, imp.sheet, updates));
  await deleteRecords(trx, imp.orgId, imp.sheet, deletes);
}

/** The import log and the activity log record a revert pass that reached the import's last row. */
async function logRevert(trx: Db, imp: ImportState, userId: string): Promise<void> {
  const counts = await revertCounts(trx, imp.id);
  const message = revertMessages.logged(imp.sheet, counts);
  const details = { importId: imp.id, counts };
  await insertLog(trx, imp.orgId, { kind: "import", userId, subject: imp.id, message, details });
  await insertLog(trx, imp.orgId, { kind: "activity", userId, subject: "import.reverted", message, details });
}
