import type { RecordValues, Value } from "./fields";
import type { MatchKey } from "./schema-document";

/** Case-folded, accent-free, single-spaced text, so "Café  AB" and "cafe ab" are one name. */
export function foldText(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function part(field: string, v: Value | undefined): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string") return String(v);
  if (field === "phone" || field === "mobile") return v.replace(/[^\d+]/g, "");
  if (field === "email") return v.trim().toLowerCase();
  return foldText(v);
}

/**
 * The value a record has for a match key (one or more fields), normalised so that equal means "the
 * same customer"; null when any part is blank (a blank never matches).
 */
export function matchValue(key: MatchKey, values: Readonly<RecordValues>): string | null {
  if (key.length === 1) return part(key[0]!, values[key[0]!]);
  const parts: string[] = [];
  for (const f of key) {
    const p = part(f, values[f]);
    if (p === null) return null;
    parts.push(p);
  }
  return parts.join("\u001f");
}

export const matchKeyLabel = (key: MatchKey, labelOf: (field: string) => string): string =>
  key.map(labelOf).join(" + ");
