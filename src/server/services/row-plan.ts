/**
 * Deciding each row of a batch: validate with the domain rules, find its target (CRM ID or match
 * keys), and turn the duplicate action into an outcome. Pure: the caller loads and writes.
 */
import {
  checkRecord,
  fieldKeysOf,
  messages,
  requestBounds,
  type DuplicateAction,
  type FieldIssue,
  type ImportRow,
  type MatchKey,
  type RecordValues,
  type RowResult,
  type RuleContext,
  type SheetDef,
} from "../../domain";
import { prepareWrite, type PreparedWrite, type StoredRecord } from "../repositories/records";
import { keptSiteIssues } from "./references";
import {
  compact,
  isBlank,
  keyName,
  mergeForUpdate,
  probeKey,
  sameValues,
  tokenOf,
  tokensOf,
  withDefaults,
} from "./record-values";

/** A row after the first check: its coerced values (references resolved) and the issues found. */
export interface CheckedRow {
  row: ImportRow;
  crmId: string | null;
  values: RecordValues;
  issues: FieldIssue[];
  /** Issues a re-check of merged values cannot see again: unknown fields, unresolved references. */
  sticky: FieldIssue[];
  /** The row as a new record: with the import's defaults in its blank cells (may be the same objects). */
  create: { values: RecordValues; issues: FieldIssue[] };
  /** The row's token for each of the import's match keys (null where blank); set by `prepareRow`. */
  matchTokens: (string | null)[];
  /** The tokens whose index entries find its candidates (`probeKey`); set by `prepareRow`. */
  probeTokens: string[];
  /** The record the row would create, ready to write; null with a CRM ID or issues. Set by `prepareRow`. */
  fresh: NewRecord | null;
}

/** A record to create, written as it is: its row and index entries are worked out already. */
export interface NewRecord extends PreparedWrite {
  version: 1;
  /** Its tokens for the import's match keys (blank keys give none). */
  matchTokens: string[];
}

export type Decision =
  | { kind: "answer"; result: RowResult }
  | {
      kind: "create";
      ref: string;
      id: string;
      values: RecordValues;
      fresh: NewRecord;
      /** The blank fields the import's defaults filled (a dry run says so); absent when none. */
      defaulted?: RecordValues;
    }
  | { kind: "update"; ref: string; target: StoredRecord; values: RecordValues };

export interface PlanContext {
  sheet: SheetDef;
  rules: RuleContext;
  action: DuplicateAction;
  matchKeys: readonly MatchKey[];
  /** Keys every record of the sheet is stored under in the index (`storedKeys`). */
  indexKeys: readonly MatchKey[];
  /** The organisation and sheet the index hashes are taken in. */
  orgId: string;
  defaults: Readonly<Record<string, string | undefined>>;
  /** Mints the id of a record this batch creates. */
  newId: () => string;
}

/** A row's errors as answered and stored: at most `errorsPerRow`, the last one counting the rest. */
function toErrors(issues: readonly FieldIssue[]) {
  const max = requestBounds.errorsPerRow;
  const shown = issues.length > max ? issues.slice(0, max - 1) : issues;
  const out = shown.map((i) => ({ field: i.field, message: i.message }));
  if (shown !== issues) out.push({ field: null, message: messages.moreErrors(issues.length - shown.length) });
  return out;
}

export const answer = (
  ref: string,
  outcome: RowResult["outcome"],
  target: StoredRecord | null,
  issues: FieldIssue[] = [],
): Decision => ({
  kind: "answer",
  result: {
    ref,
    outcome,
    crmId: target?.id ?? null,
    version: target?.version ?? null,
    errors: toErrors(issues),
  },
});

