/**
 * The user's value choices applied as the sheet is read: a file's own word for a picklist option
 * ("Direct customer" -> "Retail") replaced by the option before the row is checked, the cell itself
 * left as the user wrote it. And the distinct values of a column that none of a field's options
 * take, for the Map step to ask about.
 */
import type { FieldDef } from "../domain";
import { cleanCellText, parseCell } from "../import";
import type { ValueMaps } from "./sheet-mapping";

const textOf = (v: unknown): string =>
  typeof v === "string" ? cleanCellText(v) : v == null ? "" : String(v);

/** The rows with each mapped column's values replaced through its field's value map (copies only changed rows). */
export function withValueMaps<R extends readonly unknown[]>(
  rows: readonly R[],
  columns: readonly (string | null)[],
  maps: ValueMaps,
): readonly (R | unknown[])[] {
  const active = columns.flatMap((f, col) => {
    const map = f ? maps[f] : undefined;
    return map && Object.keys(map).length ? [{ col, map: new Map(Object.entries(map)) }] : [];
  });
  if (active.length === 0) return rows;
  return rows.map((row) => {
    let copy: unknown[] | null = null;
    for (const { col, map } of active) {
      const to = map.get(textOf(row[col]));
      if (to === undefined) continue;
      copy ??= [...row];
      copy[col] = to;
    }
    return copy ?? row;
  });
}

/** At most this many distinct values are offered for mapping: past it the column is free text. */
export const MAX_DISTINCT_VALUES = 50;

/**
 * A picklist column's distinct values that the field does not take as they are (after the usual
 * reading: case, country names, ...), in order of first appearance. Empty for other kinds.
 */
export function unmatchedValues(
  values: readonly unknown[],
  field: FieldDef,
  picklists: Readonly<Record<string, readonly string[]>>,
): string[] {
  if (field.kind !== "picklist") return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = textOf(v);
    if (t === "" || seen.has(t)) continue;
    seen.add(t);
    if (parseCell(t, field, { dateOrder: null, country: null, picklists }).issue) out.push(t);
    if (seen.size > MAX_DISTINCT_VALUES * 4) break;
  }
  return out.slice(0, MAX_DISTINCT_VALUES);
}

/** The options a picklist field takes (its own, the organisation's list, or country codes). */
export { optionsOf } from "../domain";
