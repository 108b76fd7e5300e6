// Not a formula engine: constants, references to one cell, and a few functions used by templates.
// Anything else evaluates to "#NAME?" so tests can never mistake a formula's text for its value.
import type { CellValue } from "./cell-input";
import { parseArea } from "./address";

export type CellLookup = (sheet: string | undefined, row: number, col: number, depth: number) => CellValue;

export const UNEVALUATED = "#NAME?";
const MAX_DEPTH = 32;

export function evaluateFormula(formula: string, lookup: CellLookup, depth = 0): CellValue {
  if (depth > MAX_DEPTH) return "#REF!";
  const body = formula.slice(1).trim();
  const literal = evaluateLiteral(body);
  if (literal !== undefined) return literal;
  const hyperlink = /^HYPERLINK\(\s*"[^"]*"\s*,\s*"([^"]*)"\s*\)$/i.exec(body);
  if (hyperlink) return hyperlink[1] ?? "";
  try {
    const area = parseArea(body);
    if (area.rect.rows === 1 && area.rect.cols === 1) {
      const v = lookup(area.sheet, area.rect.row, area.rect.col, depth + 1);
      return v === "" ? 0 : v;
    }
  } catch {
    // not a reference: fall through to the placeholder
  }
  return UNEVALUATED;
}

function evaluateLiteral(body: string): CellValue | undefined {
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return Number(body);
  const str = /^"((?:[^"]|"")*)"$/.exec(body);
  if (str) return (str[1] ?? "").replace(/""/g, '"');
  const upper = body.toUpperCase();
  if (upper === "TRUE" || upper === "TRUE()") return true;
  if (upper === "FALSE" || upper === "FALSE()") return false;
  return undefined;
}