/** The first check: the row's own cells (plus the import's defaults) against the domain rules. */
export function checkRow(row: ImportRow, ctx: PlanContext): CheckedRow {
  // Runs on every row of every batch: no closures, and the sheet's field keys are built once.
  const given = row.values;
  const inValues = given.crmId;
  const raw = Object.hasOwn(given, "crmId") ? withoutCrmId(given) : given;
  const crmId = row.crmId ?? (typeof inValues === "string" && inValues.trim() ? inValues.trim() : null);
  const fieldKeys = fieldKeysOf(ctx.sheet);
  const checked = checkRecord(ctx.sheet, raw, ctx.rules);
  const sticky: FieldIssue[] = [];
  for (const i of checked.issues) if (i.field !== null && !fieldKeys.has(i.field)) sticky.push(i);
  // With no defaults to fill in, the new record is the row as it is.
  const defaulted = crmId || !hasDefaults(ctx.defaults) ? raw : withDefaults(raw, ctx.defaults, fieldKeys);
  const create =
    defaulted === raw || sameKeys(defaulted, raw) ? checked : checkRecord(ctx.sheet, defaulted, ctx.rules);
  const c: CheckedRow = {
    row,
    crmId,
    values: checked.values,
    issues: checked.issues,
    sticky,
    create,
    matchTokens: [],
    probeTokens: [],
    fresh: null,
  };
  prepareRow(c, ctx);
  return c;
}

/**
 * Works out what matching and creating need from the row's values, so the batch's transaction only
 * looks them up: its match tokens, and the record it would create with its index hashes. Called again
 * when resolving a reference changes the values.
 */
export function prepareRow(c: CheckedRow, ctx: PlanContext): void {
  if (c.crmId) return;
  const tokens: (string | null)[] = [];
  const probes: string[] = [];
  for (const key of ctx.matchKeys) {
    const token = tokenOf(key, c.values);
    tokens.push(token);
    if (token === null) continue;
    const probe = probeKey(key, ctx.indexKeys);
    const probeToken = probe === key ? token : tokenOf(probe, c.values);
    if (probeToken !== null) probes.push(probeToken);
  }
  c.matchTokens = tokens;
  c.probeTokens = probes;
  if (c.create.issues.length) {
    c.fresh = null;
    return;
  }
  const values = compact(c.create.values);
  const w = prepareWrite(ctx.orgId, ctx.sheet.name, {
    id: ctx.newId(),
    version: 1,
    values,
    tokens: tokensOf(ctx.indexKeys, values),
  });
  // An object literal, not a spread: this runs for every row of every batch.
  c.fresh = {
    id: w.id,
    version: 1,
    values,
    tokens: w.tokens,
    json: w.json,
    indexHashes: w.indexHashes,
    matchTokens: tokensOf(ctx.matchKeys, values),
  };
}

function withoutCrmId(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { crmId: _crmId, ...rest } = values;
  return rest;
}

/** Whether withDefaults could fill anything in (it copies the row even when it fills nothing). */
function hasDefaults(defaults: Readonly<Record<string, string | undefined>>): boolean {
  for (const key of Object.keys(defaults)) if (defaults[key] !== undefined) return true;
  return false;
}

const sameKeys = (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) =>
  Object.keys(a).every((k) => a[k] === b[k]) && Object.keys(a).length === Object.keys(b).length;

/**
 * Which existing records a row's match keys hit; the key that hit several, if one did. `tokens` are
 * the row's tokens for `keys`, in order (null where blank).
 */
export function matchTargets(
  tokens: readonly (string | null)[],
  keys: readonly MatchKey[],
  byToken: ReadonlyMap<string, readonly StoredRecord[]>,
): { hits: StoredRecord[]; field: string | null } {
  const hits = new Map<string, StoredRecord>();
  let field: string | null = null;
  // The first key the row has a value for names the field when several keys hit different records.
  let firstGiven: string | null | undefined;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const token = tokens[k] ?? null;
    if (token === null) continue;
    if (firstGiven === undefined) firstGiven = key[0] ?? null;
    const found = byToken.get(token);
    if (!found) continue;
    if (found.length > 1 && field === null) field = key[0] ?? null;
    for (const r of found) hits.set(r.id, r);
  }
  if (hits.size > 1 && field === null) field = firstGiven ?? null;
  return { hits: [...hits.values()], field };
}

