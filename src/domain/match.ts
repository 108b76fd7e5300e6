import type { RecordValues, Value } from "./fields";
import type { MatchKey, MatchMode } from "./schema-document";

/** Case-folded, accent-free, single-spaced text, so "Café  AB" and "cafe ab" are one name. */
export function foldText(s: string): string {
  if (isPlainText(s)) return s.toLowerCase();
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Printable ASCII with single inner spaces and none at the ends: foldText would only lower-case it. */
function isPlainText(s: string): boolean {
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32) return false;
    const space = c === 32;
    if (space && prevSpace) return false;
    prevSpace = space;
  }
  return !prevSpace;
}

/** Digits and + only (a parsed phone is E.164): nothing for the phone part to strip. */
function isDialString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 43) return false;
  }
  return true;
}

/** Printable ASCII without capitals, not starting or ending with a space: trim + toLowerCase leave it. */
function isFoldedEmail(s: string): boolean {
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

function part(field: string, v: Value | undefined): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v !== "string") return String(v);
  if (field === "phone" || field === "mobile") return isDialString(v) ? v : v.replace(/[^\d+]/g, "");
  if (field === "email") return isFoldedEmail(v) ? v : v.trim().toLowerCase();
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

/**
 * The keys a row is matched on: the ticked keys themselves when any one of them is a match, or one
 * key of all their fields (first mention first) when they must all match together.
 */
export function effectiveMatchKeys(keys: readonly MatchKey[], mode: MatchMode): MatchKey[] {
  if (mode === "any" || keys.length <= 1) return keys.map((k) => [...k]);
  const fields: string[] = [];
  for (const key of keys) for (const f of key) if (!fields.includes(f)) fields.push(f);
  return [fields];
}
