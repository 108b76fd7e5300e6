/**
 * One batch of an import, in one transaction: claim the idempotency key, answer refs already written,
 * check, resolve references and match the rest with a few set-based queries, then write.
 */
import type { Kysely } from "kysely";
import type { ImportRow, RowResult, RowsBatch, RowsResponse, RuleContext, SheetDef } from "../../domain";
import { effectiveMatchKeys, ownerField, phoneNeedsCountry } from "../../domain";
import type { Database } from "../db/types";
import { hashBody, newId } from "../ids";
import { runParts } from "../db/statements";
import { claimBatch, type BatchClaim, type Claimant, type ImportState } from "../repositories/imports";
import { batchResultsParts, storedRowResults } from "../repositories/import-rows";
import { lookUpBatch, type BatchLookup, type BatchLookupQuery } from "../repositories/batch-lookup";
import type { Db } from "../repositories/organisations";
import { sheetLock, type StoredRecord } from "../repositories/records";
import {
  customerReferenceFields,
  referenceFields,
  referenceHits,
  referenceProbe,
  resolveOne,
  type ReferenceHits,
} from "./references";
import { resolveSiteReferences } from "./site-references";
import { indexByToken, probeKey, tokensOf } from "./record-values";
import {
  answer,
  checkRow,
  decideRow,
  prepareRow,
  type CheckedRow,
  type Decision,
  type PlanContext,
} from "./row-plan";
import { planWrites, type Written } from "./write-plan";
import { FINAL, linkOf, linkedRefs, recordOfDecision, recordOfStored, resolveLinks } from "./links";
import { changedKeys } from "./record-values";
import type { MatchKey } from "../../domain";

export interface BatchInput {
  imp: ImportState;
  sheet: SheetDef;
  rules: RuleContext;
  /** Keys every record of the sheet is stored under in the index (`storedKeys`). */
  indexKeys: readonly MatchKey[];
  idempotencyKey: string;
  body: RowsBatch;
  /** Checked again under the sheet's lock: the token, its role and the import's status. */
  claimant: Claimant;
}

export type BatchAnswer =
  | { kind: "answered"; response: RowsResponse }
  | { kind: "mismatch" }
  | Extract<BatchClaim, { kind: "refused" }>;

export async function runBatch(db: Kysely<Database>, input: BatchInput): Promise<BatchAnswer> {
  // The rows are checked, and what creating them needs worked out (`prepareRow`), before the
  // transaction: with two batches in flight, one batch's checks run while the other's statements do,
  // and the transaction, which holds the sheet's lock, only looks things up and writes.
  const ctx = planContext(input);
  const checked = await checkRows(input.body.rows, ctx);
  const bodyHash = hashBody(input.body);
  const query = firstLookup(input.imp, ctx, checked);
  return db.transaction().execute(async (trx) => {
    // The sheet's lock is taken in the claim's statement: writers of a sheet take turns.
    const lock = sheetLock(input.imp.orgId, input.imp.sheet);
    const claim = await claimBatch(trx, input.imp.id, input.idempotencyKey, bodyHash, lock, input.claimant);
    if (claim.kind === "mismatch" || claim.kind === "refused") return claim;
    if (claim.kind === "replay")
      return { kind: "answered", response: await replayAnswer(trx, input, claim.withErrors) };
    const first = await lookUpBatch(trx, query);
    return { kind: "answered", response: { results: await processRows(trx, input, ctx, checked, first) } };
  });
}

/**
 * What a batch looks up first: its refs' stored results, the customers its references may name and,
 * unless a probe key holds a reference (resolved only after this lookup), the records its CRM IDs and
 * match tokens find.
 */
function firstLookup(
  imp: ImportState,
  ctx: PlanContext,
  checked: ReadonlyMap<string, CheckedRow>,
): BatchLookupQuery {
  return {
    importId: imp.id,
    // The rows its links name are looked up with its own: their results say what they became.
    refs: [...new Set([...checked.keys(), ...linkedRefs(checked.values())])],
    orgId: imp.orgId,
    sheet: imp.sheet,
    ...(probesHoldReferences(ctx) ? { ids: [], tokens: [] } : wantedBy(checked.values(), ctx)),
    references: referenceProbe(ctx.sheet, checked.values()),
  };
}

/** The first answer again: stored results with errors over the refs' results in `import_rows`. */
async function replayAnswer(trx: Db, input: BatchInput, withErrors: RowResult[]): Promise<RowsResponse> {
  const refs = input.body.rows.map((r) => r.ref);
  const stored = await storedRowResults(trx, input.imp.id, refs);
  for (const r of withErrors) stored.set(r.ref, r);
  return { results: refs.map((ref) => stored.get(ref)!) };
}