/** Update path: the stored record overlaid with the row's cells, checked again as a whole. */
export function decideUpdate(c: CheckedRow, target: StoredRecord, ctx: PlanContext): Decision {
  const ref = c.row.ref;
  const fieldKeys = fieldKeysOf(ctx.sheet);
  const clear = (c.row.clear ?? []).filter((k) => fieldKeys.has(k) && k !== "crmId");
  const merged = compact(mergeForUpdate(target.values, c.values, clear));
  const rechecked = checkRecord(ctx.sheet, merged, ctx.rules);
  const issues = dedupe([
    ...c.sticky,
    ...rechecked.issues,
    ...keptSiteIssues(ctx.sheet, target.values, merged, c.values),
  ]);
  if (issues.length) return answer(ref, "failed", target, issues);
  const values = compact(rechecked.values);
  if (sameValues(values, target.values)) return answer(ref, "unchanged", target);
  return { kind: "update", ref, target, values };
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.field}\u001f${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The outcome of one checked row, given what its CRM ID and match keys found. */
export function decideRow(
  c: CheckedRow,
  ctx: PlanContext,
  byId: ReadonlyMap<string, StoredRecord>,
  byToken: ReadonlyMap<string, readonly StoredRecord[]>,
): Decision {
  const ref = c.row.ref;
  if (c.crmId) {
    const target = byId.get(c.crmId);
    if (!target)
      return answer(ref, "failed", null, [
        { field: "crmId", severity: "error", message: messages.notFound(ctx.sheet.noun) },
      ]);
    if (c.row.version !== undefined && c.row.version < target.version)
      return answer(ref, "conflict", target, [
        { field: null, severity: "error", message: messages.staleVersion },
      ]);
    return decideUpdate(c, target, ctx);
  }
  if (ctx.action !== "clone" && !c.row.clone) {
    const { hits, field } = matchTargets(c.matchTokens, ctx.matchKeys, byToken);
    if (hits.length > 1)
      return answer(ref, "failed", null, [
        { field, severity: "error", message: messages.matchesSeveral(hits.length, ctx.sheet.nounPlural) },
      ]);
    const target = hits[0];
    if (target && ctx.action === "skip")
      return answer(ref, "skipped", target, [skipReason(c, ctx, byToken, target)]);
    if (target) return decideUpdate(c, target, ctx);
  }
  if (!c.fresh) return answer(ref, "failed", null, c.create.issues);
  const defaulted = defaultedOf(c, ctx);
  return {
    kind: "create",
    ref,
    id: c.fresh.id,
    values: c.fresh.values,
    fresh: c.fresh,
    ...(defaulted ? { defaulted } : {}),
  };
}

/** The fields of a new record that the import's defaults filled, with their values; null when none. */
function defaultedOf(c: CheckedRow, ctx: PlanContext): RecordValues | null {
  let out: RecordValues | null = null;
  const created = c.fresh?.values ?? {};
  for (const key of Object.keys(ctx.defaults)) {
    const v = created[key];
    if (ctx.defaults[key] === undefined || v === undefined || !isBlank(c.values[key])) continue;
    (out ??= {})[key] = v;
  }
  return out;
}

/** Why a row is skipped, in the user's words: the record it matched and the key that found it. */
function skipReason(
  c: CheckedRow,
  ctx: PlanContext,
  byToken: ReadonlyMap<string, readonly StoredRecord[]>,
  target: StoredRecord,
): FieldIssue {
  const k = ctx.matchKeys.findIndex((_, i) => {
    const token = c.matchTokens[i];
    return token != null && (byToken.get(token) ?? []).some((r) => r.id === target.id);
  });
  const key = ctx.matchKeys[Math.max(k, 0)] ?? [];
  const labelOf = (field: string) => ctx.sheet.fields.find((f) => f.key === field)?.label ?? field;
  const on = key.map(labelOf).join(" + ");
  return {
    field: key[0] ?? null,
    severity: "error",
    message: messages.matchesExisting(ctx.sheet.noun, recordName(target), on),
  };
}

/** A stored record as a person names it: its name and its number (else its CRM ID). */
function recordName(r: StoredRecord): string {
  const v = r.values;
  const text = (key: string) => (typeof v[key] === "string" ? (v[key] as string) : "");
  const name =
    text("name") || [text("firstName"), text("lastName")].filter(Boolean).join(" ") || text("siteName");
  const number = text("customerNumber") || r.id;
  return name ? `${name} (${number})` : number;
}

export const tokenKeyNames = (keys: readonly MatchKey[]): string[] => keys.map(keyName);
