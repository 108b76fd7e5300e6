// Worksheet children: freezePanes, customProperties (ExcelApi 1.12) and the onChanged event source.
import { SimCollection } from "./collection";
import type { SimContext } from "./context";
import { fail } from "./errors";
import type { ChangeRecord } from "./model";
import { Ref, SimProxy, queueResult, type SimClientResult } from "./proxy";
import { SimRange } from "./range";
import { formatRect } from "./address";
import type { SimSheet } from "./sheet";

type SheetRef = () => SimSheet;

export class SimFreezePanes extends SimProxy {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    private readonly sheet: SheetRef,
  ) {
    super(context, ref);
  }
  protected readers() {
    return {};
  }
  freezeRows(count = 1): void {
    this.queue({ method: "freezeRows", count }, () => {
      this.sheet().freeze = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this.queue({ method: "freezeColumns", count }, () => {
      this.sheet().freeze = { rows: 0, columns: count };
    });
  }
  freezeAt(frozenRange: SimRange): void {
    this.queue({ method: "freezeAt" }, () => {
      const { rect } = this.own(frozenRange).target.get();
      this.sheet().freeze = { rows: rect.row + rect.rows, columns: rect.col + rect.cols };
    });
  }
  unfreeze(): void {
    this.queue({ method: "unfreeze" }, () => {
      this.sheet().freeze = { rows: 0, columns: 0 };
    });
  }
  getLocationOrNullObject(): SimRange {
    const ref = Ref.lazy(this.context, { method: "getLocationOrNullObject" }, () => {
      const sheet = this.sheet();
      const { rows, columns } = sheet.freeze;
      if (rows === 0 && columns === 0) return null;
      const rect = { row: 0, col: 0, rows: Math.max(rows, 1), cols: Math.max(columns, 1) };
      return {
        sheet,
        rect: rows === 0 ? { ...rect, rows: 1_048_576 } : columns === 0 ? { ...rect, cols: 16_384 } : rect,
      };
    });
    return new SimRange(this.context, ref);
  }
}

type PropertyEntry = { key: string; value: string };

export class SimCustomProperty extends SimProxy {
  constructor(
    context: SimContext,
    private readonly entry: Ref<PropertyEntry>,
    private readonly sheet: SheetRef,
  ) {
    super(context, entry);
  }
  protected readers() {
    return { key: () => this.entry.get().key, value: () => this.entry.get().value };
  }
  get key(): string {
    return this.read("key");
  }
  get value(): string {
    return this.read("value");
  }
  set value(value: string) {
    this.queue({ set: "value", value }, () => {
      this.entry.get().value = String(value);
    });
  }
  delete(): void {
    this.queue({ method: "delete" }, () => {
      this.sheet().customProperties.delete(this.entry.get().key.toLowerCase());
    });
  }
}

export class SimCustomPropertyCollection extends SimCollection<SimCustomProperty> {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    private readonly sheetRef: SheetRef,
  ) {
    super(context, ref);
  }

  private sheet(): SimSheet {
    this.context.book.requireApi("1.12", "Worksheet.customProperties");
    return this.sheetRef();
  }

  protected list(): SimCustomProperty[] {
    return [...this.sheet().customProperties.values()].map(
      (e) => new SimCustomProperty(this.context, Ref.of(e), this.sheetRef),
    );
  }

  /** Keys are case-insensitive; adding an existing key overwrites its value, as in Excel. */
  add(key: string, value: string): SimCustomProperty {
    const entry = Ref.lazy(this.context, { method: "add", key, value }, () => {
      if (!key || key.length > 255)
        fail("InvalidArgument", "A custom property key must have 1 to 255 characters.");
      const props = this.sheet().customProperties;
      const existing = props.get(key.toLowerCase());
      const next = { key: existing?.key ?? key, value: String(value) };
      props.set(key.toLowerCase(), next);
      return next;
    });
    return new SimCustomProperty(this.context, entry, this.sheetRef);
  }

  private find(key: string, orNull: boolean): SimCustomProperty {
    const entry = Ref.lazy(this.context, { method: "getItem", key }, () => {
      const found = this.sheet().customProperties.get(key.toLowerCase());
      return found ?? (orNull ? null : fail("ItemNotFound", `The custom property '${key}' doesn't exist.`));
    });
    return new SimCustomProperty(this.context, entry, this.sheetRef);
  }

  getItem(key: string): SimCustomProperty {
    return this.find(key, false);
  }
  getItemOrNullObject(key: string): SimCustomProperty {
    return this.find(key, true);
  }
  getCount(): SimClientResult<number> {
    return queueResult(this.context, { method: "getCount" }, () => this.sheet().customProperties.size);
  }
}

export interface SimChangedEventArgs {
  address: string;
  changeType: "RangeEdited";
  source: "Local" | "Remote";
  type: "WorksheetChanged";
  worksheetId: string;
  triggerSource?: "ThisLocalAddin" | "Unknown";
  details?: { valueBefore: unknown; valueAfter: unknown };
  getRange(ctx: SimContext): SimRange;
}

type Handler = (args: SimChangedEventArgs) => Promise<unknown> | void;

export function changedEventArgs(change: ChangeRecord, withTriggerSource: boolean): SimChangedEventArgs {
  const { sheet, rect } = change;
  const single = change.before !== undefined || change.after !== undefined;
  return {
    address: formatRect(rect),
    changeType: "RangeEdited",
    source: change.source ?? "Local",
    type: "WorksheetChanged",
    worksheetId: sheet.id,
    ...(withTriggerSource ? { triggerSource: change.triggerSource } : {}),
    ...(single ? { details: { valueBefore: change.before, valueAfter: change.after } } : {}),
    getRange: (ctx) =>
      new SimRange(
        ctx,
        Ref.lazy(ctx, { method: "getRange" }, () => ({ sheet, rect })),
      ),
  };
}

/** worksheet.onChanged: handlers are registered (and removed) when the context syncs. */
export class SimEventSource {
  constructor(
    private readonly context: SimContext,
    private readonly scope: () => SimSheet | "all",
  ) {}

  add(handler: Handler): { context: SimContext; remove: () => void } {
    let unsubscribe: (() => void) | undefined;
    const book = this.context.book;
    this.context.enqueue({ event: "add" }, () => {
      unsubscribe = book.listen(this.scope(), (change) =>
        handler(changedEventArgs(change, book.isSetSupported("ExcelApi", "1.14"))),
      );
    });
    return {
      context: this.context,
      remove: () => this.context.enqueue({ event: "remove" }, () => unsubscribe?.(), "event"),
    };
  }
}
