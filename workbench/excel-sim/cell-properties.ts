// Range.setCellProperties / getCellProperties (ExcelApi 1.9): per-cell formats in one call.
import { formatAddress, type Rect } from "./address";
import { normalizeColor } from "./colors";
import { fail } from "./errors";
import type { FormatProp, FormatValue } from "./grid";
import { MAX_CELLS_PER_READ } from "./limits";
import { patternAt } from "./range-format";
import type { RangeTarget } from "./ops";
import type { SimSheet } from "./sheet";

export interface CellPropertiesInput {
  format?: {
    fill?: { color?: string };
    font?: { color?: string; bold?: boolean; italic?: boolean };
    wrapText?: boolean;
    horizontalAlignment?: string;
  };
}

function formatPatch(input: CellPropertiesInput | null | undefined): [FormatProp, FormatValue][] {
  const f = input?.format;
  if (!f) return [];
  const out: [FormatProp, FormatValue][] = [];
  if (f.fill?.color !== undefined) out.push(["fill", normalizeColor(f.fill.color)]);
  if (f.font?.color !== undefined) out.push(["fontColor", normalizeColor(f.font.color)]);
  if (f.font?.bold !== undefined) out.push(["bold", f.font.bold]);
  if (f.font?.italic !== undefined) out.push(["italic", f.font.italic]);
  if (f.wrapText !== undefined) out.push(["wrapText", f.wrapText]);
  if (f.horizontalAlignment !== undefined) out.push(["hAlign", f.horizontalAlignment]);
  return out;
}

export function applyCellProperties(target: RangeTarget, data: CellPropertiesInput[][]): void {
  const { sheet, rect } = target;
  const shapeOk =
    data.length === rect.rows && data.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!shapeOk) fail("InvalidArgument", "The cell properties array doesn't match the size of the range.");
  data.forEach((row, r) =>
    row.forEach((cell, c) => {
      for (const [prop, value] of formatPatch(cell))
        sheet.formats.setCell(prop, rect.row + r, rect.col + c, value);
    }),
  );
}

type Wanted = Record<string, unknown>;

function want(options: Wanted, ...path: string[]): boolean {
  let node: unknown = options;
  for (const key of path) {
    if (node === true) return true;
    if (!node || typeof node !== "object") return false;
    node = (node as Wanted)[key];
  }
  return node === true || (typeof node === "object" && node !== null);
}

function cellFormat(sheet: SimSheet, row: number, col: number, options: Wanted): Wanted {
  const f = sheet.formats;
  const format: Wanted = {};
  if (want(options, "format", "fill")) {
    const fill = f.get("fill", row, col);
    format.fill = { color: fill ?? "#FFFFFF", pattern: patternAt(f, row, col) };
  }
  if (want(options, "format", "font")) {
    format.font = {
      color: f.get("fontColor", row, col),
      bold: f.get("bold", row, col),
      italic: f.get("italic", row, col),
    };
  }
  if (want(options, "format", "wrapText")) format.wrapText = f.get("wrapText", row, col);
  if (want(options, "format", "horizontalAlignment")) format.horizontalAlignment = f.get("hAlign", row, col);
  return format;
}

export function readCellProperties(target: RangeTarget, options: Wanted): Wanted[][] {
  const { sheet, rect } = target;
  if (rect.rows * rect.cols > MAX_CELLS_PER_READ) fail("ResponsePayloadSizeLimitExceeded");
  const rows: Wanted[][] = [];
  for (let r = rect.row; r < rect.row + rect.rows; r++) {
    const line: Wanted[] = [];
    for (let c = rect.col; c < rect.col + rect.cols; c++) line.push(cellEntry(sheet, r, c, options));
    rows.push(line);
  }
  return rows;
}

function cellEntry(sheet: SimSheet, row: number, col: number, options: Wanted): Wanted {
  const entry: Wanted = {};
  const cell: Rect = { row, col, rows: 1, cols: 1 };
  if (want(options, "address")) entry.address = formatAddress(sheet.name, cell);
  if (want(options, "format")) entry.format = cellFormat(sheet, row, col, options);
  return entry;
}
