// Host-side range operations shared by Range and RangeAreas: grids in and out, uniform formats.
import { cellCount, formatAddress, isWholeColumns, isWholeRows, type Rect } from "./address";
import type { CellValue } from "./cell-input";
import type { Execution } from "./context";
import { fail } from "./errors";
import type { FormatProp, FormatValue } from "./grid";
import type { Steps } from "./host";
import { MAX_CELLS_PER_READ } from "./limits";
import type { SimSheet } from "./sheet";

export interface RangeTarget {
  sheet: SimSheet;
  rect: Rect;
}
export interface AreasTarget {
  sheet: SimSheet;
  rects: Rect[];
}

export type GridKind = "values" | "formulas" | "numberFormat" | "text";

const shapeMessage =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

/** A scalar is applied to every cell; an array must have exactly the range's shape. */
function cellSource(data: unknown, rect: Rect): (r: number, c: number) => unknown {
  if (!Array.isArray(data)) return () => data;
  if (data.length !== rect.rows) fail("InvalidArgument", shapeMessage);
  for (const row of data)
    if (!Array.isArray(row) || row.length !== rect.cols) fail("InvalidArgument", shapeMessage);
  const grid = data as unknown[][];
  return (r, c) => grid[r]?.[c];
}

/** Entire columns or rows ("A:A", "2:2", or a whole sheet): Excel's unbounded ranges. */
export const isUnbounded = (rect: Rect): boolean => isWholeColumns(rect) || isWholeRows(rect);

/**
 * "You can't set cell-level properties like values, numberFormat, or formula on an unbounded range"
 * (Microsoft, "Read or write to an unbounded range"), not even as a 1x1 array, which the page's own
 * example shows failing.
 */
export function refuseUnbounded(rect: Rect, property: string): void {
  if (isUnbounded(rect)) {
    fail(
      "InvalidArgument",
      `Cell-level property '${property}' cannot be set on an unbounded range (entire columns or rows).`,
    );
  }
}

/** Cells written or read between two points where the host may pause. */
const STEP_CELLS = 5_000;

/**
 * Values or formulas written as if typed, a few thousand cells per step. A grid of the wrong shape
 * fails before any cell is written.
 */
export function* writeContents(
  exec: Execution,
  target: RangeTarget,
  data: unknown,
  property: "values" | "formulas" = "values",
): Steps {
  const { sheet, rect } = target;
  refuseUnbounded(rect, property);
  const source = cellSource(data, rect);
  let changed = false;
  let cells = 0;
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      if (sheet.write(rect.row + r, rect.col + c, source(r, c))) changed = true;
    }
    cells += rect.cols;
    if (cells >= STEP_CELLS && r < rect.rows - 1) {
      cells = 0;
      yield;
    }
  }
  if (changed) exec.changes.push({ sheet, rect, triggerSource: "ThisLocalAddin" });
}

export function writeNumberFormat(target: RangeTarget, data: unknown): void {
  const { sheet, rect } = target;
  refuseUnbounded(rect, "numberFormat");
  if (!Array.isArray(data)) {
    if (typeof data !== "string") fail("InvalidArgument");
    sheet.formats.fill("numberFormat", rect, data);
    return;
  }
  const source = cellSource(data, rect);
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      const v = source(r, c);
      if (v !== null && v !== undefined)
        sheet.formats.setCell("numberFormat", rect.row + r, rect.col + c, String(v));
    }
  }
}

function checkReadSize(rect: Rect): void {
  if (cellCount(rect) > MAX_CELLS_PER_READ) {
    fail(
      "ResponsePayloadSizeLimitExceeded",
      `A read of ${cellCount(rect)} cells exceeds the limit of 5,000,000 cells.`,
    );
  }
}

function cellReader(sheet: SimSheet, kind: GridKind): (row: number, col: number) => CellValue {
  switch (kind) {
    case "values":
      return (r, c) => sheet.value(r, c);
    case "formulas":
      return (r, c) => sheet.formula(r, c);
    case "numberFormat":
      return (r, c) => sheet.numberFormat(r, c);
    case "text":
      return (r, c) => displayText(sheet.value(r, c));
  }
}

function displayText(value: CellValue): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export function readGrid(target: RangeTarget, kind: GridKind): CellValue[][] | null {
  const steps = readGridSteps(target, kind);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** A grid read a few thousand cells per step, so the host can pause in a large block. */
export function* readGridSteps(target: RangeTarget, kind: GridKind): Steps<CellValue[][] | null> {
  const { sheet, rect } = target;
  // "The response returns null for cell-level properties" of an unbounded range (same page).
  if (isUnbounded(rect)) return null;
  checkReadSize(rect);
  const noFormulas = sheet.formulas.rows.size === 0;
  const read = cellReader(sheet, kind);
  const out: CellValue[][] = new Array<CellValue[]>(rect.rows);
  let count = 0;
  for (let r = 0; r < rect.rows; r++) {
    const row = rect.row + r;
    const line = kind === "values" && noFormulas ? sheet.values.rows.get(row) : undefined;
    const cells = new Array<CellValue>(rect.cols);
    if (line) {
      for (let c = 0; c < rect.cols; c++) cells[c] = line[rect.col + c] ?? "";
    } else {
      for (let c = 0; c < rect.cols; c++) cells[c] = read(row, rect.col + c);
    }
    out[r] = cells;
    count += rect.cols;
    if (count >= STEP_CELLS && r < rect.rows - 1) {
      count = 0;
      yield;
    }
  }
  return out;
}

/** The common value over all cells, or null when they differ (as Excel reports mixed formats). */
export function readUniform(
  areas: AreasTarget,
  read: (row: number, col: number) => FormatValue,
): FormatValue {
  let first: FormatValue | undefined;
  for (const rect of areas.rects) {
    checkReadSize(rect);
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const v = read(r, c);
        if (first === undefined) first = v;
        else if (v !== first) return null;
      }
    }
  }
  return first ?? null;
}

export function fillFormat(areas: AreasTarget, prop: FormatProp, value: FormatValue): void {
  for (const rect of areas.rects) areas.sheet.formats.fill(prop, rect, value);
}

export function addressOf(areas: AreasTarget): string {
  return areas.rects.map((r) => formatAddress(areas.sheet.name, r)).join(",");
}

/** true when every line is in the set, false when none is, null when mixed. */
export function lineState(set: Set<number>, start: number, count: number): boolean | null {
  let hidden = 0;
  for (let i = start; i < start + count; i++) if (set.has(i)) hidden++;
  return hidden === count ? true : hidden === 0 ? false : null;
}
