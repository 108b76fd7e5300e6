/**
 * The choice an in-file duplicate warning offers (as kpi.com's importer does): import only the first
 * row of each group, merge the group into its first row, or import every row as it is.
 */
import type { MatchKey, RecordValues } from "../domain";
import { matchKeyValue } from "./match-key";

export const duplicateChoices = ["first", "merge", "all"] as const;
export type DuplicateChoice = (typeof duplicateChoices)[number];

export interface DuplicateGroup {
  /** The match key the rows share. */
  key: MatchKey;
  /** 0-based data rows, first occurrence first. */
  rows: number[];
}

/**
 * Rows sharing a match key's value, per key, in first-occurrence order. A row already in a group of
 * an earlier key is grouped again under a later key only with rows not yet grouped with it.
 */
export function duplicateGroups(
  rows: readonly (RecordValues | null)[],
  keys: readonly MatchKey[],
): DuplicateGroup[] {
  const out: DuplicateGroup[] = [];
  const groupOf = new Map<number, DuplicateGroup>();
  for (const key of keys) {
    const byValue = new Map<string, number[]>();
    rows.forEach((values, r) => {
      const v = values ? matchKeyValue(key, values) : null;
      if (v !== null) byValue.set(v, [...(byValue.get(v) ?? []), r]);
    });
    for (const members of byValue.values()) {
      if (members.length < 2) continue;
      const first = groupOf.get(members[0]!);
      if (first && members.every((r) => groupOf.get(r) === first)) continue;
      const group = { key, rows: members };
      out.push(group);
      for (const r of members) if (!groupOf.has(r)) groupOf.set(r, group);
    }
  }
  return out;
}

export interface DuplicateResolution {
  /** Rows with the values to import (a merged first row carries the group's filled values). */
  rows: (RecordValues | null)[];
  /** Rows not to import, with the row they were folded into or left out for. */
  skipped: { row: number; keptRow: number }[];
}

/**
 * The rows after the user's choice: "all" changes nothing; "first" skips every later row of a group;
 * "merge" also fills the first row's blank fields from the later rows, in order.
 */
export function resolveDuplicates(
  rows: readonly (RecordValues | null)[],
  groups: readonly DuplicateGroup[],
  choice: DuplicateChoice,
): DuplicateResolution {
  const out = rows.slice();
  const skipped: DuplicateResolution["skipped"] = [];
  if (choice === "all") return { rows: out, skipped };
  const gone = new Set<number>();
  for (const g of groups) {
    const keptRow = g.rows.find((r) => !gone.has(r));
    if (keptRow === undefined) continue;
    const kept = out[keptRow] ? { ...out[keptRow] } : null;
    for (const r of g.rows) {
      if (r === keptRow || gone.has(r)) continue;
      if (choice === "merge" && kept && out[r])
        for (const [k, v] of Object.entries(out[r]!))
          if (kept[k] === null || kept[k] === undefined) kept[k] = v;
      gone.add(r);
      out[r] = null;
      skipped.push({ row: r, keptRow });
    }
    out[keptRow] = kept;
  }
  return { rows: out, skipped };
}