const ID_PREFIX = { customers: "cus", contacts: "con", sites: "sit", equipment: "equ" } as const;

function planContext(input: BatchInput): PlanContext {
  const { imp } = input;
  const prefix = ID_PREFIX[imp.sheet];
  return {
    newId: () => newId(prefix),
    sheet: input.sheet,
    rules: input.rules,
    action: imp.duplicateAction,
    // Combined keys ("all") are one key of all their fields: a record must equal the row on each.
    matchKeys: effectiveMatchKeys(imp.matchKeys, imp.matchMode),
    indexKeys: input.indexKeys,
    orgId: imp.orgId,
    defaults: imp.defaults,
  };
}

/** Rows checked between turns of the event loop: the batch in its transaction waits on this thread. */
const CHECK_SLICE = 100;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The first row of each ref, checked; a ref sent twice in one batch is answered once. */
async function checkRows(rows: readonly ImportRow[], ctx: PlanContext): Promise<Map<string, CheckedRow>> {
  const out = new Map<string, CheckedRow>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % CHECK_SLICE === 0) await nextTurn();
    const row = rows[i]!;
    if (!out.has(row.ref)) out.set(row.ref, checkRow(row, ctx));
  }
  return out;
}

async function processRows(
  trx: Db,
  input: BatchInput,
  ctx: PlanContext,
  checkedByRef: ReadonlyMap<string, CheckedRow>,
  first: BatchLookup,
): Promise<RowResult[]> {
  const { imp, body } = input;
  const stored = first.stored;
  // Refs already written in this import are answered from what is stored, whatever the key.
  const checked: CheckedRow[] = [];
  for (const [ref, c] of checkedByRef) {
    const prior = stored.get(ref);
    if (!prior || !FINAL.has(prior.outcome)) checked.push(c);
  }
  resolveBatchReferences(ctx, checked, referenceHits(first.references.byId, first.references.byToken));
  // A site is one of the row's customer's: looked up once the customer is resolved.
  await resolveSiteReferences(trx, ctx, checked);
  // When a probe key holds a reference, the records are looked up now that it is resolved.
  const found = probesHoldReferences(ctx)
    ? await lookUpBatch(trx, {
        importId: imp.id,
        refs: [],
        orgId: imp.orgId,
        sheet: imp.sheet,
        ...wantedBy(checked, ctx),
        references: { ids: [], tokens: [] },
      })
    : first;
  const decisions = decideAll(imp, ctx, checked, found, stored);
  const written = imp.dryRun ? dryRunAnswers(decisions) : planWrites(imp, decisions, input.indexKeys);
  const byRef = new Map(written.results.map((r) => [r.ref, r]));
  const results = body.rows.map((row) => byRef.get(row.ref) ?? stored.get(row.ref)!);
  // One statement: the writes, the refs' new results, and under the key the answer's results with errors.
  await runParts(trx, [
    ...written.parts,
    ...batchResultsParts(imp.id, input.idempotencyKey, written.results, { results }, new Set(stored.keys())),
  ]);
  return results;
}

/** Whether a probe key of the import's match keys holds a reference field. */
function probesHoldReferences(ctx: PlanContext): boolean {
  const references = new Set(referenceFields(ctx.sheet).map((f) => f.key));
  return ctx.matchKeys.some((key) => probeKey(key, ctx.indexKeys).some((field) => references.has(field)));
}

/** The CRM IDs and the match tokens rows are looked up by (no tokens when the action is clone). */
function wantedBy(rows: Iterable<CheckedRow>, ctx: PlanContext) {
  const ids: string[] = [];
  const tokens: string[] = [];
  for (const r of rows) {
    if (r.crmId) ids.push(r.crmId);
    else if (ctx.action !== "clone" && !r.row.clone) for (const t of r.probeTokens) tokens.push(t);
  }
  return { ids, tokens };
}

/**
 * Replaces each reference's text with the customer's CRM ID, or records why it could not. A field
 * linked to another row of the import is resolved by that row's fate instead (`resolveLinks`).
 */
function resolveBatchReferences(ctx: PlanContext, rows: CheckedRow[], hits: ReferenceHits): void {
  withOwnersCountry(ctx, rows, hits);
  const changed = new Set<CheckedRow>();
  for (const field of customerReferenceFields(ctx.sheet)) {
    for (const r of rows) {
      const v = r.values[field.key];
      if (typeof v !== "string" || linkOf(ctx, r, field.key)) continue;
      const res = resolveOne(field, v, hits, ctx.sheet.name);
      if (res.ok) {
        r.values[field.key] = res.id;
        r.create.values[field.key] = res.id;
      } else {
        const issue = { field: field.key, severity: "error" as const, message: res.message };
        for (const list of new Set([r.issues, r.sticky, r.create.issues])) list.push(issue);
      }
      changed.add(r);
    }
  }
  // Tokens and the record to create were worked out from the reference's text.
  for (const r of changed) prepareRow(r, ctx);
}

