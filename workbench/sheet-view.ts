/** What the grid shows of a simulated sheet: pure reads of the simulator's state, no DOM. */
import { z } from "zod";
import { columnLetters, formatAddress, parseArea, type SimSheet, type SimWorkbook } from "./excel-sim";

export const PAGE_ROWS = 200;
const MIN_ROWS = 30;
const MIN_COLS = 12;

export interface CellView {
  /** Sheet-qualified A1 address, e.g. "Customers!B5" (quoted when the sheet name needs it). */
  address: string;
  text: string;
  /** "#RRGGBB" or "" when the cell has no fill. */
  fill: string;
  /** Excel.FillPattern drawn over the fill ("Solid" or "None" when plain) and its colour. */
  pattern: string;
  patternColor: string;
  fontColor: string;
  bold: boolean;
  note: string;
  /** The choices of a list data validation, or undefined when the cell has none. */
  options: string[] | undefined;
}

export interface SheetWindow {
  firstRow: number;
  rows: number;
  cols: number;
  totalRows: number;
}

/** The rows and columns to draw: the used range plus a margin, at most PAGE_ROWS rows from firstRow. */
export function sheetWindow(sheet: SimSheet, firstRow: number): SheetWindow {
  const used = sheet.usedRect(false);
  const totalRows = Math.max(MIN_ROWS, used ? used.row + used.rows + 5 : 0);
  const cols = Math.max(MIN_COLS, used ? used.col + used.cols + 2 : 0);
  const start = Math.max(0, Math.min(firstRow, totalRows - 1));
  return { firstRow: start, rows: Math.min(PAGE_ROWS, totalRows - start), cols, totalRows };
}

/** The first row of the page to show so that `row` is on it: the current page when it already is. */
export function pageStartFor(row: number, currentFirstRow: number): number {
  if (row >= currentFirstRow && row < currentFirstRow + PAGE_ROWS) return currentFirstRow;
  return Math.floor(row / PAGE_ROWS) * PAGE_ROWS;
}

export function cellAddress(sheet: SimSheet, row: number, col: number): string {
  return formatAddress(sheet.name, { row, col, rows: 1, cols: 1 });
}

export function columnLabel(col: number): string {
  return columnLetters(col);
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Cell text as a person would read it: dates for date formats, TRUE/FALSE, numbers as they are. */
export function displayText(value: unknown, numberFormat: string): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number" && /[dy]/i.test(numberFormat) && !/^@$/.test(numberFormat)) {
    return new Date(EXCEL_EPOCH_MS + Math.round(value * DAY_MS)).toISOString().slice(0, 10);
  }
  return String(value);
}

const ListRule = z.object({ list: z.object({ source: z.union([z.string(), z.array(z.string())]) }) });

/** The options of a list validation: inline "a,b,c", a range ("=Lists!$A$1:$A$9") or a defined name. */
export function listOptions(
  book: SimWorkbook,
  sheet: SimSheet,
  row: number,
  col: number,
): string[] | undefined {
  const entry = sheet.validationsIn({ row, col, rows: 1, cols: 1 })[0]?.entry;
  const rule = ListRule.safeParse(entry?.rule);
  if (!rule.success) return undefined;
  const source = rule.data.list.source;
  if (Array.isArray(source)) return source;
  if (!source.startsWith("=")) return source.split(",").map((option) => option.trim());
  const reference = book.names.get(source.slice(1))?.formula ?? source;
  try {
    const area = parseArea(reference.replace(/^=/, "").replaceAll("$", ""));
    const address = formatAddress(area.sheet ?? sheet.name, area.rect);
    return book
      .values(address)
      .flat()
      .map((v) => String(v))
      .filter((v) => v !== "");
  } catch {
    return [];
  }
}

const patternOf = (p: { pattern: string; patternColor: string | null }) => ({
  pattern: p.pattern,
  patternColor: (p.patternColor ?? "#000000").toUpperCase(),
});

/**
 * The CSS background of a cell: its fill, with the patterns the add-in uses drawn over it (thin
 * rising diagonals for LightUp, sparse dots for Gray8); other patterns show as their fill.
 */
export function cellBackground(
  cell: Pick<CellView, "fill" | "pattern" | "patternColor">,
): string | undefined {
  const base = cell.fill || undefined;
  if (!base) return undefined;
  if (cell.pattern === "LightUp")
    return `repeating-linear-gradient(135deg, ${cell.patternColor} 0 1px, transparent 1px 5px), ${base}`;
  if (cell.pattern === "Gray8")
    return `radial-gradient(${cell.patternColor} 0.8px, transparent 1px) 0 0 / 4px 4px, ${base}`;
  return base;
}

export function cellView(book: SimWorkbook, sheet: SimSheet, row: number, col: number): CellView {
  const address = cellAddress(sheet, row, col);
  const cell = book.cell(address);
  return {
    address,
    text: displayText(cell.value, cell.numberFormat),
    fill: (book.displayFill(address) ?? "").toUpperCase(),
    ...patternOf(book.displayPattern(address)),
    fontColor: cell.fontColor,
    bold: cell.bold,
    // Where notes are not supported (ExcelApi < 1.18) the add-in puts a cell's message in its input
    // prompt, which Excel shows when the cell is selected: the grid shows either one the same way.
    note: cell.note ?? cell.prompt?.message ?? "",
    options: listOptions(book, sheet, row, col),
  };
}

export function visibleSheets(book: SimWorkbook): SimSheet[] {
  return book.sheets.filter((sheet) => sheet.visibility === "Visible");
}
