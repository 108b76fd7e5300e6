// Evaluates the custom rules templates use, for display in the workbench: a comparison of one cell
// with a constant (=$X3="Yes", =$X3=TRUE), ISERROR(SEARCH("text","text"&$Y3)), and AND of these.
// A rule in any other form never matches (the workbench shows the cell's own fill).
import { columnIndex, contains, type Rect } from "./address";
import type { SimSheet } from "./sheet";

const REF = String.raw`(\$?)([A-Z]{1,3})(\$?)(\d+)`;
const comparison = new RegExp(String.raw`^${REF}\s*=\s*(?:"([^"]*)"|(TRUE|FALSE|-?\d+(?:\.\d+)?))$`, "i");
const searchMiss = new RegExp(String.raw`^ISERROR\(SEARCH\("([^"]*)"\s*,\s*"([^"]*)"\s*&\s*${REF}\)\)$`, "i");

interface At {
  sheet: SimSheet;
  area: Rect;
  row: number;
  col: number;
}

/** The cell a relative or absolute reference points at from (row, col) of a rule written for the area's first cell. */
function valueAt(at: At, m: RegExpExecArray, first: number) {
  const refCol = columnIndex(m[first + 1] ?? "A") + (m[first] ? 0 : at.col - at.area.col);
  const refRow = Number(m[first + 3]) - 1 + (m[first + 2] ? 0 : at.row - at.area.row);
  return at.sheet.value(refRow, refCol);
}

/** Splits "a,b" at commas outside quotes and parentheses. */
function args(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === ",") {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out;
}

/** true or false for a rule we evaluate, null for one we do not. */
function truth(expr: string, at: At): boolean | null {
  const and = /^AND\((.*)\)$/i.exec(expr);
  if (and) {
    let all = true;
    for (const part of args(and[1] ?? "")) {
      const t = truth(part, at);
      if (t === null) return null;
      all = all && t;
    }
    return all;
  }
  const cmp = comparison.exec(expr);
  if (cmp) {
    const actual = valueAt(at, cmp, 1);
    const expected: string | number | boolean =
      cmp[5] !== undefined
        ? cmp[5]
        : /^(TRUE|FALSE)$/i.test(cmp[6] ?? "")
          ? cmp[6]?.toUpperCase() === "TRUE"
          : Number(cmp[6]);
    return typeof actual === "string" && typeof expected === "string"
      ? actual.toLowerCase() === expected.toLowerCase()
      : actual === expected;
  }
  const search = searchMiss.exec(expr);
  if (search) {
    // SEARCH is case-insensitive and answers #VALUE! when the text is not found (Microsoft, SEARCH function).
    const within = `${search[2] ?? ""}${String(valueAt(at, search, 3) ?? "")}`;
    return !within.toLowerCase().includes((search[1] ?? "").toLowerCase());
  }
  return null;
}

export function conditionalFill(sheet: SimSheet, row: number, col: number): string | null {
  for (const cf of sheet.conditionalFormats) {
    const area = cf.rects.find((r) => contains(r, { row, col, rows: 1, cols: 1 }));
    if (!area || cf.type !== "Custom" || !cf.formula || !cf.fill) continue;
    if (truth(cf.formula.replace(/^=/, "").trim(), { sheet, area, row, col }) === true) return cf.fill;
  }
  return null;
}
