// How Excel interprets a value written through `range.values`/`formulas`: as if the user typed it
// (en-US). The sources of each rule are listed in README.md ("Strict behaviours").
import { fail } from "./errors";
import { parseTypedNumber } from "./typed-number";

export { dateToSerial, DAYS_1904 } from "./typed-number";

export type CellValue = string | number | boolean;

export type CellInput =
  | { kind: "keep" }
  | { kind: "clear" }
  | { kind: "value"; value: CellValue; numberFormat?: string }
  | { kind: "formula"; formula: string };

/** Excel's specifications and limits: characters in a cell, and in a formula. */
export const MAX_CELL_CHARS = 32_767;
export const MAX_FORMULA_CHARS = 8_192;

/**
 * A formula Excel would refuse to enter ("There's a problem with this formula"): unbalanced
 * parentheses or quotes, a trailing operator, or two numbers side by side ("=+44 20 7946 0958").
 */
function isBrokenFormula(formula: string): boolean {
  let depth = 0;
  let inString = false;
  let outside = "";
  for (const ch of formula.slice(1)) {
    if (ch === '"') inString = !inString;
    else if (!inString) {
      if (ch === "(") depth++;
      if (ch === ")" && --depth < 0) return true;
      outside += ch;
    }
  }
  if (inString || depth !== 0) return true;
  return /\d\s+[\d.]/.test(outside) || /[-+*/^&=<>,]\s*$/.test(outside);
}

function formulaInput(formula: string): CellInput {
  if (formula.length > MAX_FORMULA_CHARS)
    fail("InvalidArgument", `A formula is limited to ${MAX_FORMULA_CHARS} characters.`);
  if (isBrokenFormula(formula)) fail("InvalidArgument", `There's a problem with this formula: ${formula}`);
  return { kind: "formula", formula };
}

/**
 * `null`/`undefined` leave the cell as it is; "" clears it; in a text-formatted ("@") cell everything is
 * kept as text; otherwise a leading apostrophe forces text (and is not part of the value), "=" starts
 * a formula, and so do "+" and "-" unless what follows is a number; numbers (with thousands separators,
 * currency, percent), dates, times and TRUE/FALSE become typed values (so "0123" loses its zero).
 */
export function interpretInput(raw: unknown, numberFormat: string, date1904 = false): CellInput {
  if (raw === null || raw === undefined) return { kind: "keep" };
  if (raw === "") return { kind: "clear" };
  const asText = numberFormat === "@";
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "value", value: "#NUM!" };
    return asText ? { kind: "value", value: String(raw) } : { kind: "value", value: raw };
  }
  if (typeof raw === "boolean")
    return asText ? { kind: "value", value: raw ? "TRUE" : "FALSE" } : { kind: "value", value: raw };
  // Office.js sends values as JSON, so a Date arrives as its ISO string (and stays text).
  const text = typeof raw === "string" ? raw : raw instanceof Date ? raw.toISOString() : JSON.stringify(raw);
  if (text.length > MAX_CELL_CHARS)
    fail("InvalidArgument", `A cell holds at most ${MAX_CELL_CHARS} characters (${text.length} given).`);
  if (asText) return { kind: "value", value: text };
  if (text.startsWith("'"))
    return text.length > 1 ? { kind: "value", value: text.slice(1) } : { kind: "clear" };
  if (text.startsWith("=") && text.length > 1) return formulaInput(text);
  const typed = parseTypedNumber(text, date1904);
  if (typed) return { kind: "value", ...typed };
  if ((text.startsWith("+") || text.startsWith("-")) && text.length > 1) return formulaInput(`=${text}`);
  const upper = text.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "value", value: upper === "TRUE" };
  return { kind: "value", value: text };
}
