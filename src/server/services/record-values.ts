/** Pure helpers over a row's values: defaults, merges for updates, match tokens, equality. */
import {
  matchKeyChoices,
  matchValue,
  type CustomField,
  type MatchKey,
  type RecordValues,
  type SheetName,
} from "../../domain";
import type { StoredRecord } from "../repositories/records";

export const isBlank = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

export const keyName = (key: MatchKey): string => key.join("+");

/** The match keys every record of a sheet is indexed under: the offered choices and single custom fields. */
export function indexedKeys(sheet: SheetName, customFields: readonly CustomField[]): MatchKey[] {
  const custom = customFields.filter((f) => f.sheet === sheet).map((f) => [f.key]);
  return [...matchKeyChoices[sheet], ...custom];
}

/** The key whose index entries find the candidates of `key`: itself, or a single field it contains. */
export function probeKey(key: MatchKey, indexed: readonly MatchKey[]): MatchKey {
  if (key.length === 1) return key;
  for (const k of indexed) if (k.length === 1 && key.includes(k[0]!)) return k;
  return key;
}

/**
 * The keys a record is stored under in `match_index`: the offered ones less each composite key that
 * contains an offered single field (customers' name + postal code, contacts' customer + e-mail). Such
 * a key is looked up through that field's entries and checked on the candidates' values: one index
 * entry fewer per record, a fifth of a customer's index writes.
 */
export function storedKeys(sheet: SheetName, customFields: readonly CustomField[]): MatchKey[] {
  const offered = indexedKeys(sheet, customFields);
  return offered.filter((k) => probeKey(k, offered) === k);
}

/** A record's token for one key ("email\u001fa@b.se"); null when the key is blank. */
export function tokenOf(key: MatchKey, values: Readonly<RecordValues>): string | null {
  const v = matchValue(key, values);
  if (v === null) return null;
  // keyName without the join for the usual single-field key.
  return `${key.length === 1 ? key[0] : keyName(key)}\u001f${v}`;
}

/** A record's tokens for the given keys ("email\u001fa@b.se"); blank keys give none. */
export function tokensOf(keys: readonly MatchKey[], values: Readonly<RecordValues>): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const t = tokenOf(key, values);
    if (t !== null) out.push(t);
  }
  return out;
}

/** Candidates by the tokens their values give: a record found only through a hash collision is not kept. */
export function indexByToken(
  records: readonly StoredRecord[],
  keys: readonly MatchKey[],
): Map<string, StoredRecord[]> {
  const out = new Map<string, StoredRecord[]>();
  for (const r of records)
    for (const t of tokensOf(keys, r.values)) (out.get(t) ?? out.set(t, []).get(t)!).push(r);
  return out;
}

/** The import's defaults filled into blank cells of a new record (only fields the sheet has). */
export function withDefaults(
  raw: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, string | undefined>>,
  fieldKeys: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(defaults)) {
    if (value !== undefined && fieldKeys.has(key) && isBlank(out[key])) out[key] = value;
  }
  return out;
}

/** An update: the stored values, overlaid with the given non-blank cells; listed fields erased. */
export function mergeForUpdate(
  stored: Readonly<RecordValues>,
  given: Readonly<RecordValues>,
  clear: readonly string[],
): RecordValues {
  const out: RecordValues = { ...stored };
  for (const [key, value] of Object.entries(given)) if (!isBlank(value)) out[key] = value;
  for (const key of clear) out[key] = null;
  return out;
}

/** Equal when every field has the same value, a missing field counting as blank. */
export function sameValues(a: Readonly<RecordValues>, b: Readonly<RecordValues>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}

/** Blank fields dropped, so stored records carry only what they have. */
export function compact(values: Readonly<RecordValues>): RecordValues {
  const out: RecordValues = {};
  for (const k of Object.keys(values)) {
    const v = values[k];
    if (!isBlank(v)) out[k] = v as RecordValues[string];
  }
  return out;
}

/** The fields whose values an update changes (set, changed or erased). */
export function changedKeys(before: Readonly<RecordValues>, after: Readonly<RecordValues>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}
