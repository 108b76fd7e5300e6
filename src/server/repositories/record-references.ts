/**
 * The references records hold to other records (contacts' customer, sites' billing customer,
 * branches' headquarters, equipment's customer and site), kept in `record_references` (migration
 * 0015): one narrow row per reference a record holds, written in the same statement as the record,
 * so a revert finds what refers to a customer or a site it would delete with one index probe, and a
 * record that names none costs nothing.
 */
import { sql } from "kysely";
import { baseCatalog, type RecordValues, type SheetName } from "../../domain";
import type { StatementPart } from "../db/statements";
import type { Db } from "./organisations";

/**
 * Each sheet's reference fields (the catalog's); a field's key is its reference's `kind`. Stored:
 * a reference field added to the catalog needs a migration that fills its rows.
 */
const referenceFields = (sheet: SheetName): readonly string[] =>
  baseCatalog[sheet].fields.filter((f) => f.kind === "reference").map((f) => f.key);
const REFERENCE_FIELDS: Readonly<Record<SheetName, readonly string[]>> = {
  customers: referenceFields("customers"),
  contacts: referenceFields("contacts"),
  sites: referenceFields("sites"),
  equipment: referenceFields("equipment"),
};

/** The record a reference field's value names, or null. */
const targetOf = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Reference rows as parallel arrays (record, target, kind). */
interface ReferenceRows {
  ids: string[];
  targets: string[];
  kinds: string[];
}

const noRows = (): ReferenceRows => ({ ids: [], targets: [], kinds: [] });

function insertRows(name: string, orgId: string, rows: ReferenceRows, upsert: boolean): StatementPart[] {
  if (!rows.ids.length) return [];
  return [
    {
      name,
      query: sql`insert into record_references (org_id, record_id, target_id, kind)
        select ${orgId}, x.id, x.target, x.kind
        from unnest(${rows.ids}::text[], ${rows.targets}::text[], ${rows.kinds}::text[]) as x(id, target, kind)
        ${upsert ? sql`on conflict (record_id, kind) do update set target_id = excluded.target_id` : sql``}`,
    },
  ];
}

/** Inserting the references of new records, as a part named `name` (none when no record names one). */
export function insertReferencesParts(
  name: string,
  orgId: string,
  sheet: SheetName,
  records: readonly { id: string; values: Readonly<RecordValues> }[],
): StatementPart[] {
  const fields = REFERENCE_FIELDS[sheet];
  const rows = noRows();
  if (fields.length)
    for (const r of records)
      for (const kind of fields) {
        const target = targetOf(r.values[kind]);
        if (target === null) continue;
        rows.ids.push(r.id);
        rows.targets.push(target);
        rows.kinds.push(kind);
      }
  return insertRows(name, orgId, rows, false);
}

/** A record's new values and, when the caller read them, the values they replace. */
export interface ReferenceUpdate {
  id: string;
  values: Readonly<RecordValues>;
  /** The stored values: a reference that stays as it was is then neither written nor probed. */
  stored?: Readonly<RecordValues>;
}

/**
 * Keeping updated records' references, as parts named after `name`: a reference set or changed is
 * written (over the record's earlier one), a reference erased is removed. A record whose stored
 * values are not given is written or probed whatever it named before.
 */
export function updateReferencesParts(
  name: string,
  orgId: string,
  sheet: SheetName,
  records: readonly ReferenceUpdate[],
): StatementPart[] {
  const set = noRows();
  const erased = { ids: [] as string[], kinds: [] as string[] };
  for (const r of records)
    for (const kind of REFERENCE_FIELDS[sheet]) {
      const next = targetOf(r.values[kind]);
      if (r.stored && next === targetOf(r.stored[kind])) continue;
      if (next === null) {
        erased.ids.push(r.id);
        erased.kinds.push(kind);
      } else {
        set.ids.push(r.id);
        set.targets.push(next);
        set.kinds.push(kind);
      }
    }
  const parts = insertRows(`${name}_set`, orgId, set, true);
  if (erased.ids.length)
    parts.push({
      name: `${name}_erased`,
      query: sql`delete from record_references where ctid = any(array(
        select f.ctid from unnest(${erased.ids}::text[], ${erased.kinds}::text[]) as x(id, kind)
        cross join lateral (
          select f.ctid from record_references f where f.record_id = x.id and f.kind = x.kind offset 0
        ) as f
      ))`,
    });
  return parts;
}

/** Removes the references of records being deleted (found by primary-key probe, removed by ctid). */
export async function deleteReferencesOf(db: Db, recordIds: readonly string[]): Promise<void> {
  if (!recordIds.length) return;
  await sql`delete from record_references where ctid = any(array(
    select f.ctid from unnest(${recordIds}::text[]) as x(id)
    cross join lateral (select f.ctid from record_references f where f.record_id = x.id offset 0) as f
  ))`.execute(db);
}

/** Whether any sheet's records may refer to a record of `target`. */
const referredTo = (target: SheetName) =>
  Object.values(baseCatalog).some((sheet) =>
    sheet.fields.some((f) => f.kind === "reference" && f.refSheet === target),
  );

/**
 * The records referring to each of these records of `target` (customers, sites), by their id: one
 * probe of the table's target index per id (`offset 0` keeps each a probe on PGlite, which has no
 * statistics). Ids are unique across sheets, so the target's id alone finds its referrers.
 */
export async function referrersOf(
  db: Db,
  orgId: string,
  target: SheetName,
  recordIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!recordIds.length || !referredTo(target)) return out;
  const { rows } = await sql<{ target: string; id: string }>`
    select t.id as target, f.record_id as id from unnest(${[...new Set(recordIds)]}::text[]) as t(id)
    cross join lateral (
      select f.record_id, f.org_id from record_references f where f.target_id = t.id offset 0
    ) as f
    where f.org_id = ${orgId}`.execute(db);
  for (const r of rows) (out.get(r.target) ?? out.set(r.target, []).get(r.target)!).push(r.id);
  return out;
}
