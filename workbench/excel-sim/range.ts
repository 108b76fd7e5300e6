// Excel.Range: a rectangle of one sheet; every property write and method call is queued until sync().
import { boundingRect, formatAddress, intersect, parseArea, type Rect } from "./address";
import type { SimContext } from "./context";
import { fail } from "./errors";
import { MAX_COLUMNS, MAX_ROWS } from "./limits";
import {
  lineState,
  readGrid,
  readGridSteps,
  writeContents,
  writeNumberFormat,
  type AreasTarget,
  type RangeTarget,
} from "./ops";
import { Ref, SimProxy, Stepped, queueResult, type SimClientResult } from "./proxy";
import { SimConditionalFormatCollection } from "./range-conditional";
import { SimRangeFormat } from "./range-format";
import { SimDataValidation } from "./range-validation";
import { applyCellProperties, readCellProperties, type CellPropertiesInput } from "./cell-properties";
import { clearRange, type ClearMode } from "./clear";
import { SimWorksheet } from "./worksheet";

function checkedRect(rect: Rect): Rect {
  const ok = rect.row >= 0 && rect.col >= 0 && rect.rows > 0 && rect.cols > 0;
  const inside = rect.row + rect.rows <= MAX_ROWS && rect.col + rect.cols <= MAX_COLUMNS;
  return ok && inside ? rect : fail("InvalidArgument", "The range is outside the worksheet.");
}

function valueType(value: unknown): string {
  if (value === "") return "Empty";
  if (typeof value === "number") return "Double";
  if (typeof value === "boolean") return "Boolean";
  return typeof value === "string" &&
    /^#(NAME\?|REF!|VALUE!|DIV\/0!|N\/A|NUM!|NULL!|CALC!|SPILL!)$/.test(value)
    ? "Error"
    : "String";
}

export class SimRange extends SimProxy {
  readonly format: SimRangeFormat;
  readonly dataValidation: SimDataValidation;
  readonly conditionalFormats: SimConditionalFormatCollection;

  constructor(
    context: SimContext,
    readonly target: Ref<RangeTarget>,
  ) {
    super(context, target);
    const areas = (): AreasTarget => {
      const t = this.target.get();
      return { sheet: t.sheet, rects: [t.rect] };
    };
    this.format = new SimRangeFormat(context, target, areas);
    this.dataValidation = new SimDataValidation(context, target, areas);
    this.conditionalFormats = new SimConditionalFormatCollection(context, target, areas);
  }

  protected override children(): Record<string, SimProxy> {
    return { format: this.format, dataValidation: this.dataValidation };
  }

  protected readers() {
    const t = () => this.target.get();
    return {
      address: () => formatAddress(t().sheet.name, t().rect),
      addressLocal: () => formatAddress(t().sheet.name, t().rect),
      values: () => new Stepped(readGridSteps(t(), "values")),
      formulas: () => new Stepped(readGridSteps(t(), "formulas")),
      numberFormat: () => new Stepped(readGridSteps(t(), "numberFormat")),
      text: () => new Stepped(readGridSteps(t(), "text")),
      valueTypes: () => readGrid(t(), "values")?.map((row) => row.map(valueType)) ?? null,
      rowCount: () => t().rect.rows,
      columnCount: () => t().rect.cols,
      cellCount: () => t().rect.rows * t().rect.cols,
      rowIndex: () => t().rect.row,
      columnIndex: () => t().rect.col,
      columnHidden: () => lineState(t().sheet.hiddenColumns, t().rect.col, t().rect.cols),
      rowHidden: () => lineState(t().sheet.hiddenRows, t().rect.row, t().rect.rows),
    };
  }

  /** A new range computed from this one at its place in the queue. */
  private derive(payload: unknown, compute: (t: RangeTarget) => Rect): SimRange {
    return new SimRange(
      this.context,
      Ref.lazy(this.context, payload, () => {
        const t = this.target.get();
        return { sheet: t.sheet, rect: checkedRect(compute(t)) };
      }),
    );
  }

