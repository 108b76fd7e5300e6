import { sql, type RawBuilder } from "kysely";
import {
  importCountsSchema,
  rowsResponseSchema,
  type CreateImport,
  type DuplicateAction,
  type ImportCounts,
  type ImportSummary,
  type MatchKey,
  type MatchMode,
  type RowResult,
  type SheetName,
} from "../../domain";
import type { Role } from "../db/types";
import { newId } from "../ids";
import { countOutcomes, emptyCounts } from "./import-rows";
import type { Db } from "./organisations";

export interface ImportState extends ImportSummary {
  orgId: string;
  matchMode: MatchMode;
  defaults: { accountManager?: string; campaign?: string; category?: string };
  notifyEmail: string | null;
  /** The summary e-mail goes to the importer's own address too. */
  mailImporter: boolean;
}

interface ImportRecordRow {
  id: string;
  org_id: string;
  sheet: string;
  status: "open" | "finished";
  duplicate_action: string;
  match_keys: string[][];
  match_mode: string;
  defaults: Record<string, string>;
  notify_email: string | null;
  mail_importer: boolean;
  dry_run: boolean;
  source: string | null;
  created_by: string;
  counts: Record<string, number> | null;
  resumes: number;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function toImportState(r: ImportRecordRow): ImportState {
  return {
    id: r.id,
    orgId: r.org_id,
    sheet: r.sheet as SheetName,
    status: r.status,
    duplicateAction: r.duplicate_action as DuplicateAction,
    matchKeys: r.match_keys as MatchKey[],
    matchMode: r.match_mode === "all" ? "all" : "any",
    defaults: r.defaults,
    notifyEmail: r.notify_email,
    mailImporter: r.mail_importer,
    dryRun: r.dry_run,
    source: r.source,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
    counts: r.counts ? importCountsSchema.parse(r.counts) : emptyCounts(),
    resumes: Number(r.resumes),
  };
}

/** An open import continued after the CRM stopped answering: counted; null when it is not open. */
export async function markResumed(db: Db, orgId: string, id: string): Promise<ImportState | null> {
  const row = await db
    .updateTable("imports")
    .set((eb) => ({ resumes: eb("resumes", "+", 1) }))
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "open")
    .returningAll()
    .executeTakeFirst();
  return row ? toImportState(row) : null;
}

export interface NewImport extends Omit<
  Required<CreateImport>,
  "notifyEmail" | "source" | "matchKeys" | "duplicateAction" | "matchMode" | "mailMe"
> {
  duplicateAction: DuplicateAction;
  matchKeys: MatchKey[];
  matchMode: MatchMode;
  mailImporter: boolean;
  notifyEmail?: string | undefined;
  source?: string | undefined;
}

export async function insertImport(
  db: Db,
  orgId: string,
  userId: string,
  input: NewImport,
): Promise<ImportState> {
  const row = await db
    .insertInto("imports")
    .values({
      id: newId("imp"),
      org_id: orgId,
      sheet: input.sheet,
      status: "open",
      duplicate_action: input.duplicateAction,
      match_keys: JSON.stringify(input.matchKeys),
      match_mode: input.matchMode,
      defaults: JSON.stringify(input.defaults),
      notify_email: input.notifyEmail ?? null,
      mail_importer: input.mailImporter,
      dry_run: input.dryRun,
      source: input.source ?? null,
      created_by: userId,
      counts: null,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toImportState(row);
}

export async function getImport(db: Db, orgId: string, id: string): Promise<ImportState | null> {
  const row = await db
    .selectFrom("imports")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toImportState(row) : null;
}

/** The names of the organisation's users among `ids`, for History's "by Anna Berg" (never their ids). */
export async function userNames(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Newest first, keyset-paged on id. */
export async function listImports(db: Db, orgId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom("imports").selectAll().where("org_id", "=", orgId);
  if (before) q = q.where("id", "<", before);
  const rows = await q
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toImportState);
  // An open import (running, or stopped by a fault) is counted as it stands, as its detail is.
  for (const item of items) if (item.status === "open") item.counts = await countOutcomes(db, item.id);
  return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

/**
 * A replay carries the first answer's results that had errors; the rest is in `import_rows`. A
 * refused claim says why: the import is not open (`status`, null when there is none), or the token
 * is gone or its role may not import (`role`, null when the token is gone).
 */
export type BatchClaim =
  | { kind: "claimed" }
  | { kind: "replay"; withErrors: RowResult[] }
  | { kind: "mismatch" }
  | { kind: "refused"; status: string | null; role: Role | null };

/** Who claims a batch: the token's hash, and the roles that may import. */
export interface Claimant {
  tokenHash: string;
  roles: readonly Role[];
}

/**
 * Claims an idempotency key inside the caller's transaction, after taking `lock` (an advisory lock
 * expression, e.g. `sheetLock`) in the same statement: the lock comes first, and the statements after
 * it see everything committed before it was granted. A concurrent claim of the same key waits until
 * the first transaction ends, then sees its answer. The same statement checks that the import is
 * still open and that the token still exists, in the import's organisation, with a role that may
 * import: what the request was let in with may be a few seconds old (`RecentReads`).
 */
export async function claimBatch(
  db: Db,
  importId: string,
  key: string,
  bodyHash: string,
  lock: RawBuilder<void>,
  claimant: Claimant,
): Promise<BatchClaim> {
  const { rows } = await sql<{ status: string; role: Role | null; claimed: number }>`
    with locked as (select ${lock}),
    state as (
      select i.status, (
        select u.role from api_tokens t join users u on u.id = t.user_id
        where t.token_hash = ${claimant.tokenHash} and t.org_id = i.org_id and t.expires_at > now()
      ) as role
      from locked, imports i where i.id = ${importId}
    ),
    claimed as (
      insert into import_batches (import_id, idempotency_key, body_hash, response)
      select ${importId}, ${key}, ${bodyHash}, null from state
      where status = 'open' and role = any(${[...claimant.roles]}::text[])
      on conflict do nothing
      returning import_id
    )
    select status, role, (select count(*) from claimed)::int as claimed from state
  `.execute(db);
  const state = rows[0];
  if (!state) return { kind: "refused", status: null, role: null };
  if (state.claimed > 0) return { kind: "claimed" };
  if (state.status !== "open" || state.role === null || !claimant.roles.includes(state.role))
    return { kind: "refused", status: state.status, role: state.role };
  const row = await db
    .selectFrom("import_batches")
    .select(["body_hash", "response"])
    .where("import_id", "=", importId)
    .where("idempotency_key", "=", key)
    .executeTakeFirstOrThrow();
  if (row.body_hash !== bodyHash || row.response === null) return { kind: "mismatch" };
  return { kind: "replay", withErrors: rowsResponseSchema.parse(row.response).results };
}

/** Marks the import finished with its counts; false when it was already finished (no second summary). */
export async function markFinished(
  db: Db,
  orgId: string,
  id: string,
  counts: ImportCounts,
): Promise<boolean> {
  const r = await db
    .updateTable("imports")
    .set({ status: "finished", counts: JSON.stringify(counts), finished_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "open")
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}
