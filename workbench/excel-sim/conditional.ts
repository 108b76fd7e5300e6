// Evaluates the simple custom rules templates use (=$X2="Yes", =$X2=TRUE) for display in the workbench.
import { columnIndex, contains } from "./address";
import type { SimSheet } from "./sheet";

const simpleRule = /^=(\$?)([A-Z]{1,3})(\$?)(\d+)\s*=\s*(?:"([^"]*)"|(TRUE|FALSE|-?\d+(?:\.\d+)?))$/i;

export function conditionalFill(sheet: SimSheet, row: number, col: number): string | null {
  for (const cf of sheet.conditionalFormats) {
    const area = cf.rects.find((r) => contains(r, { row, col, rows: 1, cols: 1 }));
    if (!area || cf.type !== "Custom" || !cf.formula || !cf.fill) continue;
    const m = simpleRule.exec(cf.formula);
    if (!m) continue;
    const refCol = columnIndex(m[2] ?? "A") + (m[1] ? 0 : col - area.col);
    const refRow = Number(m[4]) - 1 + (m[3] ? 0 : row - area.row);
    const actual = sheet.value(refRow, refCol);
    const expected: string | number | boolean =
      m[5] !== undefined
        ? m[5]
        : /^(TRUE|FALSE)$/i.test(m[6] ?? "")
          ? m[6]?.toUpperCase() === "TRUE"
          : Number(m[6]);
    const equal =
      typeof actual === "string" && typeof expected === "string"
        ? actual.toLowerCase() === expected.toLowerCase()
        : actual === expected;
    if (equal) return cf.fill;
  }
  return null;
}
