// One worksheet's state. Ranges read and write it through these methods only.
import { intersect, subtract, type Rect } from "./address";
import { interpretInput, type CellValue } from "./cell-input";
import { fail } from "./errors";
import { evaluateFormula } from "./formula";
import { FormatStore, Layer, formatProps } from "./grid";
import { ValidationStore, type ValidationEntry } from "./validation-store";

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export type { ValidationEntry } from "./validation-store";

export interface ConditionalFormatEntry {
  id: string;
  rects: Rect[];
  type: string;
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
}

export interface NoteEntry {
  content: string;
  authorName: string;
}

export type Lookup = (sheet: string | undefined, row: number, col: number, depth: number) => CellValue;

export class SimSheet {
  readonly values = new Layer<CellValue>();
  readonly formulas = new Layer<string>();
  readonly formats = new FormatStore();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  readonly validationStore = new ValidationStore();
  readonly conditionalFormats: ConditionalFormatEntry[] = [];
  readonly customProperties = new Map<string, { key: string; value: string }>();
  readonly notes = new Map<string, NoteEntry>();
  freeze = { rows: 0, columns: 0 };
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  tabColor = "";
  deleted = false;

  constructor(
    public name: string,
    readonly id: string,
    private readonly lookup: Lookup,
    /** Whether the workbook uses the 1904 date system (typed dates become its serials). */
    private readonly date1904: () => boolean = () => false,
  ) {}

  value(row: number, col: number, depth = 0): CellValue {
    const formula = this.formulas.get(row, col);
    if (formula !== undefined) {
      return evaluateFormula(
        formula,
        (sheet, r, c, d) => (sheet ? this.lookup(sheet, r, c, d) : this.value(r, c, d)),
        depth,
      );
    }
    return this.values.get(row, col) ?? "";
  }

  formula(row: number, col: number): CellValue {
    return this.formulas.get(row, col) ?? this.values.get(row, col) ?? "";
  }

  numberFormat(row: number, col: number): string {
    return String(this.formats.get("numberFormat", row, col));
  }

  /** Applies one written value as Excel would; returns false when the cell was left unchanged. */
  write(row: number, col: number, raw: unknown): boolean {
    const input = interpretInput(raw, this.numberFormat(row, col), this.date1904());
    switch (input.kind) {
      case "keep":
        return false;
      case "clear":
        this.values.set(row, col, undefined);
        this.formulas.set(row, col, undefined);
        return true;
      case "formula":
        this.values.set(row, col, undefined);
        this.formulas.set(row, col, input.formula);
        return true;
      case "value":
        this.formulas.set(row, col, undefined);
        this.values.set(row, col, input.value);
        if (input.numberFormat && this.numberFormat(row, col) === "General") {
          this.formats.setCell("numberFormat", row, col, input.numberFormat);
        }
        return true;
    }
  }

  clearContents(rect: Rect): void {
    this.values.clear(rect);
    this.formulas.clear(rect);
  }

  clearFormats(rect: Rect): void {
    for (const prop of formatProps) this.formats.reset(prop, rect);
    for (const cf of this.conditionalFormats) cf.rects = cf.rects.flatMap((r) => subtract(r, rect));
    this.conditionalFormats.splice(
      0,
      this.conditionalFormats.length,
      ...this.conditionalFormats.filter((cf) => cf.rects.length > 0),
    );
  }

  /** Smallest rectangle holding every non-empty cell (and, unless valuesOnly, every formatted cell). */
  usedRect(valuesOnly: boolean): Rect | null {
    const b = { top: Infinity, left: Infinity, bottom: -1, right: -1 };
    const take = (row: number, col: number) => {
      if (row < b.top) b.top = row;
      if (row > b.bottom) b.bottom = row;
      if (col < b.left) b.left = col;
      if (col > b.right) b.right = col;
    };
    for (const layer of [this.values, this.formulas] as Layer<unknown>[]) {
      for (const [row, line] of layer.rows) {
        let first = -1;
        let last = -1;
        for (let c = 0; c < line.length; c++) {
          if (line[c] === undefined) continue;
          if (first < 0) first = c;
          last = c;
        }
        if (first >= 0) {
          take(row, first);
          take(row, last);
        }
      }
    }
    if (!valuesOnly) {
      for (const [row, col] of this.formats.formattedCells()) take(row, col);
      for (const key of this.notes.keys()) take(...noteCell(key));
    }
    if (b.bottom < 0) return null;
    return { row: b.top, col: b.left, rows: b.bottom - b.top + 1, cols: b.right - b.left + 1 };
  }

  /** Every validation entry (one per column for rules up to 64 columns wide). */
  get validations(): ValidationEntry[] {
    return this.validationStore.all();
  }

  /** The validations touching rect, with how much of rect each one covers. */
  validationsIn(rect: Rect): { entry: ValidationEntry; covered: number }[] {
    return this.validationStore.touching(rect).flatMap((entry) => {
      const hit = intersect(entry.rect, rect);
      return hit ? [{ entry, covered: hit.rows * hit.cols }] : [];
    });
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(row: number): number {
    return this.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  rename(name: string): void {
    const problem = sheetNameProblem(name);
    if (problem) fail("InvalidArgument", `Invalid sheet name '${name}': ${problem}`);
    this.name = name;
  }
}

export function noteKey(row: number, col: number): string {
  return `${row},${col}`;
}

export function noteCell(key: string): [number, number] {
  const [row, col] = key.split(",").map(Number);
  return [row ?? 0, col ?? 0];
}

/**
 * Why Excel refuses a sheet name (Microsoft, "Rename a worksheet"): blank, over 31 characters, one of
 * / \\ ? * : [ ], an apostrophe at either end, or the name "History" Excel reserves.
 */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "a sheet name cannot be blank";
  if (name.length > 31) return "a sheet name has at most 31 characters";
  if (/[\\/?*[\]:]/.test(name)) return "a sheet name cannot contain / \\ ? * : [ ]";
  if (name.startsWith("'") || name.endsWith("'"))
    return "a sheet name cannot begin or end with an apostrophe";
  if (name.toLowerCase() === "history") return "History is a name Excel reserves";
  return null;
}
