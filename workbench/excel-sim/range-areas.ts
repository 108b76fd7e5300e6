// Excel.RangeAreas (ExcelApi 1.9): several rectangles of one sheet formatted or cleared together.
import { ITEMS_PER_STEP, SimCollection } from "./collection";
import type { SimContext } from "./context";
import type { ClearMode } from "./clear";
import type { Steps } from "./host";
import { clearRange } from "./clear";
import { addressOf, type AreasTarget } from "./ops";
import { Ref, SimProxy } from "./proxy";
import { SimRange } from "./range";
import { SimConditionalFormatCollection } from "./range-conditional";
import { SimRangeFormat } from "./range-format";
import { SimDataValidation } from "./range-validation";

class SimRangeCollection extends SimCollection<SimRange> {
  constructor(
    context: SimContext,
    private readonly target: Ref<AreasTarget>,
  ) {
    super(context, target);
  }
  protected list(): SimRange[] {
    const { sheet, rects } = this.target.get();
    return rects.map((rect) => new SimRange(this.context, Ref.of({ sheet, rect })));
  }
  protected override *listSteps(): Steps<SimRange[]> {
    const { sheet, rects } = this.target.get();
    const out: SimRange[] = [];
    for (const rect of rects) {
      out.push(new SimRange(this.context, Ref.of({ sheet, rect })));
      if (out.length % ITEMS_PER_STEP === 0) yield;
    }
    return out;
  }
}

export class SimRangeAreas extends SimProxy {
  readonly format: SimRangeFormat;
  readonly dataValidation: SimDataValidation;
  readonly conditionalFormats: SimConditionalFormatCollection;
  readonly areas: SimRangeCollection;

  constructor(
    context: SimContext,
    readonly target: Ref<AreasTarget>,
  ) {
    super(context, target);
    const areas = () => this.target.get();
    this.format = new SimRangeFormat(context, target, areas);
    this.dataValidation = new SimDataValidation(context, target, areas);
    this.conditionalFormats = new SimConditionalFormatCollection(context, target, areas);
    this.areas = new SimRangeCollection(context, target);
  }

  protected override children(): Record<string, SimProxy> {
    return { format: this.format, dataValidation: this.dataValidation, areas: this.areas };
  }

  protected readers() {
    const t = () => this.target.get();
    return {
      address: () => addressOf(t()),
      areaCount: () => t().rects.length,
      cellCount: () => t().rects.reduce((n, r) => n + r.rows * r.cols, 0),
    };
  }

  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  get cellCount(): number {
    return this.read("cellCount");
  }

  clear(applyTo: ClearMode = "All"): void {
    this.queue({ method: "clear", applyTo }, (exec) => {
      const { sheet, rects } = this.target.get();
      for (const rect of rects) clearRange(exec, { sheet, rect }, applyTo);
    });
  }
}
