import type { SheetDef } from "../domain";
import { qualifyHeader } from "./header-qualifiers";
import { synonymBase, type SynonymBase } from "./header-synonyms";
import { diceSimilarity, headerTokens, normaliseHeader } from "./normalise-header";

/**
 * How sure a match is: the label or key itself, an alias or a known system's header, the same once
 * qualifiers ("Billing", "Account", "Address 1:") are dropped, or a near spelling (its Dice score).
 */
export const CONFIDENCE = { exact: 1, alias: 0.95, synonym: 0.95, qualified: 0.9 } as const;
/** Below this Dice similarity a header is not taken for a field. */
export const FUZZY_THRESHOLD = 0.8;
/** Near spellings from here up to the threshold are offered as suggestions, never mapped. */
export const SUGGEST_THRESHOLD = 0.6;
/** A near spelling below this, with another field also near, is left for the user to choose. */
const SURE_FUZZY = 0.85;
/** Two fields whose scores differ by less than this are indistinguishable for a header. */
const TIE_MARGIN = 0.03;

/** How a column's field was found (see CONFIDENCE); "content" = from its values (check-content.ts). */
export type MatchSource = "exact" | "alias" | "synonym" | "qualified" | "fuzzy" | "content" | "saved";

export interface ColumnMatch {
  column: number;
  header: string;
  field: string | null;
  confidence: number;
  source?: MatchSource;
  /** Fields the column might be, best first, when it is not mapped with confidence. */
  suggestions?: string[];
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

/** A field's key without a "contact:" style prefix: what the synonym base is keyed by. */
const baseKey = (key: string): string => key.slice(key.indexOf(":") + 1);

function candidatesOf(sheet: SheetDef): Candidate[] {
  return sheet.fields.map((f) => ({
    field: f.key,
    names: [normaliseHeader(f.label), normaliseHeader(baseKey(f.key))],
    aliases: f.aliases.map(normaliseHeader),
  }));
}

interface HeaderMatch {
  field: string | null;
  confidence: number;
  source?: MatchSource;
  tied: string[];
  suggestions: string[];
}
const NONE: HeaderMatch = { field: null, confidence: 0, tied: [], suggestions: [] };

/** Fields whose label, key or aliases are exactly this normalised text, or that the synonym base gives it. */
function exactly(text: string, candidates: readonly Candidate[], base: SynonymBase): HeaderMatch | null {
  const names = candidates.filter((c) => c.names.includes(text));
  if (names.length) return pick(names, CONFIDENCE.exact, "exact");
  const aliases = candidates.filter((c) => c.aliases.includes(text));
  if (aliases.length) return pick(aliases, CONFIDENCE.alias, "alias");
  const known = base.fields.get(text);
  const synonyms = known ? candidates.filter((c) => known.includes(baseKey(c.field))) : [];
  if (synonyms.length) return pick(synonyms, CONFIDENCE.synonym, "synonym");
  return null;
}

function pick(cs: readonly Candidate[], confidence: number, source: MatchSource): HeaderMatch {
  if (cs.length === 1) return { field: cs[0]!.field, confidence, source, tied: [], suggestions: [] };
  const tied = cs.map((c) => c.field);
  return { field: null, confidence, tied, suggestions: tied };
}

/** Fuzzy scores of a normalised text against every candidate, best first, above `floor`. */
function fuzzy(text: string, candidates: readonly Candidate[], floor: number) {
  const scored: { field: string; score: number }[] = [];
  for (const c of candidates) {
    let best = 0;
    for (const n of c.names) best = Math.max(best, diceSimilarity(text, n));
    for (const n of c.aliases) best = Math.max(best, diceSimilarity(text, n) * CONFIDENCE.alias);
    if (best >= floor) scored.push({ field: c.field, score: best });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * The best field for one header: exact names, aliases and known systems' headers first; then the
 * header without its qualifiers; then a near spelling. A header a known system writes for something
 * that is not ours (its record id, a shipping address) is never mapped, only given suggestions.
 */
function matchHeader(
  raw: string,
  sheet: SheetDef,
  candidates: readonly Candidate[],
  base: SynonymBase,
): HeaderMatch {
  const header = normaliseHeader(raw);
  if (header === "") return NONE;
  const exact = exactly(header, candidates, base);
  if (exact) return exact;
  if (header.startsWith("donotmodify")) return NONE;
  const q = qualifyHeader(headerTokens(raw), sheet.name);
  const near = fuzzy(q.core || header, candidates, SUGGEST_THRESHOLD).map((s) => s.field);
  if (base.notOurs.has(header) || q.stop) {
    // "Shipping City" suggests City: the user may still choose it, knowing what it is.
    const rest = q.core ? exactly(q.core, candidates, base) : null;
    const offered = rest?.field ? [rest.field] : near.slice(0, 3);
    return { ...NONE, suggestions: q.stop === "foreignId" ? offered.filter((f) => f !== "crmId") : offered };
  }
  if (q.stripped && q.core) {
    const rest = exactly(q.core, candidates, base);
    if (rest)
      return { ...rest, confidence: Math.min(rest.confidence, CONFIDENCE.qualified), source: "qualified" };
  }
  const scored = fuzzy(header, candidates, FUZZY_THRESHOLD);
  if (scored.length === 0) return { ...NONE, suggestions: near.slice(0, 3) };
  const best = scored[0]!.score;
  // "Customer" is near "Customer number" and near "Customer name": a weak match with a rival is a choice.
  const rivals = fuzzy(header, candidates, SUGGEST_THRESHOLD);
  const top =
    best < SURE_FUZZY && rivals.length > 1
      ? rivals.slice(0, 3)
      : scored.filter((s) => best - s.score < TIE_MARGIN);
  if (top.length > 1)
    return { field: null, confidence: best, tied: top.map((t) => t.field), suggestions: [] };
  return { field: top[0]!.field, confidence: best, source: "fuzzy", tied: [], suggestions: [] };
}

export interface MapHeadersOptions {
  /** The synonym base to use (tests pass their own); the built-in one by default. */
  synonyms?: SynonymBase;
}

/** A header row mapped to the sheet's fields by label, key, aliases and known systems' headers. */
export function mapHeaders(
  headers: readonly unknown[],
  sheet: SheetDef,
  options: MapHeadersOptions = {},
): HeaderMapping {
  const candidates = candidatesOf(sheet);
  const base = options.synonyms ?? synonymBase(sheet.name);
  const matches: ColumnMatch[] = [];
  const unmapped: number[] = [];
  const ambiguous: HeaderMapping["ambiguous"] = [];
  headers.forEach((raw, column) => {
    const header = raw === null || raw === undefined ? "" : String(raw).trim();
    const m = matchHeader(header, sheet, candidates, base);
    const match: ColumnMatch = { column, header, field: m.field, confidence: m.field ? m.confidence : 0 };
    if (m.source && m.field) match.source = m.source;
    if (!m.field && m.suggestions.length) match.suggestions = m.suggestions;
    matches.push(match);
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
    for (const m of ms)
      if (m !== keep)
        Object.assign(m, { field: null, confidence: 0, source: undefined, suggestions: [field] });
    duplicated.push({ field, columns: ms.map((m) => m.column) });
  }
  return duplicated;
}
