// range.conditionalFormats (ExcelApi 1.6): stored with their rule formula and format colours.
import { normalizeColor } from "./colors";
import { SimCollection } from "./collection";
import type { SimContext } from "./context";
import { intersect } from "./address";
import type { AreasTarget } from "./ops";
import { Ref, SimProxy, queueResult, type SimClientResult } from "./proxy";
import type { ConditionalFormatEntry } from "./sheet";

type Entry = Ref<ConditionalFormatEntry>;

const typeNames: Record<string, string> = {
  custom: "Custom",
  cellvalue: "CellValue",
  containstext: "ContainsText",
  databar: "DataBar",
  colorscale: "ColorScale",
  iconset: "IconSet",
  topbottom: "TopBottom",
  presetcriteria: "PresetCriteria",
};

let nextId = 1;

class SimCfColor extends SimProxy {
  constructor(
    context: SimContext,
    private readonly entry: Entry,
    private readonly key: "fill" | "fontColor",
  ) {
    super(context, entry);
  }
  protected readers() {
    return { color: () => this.entry.get()[this.key] };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    const color = normalizeColor(value);
    this.queue({ set: this.key, color }, () => {
      this.entry.get()[this.key] = color;
    });
  }
}

class SimCfFormat extends SimProxy {
  readonly fill: SimCfColor;
  readonly font: SimCfColor;
  constructor(context: SimContext, entry: Entry) {
    super(context, entry);
    this.fill = new SimCfColor(context, entry, "fill");
    this.font = new SimCfColor(context, entry, "fontColor");
  }
  protected readers() {
    return {};
  }
  protected override children() {
    return { fill: this.fill, font: this.font };
  }
}

class SimCfRule extends SimProxy {
  constructor(
    context: SimContext,
    private readonly entry: Entry,
  ) {
    super(context, entry);
  }
  protected readers() {
    return { formula: () => this.entry.get().formula ?? "" };
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(formula: string) {
    this.queue({ set: "formula", formula }, () => {
      this.entry.get().formula = formula;
    });
  }
}

class SimCustomConditionalFormat extends SimProxy {
  readonly rule: SimCfRule;
  readonly format: SimCfFormat;
  constructor(context: SimContext, entry: Entry) {
    super(context, entry);
    this.rule = new SimCfRule(context, entry);
    this.format = new SimCfFormat(context, entry);
  }
  protected readers() {
    return {};
  }
  protected override children() {
    return { rule: this.rule, format: this.format };
  }
}

export class SimConditionalFormat extends SimProxy {
  readonly custom: SimCustomConditionalFormat;
  constructor(
    context: SimContext,
    private readonly entry: Entry,
    private readonly sheetOf: () => AreasTarget["sheet"],
  ) {
    super(context, entry);
    this.custom = new SimCustomConditionalFormat(context, entry);
  }
  protected readers() {
    return {
      id: () => this.entry.get().id,
      type: () => this.entry.get().type,
      priority: () => this.sheetOf().conditionalFormats.indexOf(this.entry.get()),
      stopIfTrue: () => false,
    };
  }
  protected override children() {
    return { custom: this.custom };
  }
  get id(): string {
    return this.read("id");
  }
  get type(): string {
    return this.read("type");
  }
  get priority(): number {
    return this.read("priority");
  }
  delete(): void {
    this.queue({ method: "delete" }, () => {
      const list = this.sheetOf().conditionalFormats;
      const at = list.indexOf(this.entry.get());
      if (at >= 0) list.splice(at, 1);
    });
  }
}

export class SimConditionalFormatCollection extends SimCollection<SimConditionalFormat> {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    private readonly areas: () => AreasTarget,
  ) {
    super(context, ref);
  }

  private target(): AreasTarget {
    this.context.book.requireApi("1.6", "Range.conditionalFormats");
    return this.areas();
  }

  private touching(): ConditionalFormatEntry[] {
    const { sheet, rects } = this.target();
    return sheet.conditionalFormats.filter((cf) => cf.rects.some((a) => rects.some((b) => intersect(a, b))));
  }

  protected list(): SimConditionalFormat[] {
    return this.touching().map(
      (e) => new SimConditionalFormat(this.context, Ref.of(e), () => this.areas().sheet),
    );
  }

  /** Newest first, as Excel gives a new conditional format the top priority. */
  add(type: string): SimConditionalFormat {
    const name = typeNames[type.toLowerCase()] ?? type;
    const entry = Ref.lazy<ConditionalFormatEntry>(this.context, { method: "add", type: name }, () => {
      const { sheet, rects } = this.target();
      const created = {
        id: `{CF-${nextId++}}`,
        rects: rects.map((r) => ({ ...r })),
        type: name,
        formula: null,
        fill: null,
        fontColor: null,
      };
      sheet.conditionalFormats.unshift(created);
      return created;
    });
    return new SimConditionalFormat(this.context, entry, () => this.areas().sheet);
  }

  getCount(): SimClientResult<number> {
    return queueResult(this.context, { method: "getCount" }, () => this.touching().length);
  }

  clearAll(): void {
    this.queue({ method: "clearAll" }, () => {
      const { sheet } = this.target();
      const doomed = new Set(this.touching());
      const kept = sheet.conditionalFormats.filter((cf) => !doomed.has(cf));
      sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...kept);
    });
  }
}
