/**
 * What the grid does with the keyboard and the clipboard, as pure functions over the simulator: where
 * an arrow key or Tab moves the selection, what a pasted block is, and find/replace as Excel's Ctrl+F
 * and Ctrl+H do it on the values of the active sheet.
 */
import Papa from "papaparse";
import { formatAddress, type SimSheet, type SimWorkbook } from "./excel-sim";
import { displayText } from "./sheet-view";

export interface CellPosition {
  row: number;
  col: number;
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  Enter: [1, 0],
  Tab: [0, 1],
};

/** The cell a navigation key moves to (Shift reverses Tab and Enter), or null for other keys. */
export function moveFor(key: string, shift: boolean, from: CellPosition): CellPosition | null {
  const move = MOVES[key];
  if (!move) return null;
  const back = shift && (key === "Tab" || key === "Enter") ? -1 : 1;
  return { row: Math.max(0, from.row + move[0] * back), col: Math.max(0, from.col + move[1] * back) };
}

/**
 * Text copied from a spreadsheet: tab-separated columns, rows on lines, cells with tabs, line breaks
 * or quotes quoted (papaparse reads that dialect); the copy's closing line break makes no row.
 */
export function parsePasted(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/\r?\n$/, ""), { delimiter: "\t" });
  return parsed.data.length === 1 && parsed.data[0]?.length === 1 && parsed.data[0][0] === ""
    ? []
    : parsed.data;
}

/** The sheet-qualified address of a pasted block whose top-left cell is `at`. */
export function pasteAddress(sheet: SimSheet, at: CellPosition, grid: string[][]): string | null {
  const cols = Math.max(0, ...grid.map((row) => row.length));
  if (grid.length === 0 || cols === 0) return null;
  return formatAddress(sheet.name, { row: at.row, col: at.col, rows: grid.length, cols });
}

function cellText(book: SimWorkbook, sheet: SimSheet, row: number, col: number): string {
  return displayText(sheet.value(row, col), sheet.numberFormat(row, col));
}

const matches = (text: string, query: string) => text.toLowerCase().includes(query.toLowerCase());

/** The next cell after `from` (row by row, wrapping) whose shown text contains `query`, any case. */
export function findNext(
  book: SimWorkbook,
  sheet: SimSheet,
  query: string,
  from: CellPosition | null,
): CellPosition | null {
  const used = sheet.usedRect(true);
  if (!query || !used) return null;
  const width = used.col + used.cols;
  const total = (used.row + used.rows) * width;
  const start = from ? from.row * width + from.col : -1;
  for (let step = 1; step <= total; step++) {
    const at = (((start + step) % total) + total) % total;
    const row = Math.floor(at / width);
    const col = at % width;
    if (matches(cellText(book, sheet, row, col), query)) return { row, col };
  }
  return null;
}

/** `text` with every occurrence of `query` (any case) replaced, as Excel's Replace does. */
export function replaceInText(text: string, query: string, replacement: string): string {
  const pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  return text.replace(pattern, () => replacement);
}

/** Replaces in one cell (a user's edit); false when it holds a formula or no match. */
export async function replaceCell(
  book: SimWorkbook,
  sheet: SimSheet,
  at: CellPosition,
  query: string,
  replacement: string,
): Promise<boolean> {
  if (sheet.formulas.get(at.row, at.col) !== undefined) return false;
  const text = cellText(book, sheet, at.row, at.col);
  if (!query || !matches(text, query)) return false;
  const address = formatAddress(sheet.name, { ...at, rows: 1, cols: 1 });
  await book.userEdit(address, replaceInText(text, query, replacement));
  return true;
}

/** Replace all on the sheet's values; returns how many cells changed. */
export async function replaceAll(
  book: SimWorkbook,
  sheet: SimSheet,
  query: string,
  replacement: string,
): Promise<number> {
  const used = sheet.usedRect(true);
  if (!query || !used) return 0;
  let changed = 0;
  for (let row = used.row; row < used.row + used.rows; row++) {
    for (let col = used.col; col < used.col + used.cols; col++) {
      if (await replaceCell(book, sheet, { row, col }, query, replacement)) changed++;
    }
  }
  return changed;
}
