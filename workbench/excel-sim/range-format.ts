// range.format, format.fill and format.font, for one range or for all areas of a RangeAreas.
import { normalizeColor } from "./colors";
import type { SimContext } from "./context";
import { fail } from "./errors";
import type { FormatProp, FormatStore, FormatValue } from "./grid";
import { fillFormat, readUniform, type AreasTarget } from "./ops";
import { SimProxy, type Ref } from "./proxy";

type Areas = () => AreasTarget;

abstract class AreasPart extends SimProxy {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    protected readonly areas: Areas,
  ) {
    super(context, ref);
  }

  protected uniform(prop: FormatProp): FormatValue {
    const a = this.areas();
    return readUniform(a, (r, c) => a.sheet.formats.get(prop, r, c));
  }

  protected setFormat(prop: FormatProp, value: FormatValue): void {
    this.queue({ set: prop, value }, () => fillFormat(this.areas(), prop, value));
  }
}

/** Excel.FillPattern less the two gradients RangeFill.pattern does not support. */
export const fillPatterns = [
  "None",
  "Solid",
  "Gray50",
  "Gray75",
  "Gray25",
  "Horizontal",
  "Vertical",
  "Down",
  "Up",
  "Checker",
  "SemiGray75",
  "LightHorizontal",
  "LightVertical",
  "LightDown",
  "LightUp",
  "Grid",
  "CrissCross",
  "Gray16",
  "Gray8",
];

/** The pattern a cell reports: its own, else Solid when it has a fill and None when it has not. */
export function patternAt(formats: FormatStore, row: number, col: number): string {
  const own = formats.get("pattern", row, col);
  if (typeof own === "string") return own;
  return formats.get("fill", row, col) === null ? "None" : "Solid";
}

export class SimRangeFill extends AreasPart {
  protected readers() {
    return {
      color: () => {
        const v = this.uniform("fill");
        const a = this.areas();
        const mixed =
          v === null && readUniform(a, (r, c) => a.sheet.formats.get("fill", r, c) === null) === null;
        // Excel reports "no fill" as white, and mixed fills as null.
        return mixed ? null : (v ?? "#FFFFFF");
      },
      pattern: () => {
        const a = this.areas();
        return readUniform(a, (r, c) => patternAt(a.sheet.formats, r, c));
      },
      patternColor: () => {
        const a = this.areas();
        // Excel reports a cell without a pattern colour as black ("#000000"; Automatic).
        return readUniform(a, (r, c) => a.sheet.formats.get("patternColor", r, c) ?? "#000000");
      },
    };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setFormat("fill", normalizeColor(value));
  }
  get pattern(): string {
    return this.read("pattern");
  }
  /**
   * RangeFill.pattern (ExcelApi 1.9): one of Excel.FillPattern; "LinearGradient" and
   * "RectangularGradient" are not supported (Microsoft, Excel.RangeFill.pattern), so they throw here.
   */
  set pattern(value: string) {
    if (!fillPatterns.includes(value)) fail("InvalidArgument", `Invalid fill pattern: ${value}`);
    this.setFormat("pattern", value);
  }
  get patternColor(): string {
    return this.read("patternColor");
  }
  set patternColor(value: string) {
    this.setFormat("patternColor", normalizeColor(value));
  }
  clear(): void {
    this.queue({ method: "fill.clear" }, () => {
      const a = this.areas();
      for (const rect of a.rects) {
        a.sheet.formats.reset("fill", rect);
        a.sheet.formats.reset("pattern", rect);
        a.sheet.formats.reset("patternColor", rect);
      }
    });
  }
}

export class SimRangeFont extends AreasPart {
  protected readers() {
    return {
      color: () => this.uniform("fontColor"),
      bold: () => this.uniform("bold"),
      italic: () => this.uniform("italic"),
    };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setFormat("fontColor", normalizeColor(value));
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(value: boolean) {
    this.setFormat("bold", value);
  }
  get italic(): boolean {
    return this.read("italic");
  }
  set italic(value: boolean) {
    this.setFormat("italic", value);
  }
}

const alignments = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];

/** Widths in points, as Office.js reports them; autofit estimates 7 points per character plus padding. */
export class SimRangeFormat extends AreasPart {
  readonly fill = new SimRangeFill(this.context, this.ref, this.areas);
  readonly font = new SimRangeFont(this.context, this.ref, this.areas);

  protected override children(): Record<string, SimProxy> {
    return { fill: this.fill, font: this.font };
  }

  protected readers() {
    return {
      columnWidth: () => this.lineUniform("col"),
      rowHeight: () => this.lineUniform("row"),
      wrapText: () => this.uniform("wrapText"),
      horizontalAlignment: () => this.uniform("hAlign"),
    };
  }

  private lineUniform(kind: "row" | "col"): number | null {
    const { sheet, rects } = this.areas();
    const sizes = new Set<number>();
    for (const r of rects) {
      const [start, count] = kind === "col" ? [r.col, r.cols] : [r.row, r.rows];
      for (let i = start; i < start + count && sizes.size < 2; i++) {
        sizes.add(kind === "col" ? sheet.columnWidth(i) : sheet.rowHeight(i));
      }
    }
    return sizes.size === 1 ? ([...sizes][0] ?? null) : null;
  }

  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(points: number) {
    this.queue({ set: "columnWidth", points }, () => {
      const { sheet, rects } = this.areas();
      for (const r of rects) for (let c = r.col; c < r.col + r.cols; c++) sheet.columnWidths.set(c, points);
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(points: number) {
    this.queue({ set: "rowHeight", points }, () => {
      const { sheet, rects } = this.areas();
      for (const r of rects) for (let i = r.row; i < r.row + r.rows; i++) sheet.rowHeights.set(i, points);
    });
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(value: boolean) {
    this.setFormat("wrapText", value);
  }
  get horizontalAlignment(): string {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(value: string) {
    if (!alignments.includes(value)) fail("InvalidArgument", `Invalid horizontalAlignment: ${value}`);
    this.setFormat("hAlign", value);
  }

  autofitColumns(): void {
    this.queue({ method: "autofitColumns" }, () => {
      const { sheet, rects } = this.areas();
      for (const r of rects) {
        const used = sheet.usedRect(true);
        const lastRow = used ? Math.min(r.row + r.rows, used.row + used.rows) : r.row;
        for (let c = r.col; c < r.col + r.cols; c++) {
          let longest = 0;
          for (let row = r.row; row < lastRow; row++)
            longest = Math.max(longest, String(sheet.value(row, c)).length);
          sheet.columnWidths.set(c, Math.max(12, Math.round(longest * 7 + 10)));
        }
      }
    });
  }

  autofitRows(): void {
    this.queue({ method: "autofitRows" }, () => undefined);
  }
}
