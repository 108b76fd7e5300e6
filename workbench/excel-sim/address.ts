// A1 addresses: parsing (sheet-qualified, whole rows/columns, multi-area) and formatting.
import { fail } from "./errors";
import { MAX_COLUMNS, MAX_ROWS } from "./limits";

/** Zero-based, inclusive rectangle. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedArea {
  sheet?: string;
  rect: Rect;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const cellRef = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const colRef = /^\$?([A-Za-z]{1,3})$/;
const rowRef = /^\$?(\d{1,7})$/;

type Point = { row?: number; col?: number };

function parsePoint(text: string): Point {
  const cell = cellRef.exec(text);
  if (cell) return { col: columnIndex(cell[1] ?? ""), row: Number(cell[2]) - 1 };
  const col = colRef.exec(text);
  if (col) return { col: columnIndex(col[1] ?? "") };
  const row = rowRef.exec(text);
  if (row) return { row: Number(row[1]) - 1 };
  return fail("InvalidArgument", `Invalid address: ${text}`);
}

function checkBounds(rect: Rect, text: string): Rect {
  const ok =
    rect.row >= 0 &&
    rect.col >= 0 &&
    rect.rows > 0 &&
    rect.cols > 0 &&
    rect.row + rect.rows <= MAX_ROWS &&
    rect.col + rect.cols <= MAX_COLUMNS;
  return ok ? rect : fail("InvalidArgument", `Address out of the grid: ${text}`);
}

function rectFromPoints(a: Point, b: Point, text: string): Rect {
  const wholeCols = a.row === undefined && b.row === undefined;
  const wholeRows = a.col === undefined && b.col === undefined;
  if (
    !wholeCols &&
    !wholeRows &&
    (a.row === undefined || a.col === undefined || b.row === undefined || b.col === undefined)
  ) {
    fail("InvalidArgument", `Invalid address: ${text}`);
  }
  const r1 = wholeCols ? 0 : Math.min(a.row ?? 0, b.row ?? 0);
  const r2 = wholeCols ? MAX_ROWS - 1 : Math.max(a.row ?? 0, b.row ?? 0);
  const c1 = wholeRows ? 0 : Math.min(a.col ?? 0, b.col ?? 0);
  const c2 = wholeRows ? MAX_COLUMNS - 1 : Math.max(a.col ?? 0, b.col ?? 0);
  return checkBounds({ row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 }, text);
}

function splitSheet(text: string): { sheet?: string; ref: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { ref: text };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: text.slice(bang + 1) };
}

/** One area: "A1", "A1:C3", "A:A", "1:3", "Customers!B5", "'My Sheet'!A1:B2". */
export function parseArea(text: string): ParsedArea {
  const { sheet, ref } = splitSheet(text.trim());
  const [first, second, extra] = ref.split(":");
  if (!first || extra !== undefined) fail("InvalidArgument", `Invalid address: ${text}`);
  const a = parsePoint(first);
  const b = second === undefined ? a : parsePoint(second);
  if (second === undefined && (a.row === undefined || a.col === undefined)) {
    fail("InvalidArgument", `Invalid address: ${text}`);
  }
  return { sheet, rect: rectFromPoints(a, b, text) };
}

/** Comma-separated areas, as worksheet.getRanges accepts: "A1:B2, D4". */
export function parseAreas(text: string): ParsedArea[] {
  const parts = splitOutsideQuotes(text);
  if (parts.length === 0) fail("InvalidArgument", "Empty address");
  return parts.map(parseArea);
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function isWholeColumns(rect: Rect): boolean {
  return rect.row === 0 && rect.rows === MAX_ROWS;
}

export function isWholeRows(rect: Rect): boolean {
  return rect.col === 0 && rect.cols === MAX_COLUMNS;
}

export function formatRect(rect: Rect): string {
  const lastRow = rect.row + rect.rows;
  const lastCol = columnLetters(rect.col + rect.cols - 1);
  if (isWholeColumns(rect) && !isWholeRows(rect)) return `${columnLetters(rect.col)}:${lastCol}`;
  if (isWholeRows(rect)) return `${rect.row + 1}:${lastRow}`;
  const start = `${columnLetters(rect.col)}${rect.row + 1}`;
  return rect.rows === 1 && rect.cols === 1 ? start : `${start}:${lastCol}${lastRow}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatRect(rect)}`;
}

export function cellCount(rect: Rect): number {
  return rect.rows * rect.cols;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  const rows = Math.max(a.row + a.rows, b.row + b.rows) - row;
  const cols = Math.max(a.col + a.cols, b.col + b.cols) - col;
  return { row, col, rows, cols };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row;
  const cols = Math.min(a.col + a.cols, b.col + b.cols) - col;
  return rows > 0 && cols > 0 ? { row, col, rows, cols } : null;
}

/** The parts of `a` outside `b`, as up to four rectangles. */
export function subtract(a: Rect, b: Rect): Rect[] {
  const hit = intersect(a, b);
  if (!hit) return [a];
  const out: Rect[] = [];
  const aEnd = a.row + a.rows;
  const hitEnd = hit.row + hit.rows;
  if (hit.row > a.row) out.push({ row: a.row, col: a.col, rows: hit.row - a.row, cols: a.cols });
  if (hitEnd < aEnd) out.push({ row: hitEnd, col: a.col, rows: aEnd - hitEnd, cols: a.cols });
  if (hit.col > a.col) out.push({ row: hit.row, col: a.col, rows: hit.rows, cols: hit.col - a.col });
  const aColEnd = a.col + a.cols;
  const hitColEnd = hit.col + hit.cols;
  if (hitColEnd < aColEnd)
    out.push({ row: hit.row, col: hitColEnd, rows: hit.rows, cols: aColEnd - hitColEnd });
  return out;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}
