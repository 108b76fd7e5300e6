import type { SheetDef } from "../domain";
import { diceSimilarity, normaliseHeader } from "./normalise-header";

/** How sure a match is: the label or key itself, an alias, or a near spelling. */
export const CONFIDENCE = { exact: 1, alias: 0.95 } as const;
/** Below this Dice similarity a header is not taken for a field. */
export const FUZZY_THRESHOLD = 0.8;
/** Two fields whose scores differ by less than this are indistinguishable for a header. */
const TIE_MARGIN = 0.03;

export interface ColumnMatch {
  column: number;
  header: string;
  field: string | null;
  confidence: number;
}

export interface HeaderMapping {
  /** Field key per column of the grid, null for a column we ignore. */
  columns: (string | null)[];
  matches: ColumnMatch[];
  /** Columns with a header that matched no field. Blank headers are not listed. */
  unmapped: number[];
  /** A field claimed by several columns: the first best one keeps it, the others are set to null. */
  duplicated: { field: string; columns: number[] }[];
  /** Columns that fit two or more fields equally well: left unmapped for the user to choose. */
  ambiguous: { column: number; candidates: string[] }[];
}

interface Candidate {
  field: string;
  names: string[];
  aliases: string[];
}

function candidatesOf(sheet: SheetDef): Candidate[] {
  return sheet.fields.map((f) => ({
    field: f.key,
    names: [normaliseHeader(f.label), normaliseHeader(f.key)],
    aliases: f.aliases.map(normaliseHeader),
  }));
}

function scoreOf(header: string, c: Candidate): number {
  if (c.names.includes(header)) return CONFIDENCE.exact;
  if (c.aliases.includes(header)) return CONFIDENCE.alias;
  let best = 0;
  for (const n of c.names) best = Math.max(best, diceSimilarity(header, n));
  for (const n of c.aliases) best = Math.max(best, diceSimilarity(header, n) * CONFIDENCE.alias);
  return best >= FUZZY_THRESHOLD ? best : 0;
}

/** The best field for one header, or the tied fields when it fits several equally. */
function matchHeader(
  header: string,
  candidates: Candidate[],
): { field: string | null; confidence: number; tied: string[] } {
  if (header === "") return { field: null, confidence: 0, tied: [] };
  let best = 0;
  const scored: { field: string; score: number }[] = [];
  for (const c of candidates) {
    const score = scoreOf(header, c);
    if (score > 0) scored.push({ field: c.field, score });
    if (score > best) best = score;
  }
  const top = scored.filter((s) => best - s.score < TIE_MARGIN);
  if (top.length === 0) return { field: null, confidence: 0, tied: [] };
  if (top.length > 1) return { field: null, confidence: best, tied: top.map((t) => t.field) };
  return { field: top[0]!.field, confidence: best, tied: [] };
}

/** A header row mapped to the sheet's fields by label, key and aliases, exact first, then fuzzy. */
export function mapHeaders(headers: readonly unknown[], sheet: SheetDef): HeaderMapping {
  const candidates = candidatesOf(sheet);
  const matches: ColumnMatch[] = [];
  const unmapped: number[] = [];
  const ambiguous: HeaderMapping["ambiguous"] = [];
  headers.forEach((raw, column) => {
    const header = raw === null || raw === undefined ? "" : String(raw).trim();
    const m = matchHeader(normaliseHeader(header), candidates);
    matches.push({ column, header, field: m.field, confidence: m.field ? m.confidence : 0 });
    if (m.tied.length > 1) ambiguous.push({ column, candidates: m.tied });
    else if (!m.field && header !== "") unmapped.push(column);
  });
  const duplicated = settleDuplicates(matches);
  return { columns: matches.map((m) => m.field), matches, unmapped, duplicated, ambiguous };
}

/** Keeps each field on its most confident column (the first on a tie) and unmaps the others. */
function settleDuplicates(matches: ColumnMatch[]): HeaderMapping["duplicated"] {
  const byField = new Map<string, ColumnMatch[]>();
  for (const m of matches) if (m.field) byField.set(m.field, [...(byField.get(m.field) ?? []), m]);
  const duplicated: HeaderMapping["duplicated"] = [];
  for (const [field, ms] of byField) {
    if (ms.length < 2) continue;
    const keep = ms.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    for (const m of ms) if (m !== keep) Object.assign(m, { field: null, confidence: 0 });
    duplicated.push({ field, columns: ms.map((m) => m.column) });
  }
  return duplicated;
}