  get address(): string {
    return this.read("address");
  }
  get addressLocal(): string {
    return this.read("addressLocal");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(data: unknown[][]) {
    this.queue({ set: "values", data }, (exec) => writeContents(exec, this.target.get(), data));
  }
  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(data: unknown[][]) {
    this.queue({ set: "formulas", data }, (exec) => writeContents(exec, this.target.get(), data, "formulas"));
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: unknown[][]) {
    this.queue({ set: "numberFormat", data }, () => writeNumberFormat(this.target.get(), data));
  }
  get text(): string[][] {
    return this.read("text");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get columnHidden(): boolean {
    return this.read("columnHidden");
  }
  set columnHidden(hidden: boolean) {
    this.queue({ set: "columnHidden", hidden }, () => {
      const { sheet, rect } = this.target.get();
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }
  get rowHidden(): boolean {
    return this.read("rowHidden");
  }
  set rowHidden(hidden: boolean) {
    this.queue({ set: "rowHidden", hidden }, () => {
      const { sheet, rect } = this.target.get();
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        if (hidden) sheet.hiddenRows.add(r);
        else sheet.hiddenRows.delete(r);
      }
    });
  }

  get worksheet(): SimWorksheet {
    return new SimWorksheet(
      this.context,
      Ref.lazy(this.context, { get: "worksheet" }, () => this.target.get().sheet),
    );
  }

  getCell(row: number, column: number): SimRange {
    return this.derive({ method: "getCell", row, column }, ({ rect }) => ({
      row: rect.row + row,
      col: rect.col + column,
      rows: 1,
      cols: 1,
    }));
  }
  getRow(row: number): SimRange {
    return this.derive({ method: "getRow", row }, ({ rect }) => ({ ...rect, row: rect.row + row, rows: 1 }));
  }
  getColumn(column: number): SimRange {
    return this.derive({ method: "getColumn", column }, ({ rect }) => ({
      ...rect,
      col: rect.col + column,
      cols: 1,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.derive({ method: "getResizedRange", deltaRows, deltaColumns }, ({ rect }) => ({
      ...rect,
      rows: rect.rows + deltaRows,
      cols: rect.cols + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.derive({ method: "getOffsetRange", rowOffset, columnOffset }, ({ rect }) => ({
      ...rect,
      row: rect.row + rowOffset,
      col: rect.col + columnOffset,
    }));
  }
  getLastRow(): SimRange {
    return this.derive({ method: "getLastRow" }, ({ rect }) => ({
      ...rect,
      row: rect.row + rect.rows - 1,
      rows: 1,
    }));
  }
  getLastColumn(): SimRange {
    return this.derive({ method: "getLastColumn" }, ({ rect }) => ({
      ...rect,
      col: rect.col + rect.cols - 1,
      cols: 1,
    }));
  }
  getEntireColumn(): SimRange {
    return this.derive({ method: "getEntireColumn" }, ({ rect }) => ({ ...rect, row: 0, rows: MAX_ROWS }));
  }
  getEntireRow(): SimRange {
    return this.derive({ method: "getEntireRow" }, ({ rect }) => ({ ...rect, col: 0, cols: MAX_COLUMNS }));
  }
  getBoundingRect(anotherRange: SimRange | string): SimRange {
    return this.derive({ method: "getBoundingRect" }, ({ rect }) =>
      boundingRect(rect, this.otherRect(anotherRange)),
    );
  }
  getIntersection(anotherRange: SimRange | string): SimRange {
    return this.derive(
      { method: "getIntersection" },
      ({ rect }) => intersect(rect, this.otherRect(anotherRange)) ?? fail("InvalidArgument"),
    );
  }
  getUsedRange(valuesOnly = false): SimRange {
    return this.derive({ method: "getUsedRange", valuesOnly }, ({ sheet, rect }) => {
      const used = sheet.usedRect(valuesOnly);
      return (used && intersect(used, rect)) ?? { row: rect.row, col: rect.col, rows: 1, cols: 1 };
    });
  }

  private otherRect(other: SimRange | string): Rect {
    if (typeof other !== "string") return this.own(other).target.get().rect;
    this.context.noteAddress(other);
    return parseArea(other).rect;
  }

  clear(applyTo: ClearMode = "All"): void {
    this.queue({ method: "clear", applyTo }, (exec) => clearRange(exec, this.target.get(), applyTo));
  }

  select(): void {
    this.queue({ method: "select" }, () => {
      const t = this.target.get();
      this.context.book.selection = { sheet: t.sheet, rect: t.rect };
      this.context.book.activeSheet = t.sheet;
    });
  }

  setCellProperties(cellPropertiesData: CellPropertiesInput[][]): void {
    this.queue({ method: "setCellProperties", cellPropertiesData }, () => {
      this.context.book.requireApi("1.9", "Range.setCellProperties");
      applyCellProperties(this.target.get(), cellPropertiesData);
    });
  }

  getCellProperties(
    cellPropertiesLoadOptions: Record<string, unknown>,
  ): SimClientResult<Record<string, unknown>[][]> {
    return queueResult(this.context, { method: "getCellProperties", cellPropertiesLoadOptions }, () => {
      this.context.book.requireApi("1.9", "Range.getCellProperties");
      return readCellProperties(this.target.get(), cellPropertiesLoadOptions);
    });
  }
}
