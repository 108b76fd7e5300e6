// Sparse cell storage: one Map<row, column array> per property, plus whole-row/column formats.
import { isWholeColumns, isWholeRows, type Rect } from "./address";

export type FormatProp =
  | "numberFormat"
  | "fill"
  | "pattern"
  | "patternColor"
  | "fontColor"
  | "bold"
  | "italic"
  | "wrapText"
  | "hAlign";
export type FormatValue = string | boolean | null;

export const formatDefaults: Record<FormatProp, FormatValue> = {
  numberFormat: "General",
  fill: null,
  // null: Solid when the cell has a fill, None when it has not (what Excel reports).
  pattern: null,
  patternColor: null,
  fontColor: "#000000",
  bold: false,
  italic: false,
  wrapText: false,
  hAlign: "General",
};

export const formatProps = Object.keys(formatDefaults) as FormatProp[];

export class Layer<T> {
  readonly rows = new Map<number, (T | undefined)[]>();

  get(row: number, col: number): T | undefined {
    return this.rows.get(row)?.[col];
  }

  set(row: number, col: number, value: T | undefined): void {
    let line = this.rows.get(row);
    if (!line) {
      if (value === undefined) return;
      line = [];
      this.rows.set(row, line);
    }
    line[col] = value;
  }

  /** Removes every entry inside rect, visiting only stored rows. */
  clear(rect: Rect): void {
    const lastRow = rect.row + rect.rows;
    const lastCol = rect.col + rect.cols;
    for (const [row, line] of this.rows) {
      if (row < rect.row || row >= lastRow) continue;
      const end = Math.min(lastCol, line.length);
      for (let c = rect.col; c < end; c++) line[c] = undefined;
    }
  }
}

type Stamped = { value: FormatValue; seq: number };
/** A format set on a tall part of one column (rows from..to inclusive), stored once. */
type Band = Stamped & { from: number; to: number };

/** Rectangles at least this tall are stored as column bands, not cell by cell. */
const BAND_ROWS = 1_024;

/** Formats: per cell, else the most recent of the cell's row format and column format, else default. */
export class FormatStore {
  private readonly cells = new Map<FormatProp, Layer<FormatValue>>();
  private readonly byRow = new Map<FormatProp, Map<number, Stamped>>();
  private readonly byCol = new Map<FormatProp, Map<number, Stamped>>();
  private readonly bands = new Map<FormatProp, Map<number, Band[]>>();
  private seq = 0;

  private layer(prop: FormatProp): Layer<FormatValue> {
    let layer = this.cells.get(prop);
    if (!layer) this.cells.set(prop, (layer = new Layer<FormatValue>()));
    return layer;
  }

  private lines(kind: "row" | "col", prop: FormatProp): Map<number, Stamped> {
    const all = kind === "row" ? this.byRow : this.byCol;
    let map = all.get(prop);
    if (!map) all.set(prop, (map = new Map()));
    return map;
  }

  get(prop: FormatProp, row: number, col: number): FormatValue {
    const own = this.cells.get(prop)?.get(row, col);
    if (own !== undefined) return own;
    const r = this.byRow.get(prop)?.get(row);
    const c = this.byCol.get(prop)?.get(col);
    let line = r && c ? (r.seq > c.seq ? r : c) : (r ?? c);
    const bands = this.bands.get(prop)?.get(col);
    if (bands) {
      for (const b of bands) if (row >= b.from && row <= b.to && (!line || b.seq > line.seq)) line = b;
    }
    return line ? line.value : formatDefaults[prop];
  }

  private band(prop: FormatProp, rect: Rect, value: FormatValue): void {
    let byCol = this.bands.get(prop);
    if (!byCol) this.bands.set(prop, (byCol = new Map()));
    const seq = ++this.seq;
    const from = rect.row;
    const to = rect.row + rect.rows - 1;
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      // A band hidden entirely by the new one is dropped, so rewriting a template does not pile them up.
      const kept = (byCol.get(c) ?? []).filter((b) => b.from < from || b.to > to);
      kept.push({ value, seq, from, to });
      byCol.set(c, kept);
    }
  }

  /** Sets one value on all of rect; whole rows/columns are stored once per line. */
  fill(prop: FormatProp, rect: Rect, value: FormatValue): void {
    const layer = this.layer(prop);
    if (isWholeColumns(rect) || isWholeRows(rect)) {
      layer.clear(rect);
      const byCols = isWholeColumns(rect);
      const map = this.lines(byCols ? "col" : "row", prop);
      const start = byCols ? rect.col : rect.row;
      const count = byCols ? rect.cols : rect.rows;
      const seq = ++this.seq;
      for (let i = start; i < start + count; i++) map.set(i, { value, seq });
      if (byCols) for (let i = start; i < start + count; i++) this.bands.get(prop)?.delete(i);
      return;
    }
    if (rect.rows >= BAND_ROWS) {
      layer.clear(rect);
      this.band(prop, rect, value);
      return;
    }
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) layer.set(r, c, value);
    }
  }

  setCell(prop: FormatProp, row: number, col: number, value: FormatValue): void {
    this.layer(prop).set(row, col, value);
  }

  /** Back to the default look; a cell inside a formatted row or column gets the default explicitly. */
  reset(prop: FormatProp, rect: Rect): void {
    const lines =
      (this.byRow.get(prop)?.size ?? 0) +
      (this.byCol.get(prop)?.size ?? 0) +
      (this.bands.get(prop)?.size ?? 0);
    if (isWholeColumns(rect) || isWholeRows(rect) || lines === 0) {
      this.layer(prop).clear(rect);
      if (isWholeColumns(rect))
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          this.byCol.get(prop)?.delete(c);
          this.bands.get(prop)?.delete(c);
        }
      if (isWholeRows(rect))
        for (let r = rect.row; r < rect.row + rect.rows; r++) this.byRow.get(prop)?.delete(r);
      return;
    }
    this.fill(prop, rect, formatDefaults[prop]);
  }

  /**
   * Cells with a cell-level format other than the default, for the (non values-only) used range.
   * Formats of whole lines and of tall bands are left out (only values-only used ranges are asked).
   */
  *formattedCells(): Generator<[number, number]> {
    for (const [prop, layer] of this.cells) {
      for (const [row, line] of layer.rows) {
        for (let c = 0; c < line.length; c++) {
          const v = line[c];
          if (v !== undefined && v !== formatDefaults[prop]) yield [row, c];
        }
      }
    }
  }
}