/**
 * A contact or site with no Country of its own whose phone needs one ("070-123 45 67") is checked
 * again with its customer's Country, as the add-in's Validate promised: a Swedish customer's
 * contacts write Swedish numbers. Only rows with such an issue are checked twice.
 */
function withOwnersCountry(ctx: PlanContext, rows: CheckedRow[], hits: ReferenceHits): void {
  const owner = ownerField(ctx.sheet);
  if (!owner) return;
  const needsCountry = new Set(
    ctx.sheet.fields.filter((f) => f.kind === "phone").map((f) => `${f.key}\u001f${phoneNeedsCountry(f)}`),
  );
  for (const r of rows) {
    if (typeof r.values.country === "string" || linkOf(ctx, r, owner.key)) continue;
    if (!r.issues.some((i) => needsCountry.has(`${i.field}\u001f${i.message}`))) continue;
    const v = r.values[owner.key];
    const res = typeof v === "string" ? resolveOne(owner, v, hits, ctx.sheet.name) : null;
    const country = res?.ok ? hits.countryOf(res.id) : null;
    if (country) Object.assign(r, checkRow(r.row, { ...ctx, rules: { ...ctx.rules, country } }));
  }
}

/**
 * Decides row by row, given the records the batch's CRM IDs and match tokens found, and the stored
 * results of the rows its links name.
 */
function decideAll(
  imp: ImportState,
  ctx: PlanContext,
  rows: CheckedRow[],
  found: Pick<BatchLookup, "byId" | "byToken">,
  stored: ReadonlyMap<string, RowResult>,
): Decision[] {
  const byId = new Map(found.byId.map((r) => [r.id, r]));
  // Only the import's match keys are looked up: candidates and new records are kept under those.
  const byToken = indexByToken(found.byToken, ctx.matchKeys);
  const updatedAt = new Date().toISOString();
  // The record each row of this batch became, for the links of the rows after it.
  const became = new Map<string, string>();
  return rows.map((r) => {
    resolveLinks(ctx, r, (ref) => became.get(ref) ?? recordOfStored(stored.get(ref), imp.dryRun));
    const decision = decideRow(r, ctx, byId, byToken);
    const id = recordOfDecision(decision);
    if (id) became.set(r.row.ref, id);
    // Later rows of the batch see what earlier ones created or changed, as if it were stored.
    if (decision.kind !== "answer") remember(byId, byToken, decision, imp.sheet, ctx.matchKeys, updatedAt);
    return decision;
  });
}

function remember(
  byId: Map<string, StoredRecord>,
  byToken: Map<string, StoredRecord[]>,
  d: Exclude<Decision, { kind: "answer" }>,
  sheet: StoredRecord["sheet"],
  keys: readonly MatchKey[],
  updatedAt: string,
): void {
  const id = d.kind === "create" ? d.id : d.target.id;
  const record: StoredRecord = {
    id,
    sheet,
    version: d.kind === "create" ? 1 : d.target.version + 1,
    updatedAt,
    values: d.values,
  };
  const previous = d.kind === "update" ? tokensOf(keys, d.target.values) : [];
  for (const t of previous) {
    const list = byToken.get(t)?.filter((r) => r.id !== id);
    if (list?.length) byToken.set(t, list);
    else byToken.delete(t);
  }
  // A new record's match tokens were worked out before the transaction.
  const tokens = d.kind === "create" ? d.fresh.matchTokens : tokensOf(keys, record.values);
  for (const t of tokens) (byToken.get(t) ?? byToken.set(t, []).get(t)!).push(record);
  if (byId.has(id)) byId.set(id, record);
}

/** A dry run answers what would happen; new records have no CRM ID yet. */
function dryRunAnswers(decisions: readonly Decision[]): Written {
  const results = decisions.map((d) => {
    if (d.kind === "answer") return d.result;
    if (d.kind === "create")
      return {
        ref: d.ref,
        outcome: "created" as const,
        crmId: null,
        version: null,
        errors: [],
        ...(d.defaulted ? { defaulted: d.defaulted } : {}),
      };
    // A record created earlier in the same dry-run batch has no CRM ID either.
    return {
      ref: d.ref,
      outcome: "updated" as const,
      crmId: d.target.id,
      version: d.target.version + 1,
      errors: [],
      changes: changedKeys(d.target.values, d.values),
    };
  });
  return { results, parts: [] };
}

export { answer };
