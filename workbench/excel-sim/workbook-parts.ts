// Workbook children: application, settings (ExcelApi 1.4) and named items.
import { formatAddress, parseArea } from "./address";
import { SimCollection } from "./collection";
import type { SimContext } from "./context";
import { fail } from "./errors";
import { Ref, SimProxy, queueResult, type SimClientResult } from "./proxy";
import { SimRange } from "./range";

export class ApplicationProxy extends SimProxy {
  protected readers() {
    return { calculationMode: () => "Automatic" };
  }
  get calculationMode(): string {
    return this.read("calculationMode");
  }
  /** Nothing is calculated in the simulator, so there is nothing to suspend. */
  suspendApiCalculationUntilNextSync(): void {
    this.queue({ method: "suspendApiCalculationUntilNextSync" }, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.queue({ method: "suspendScreenUpdatingUntilNextSync" }, () => undefined);
  }
  calculate(_calculationType?: string): void {
    this.queue({ method: "calculate" }, () => undefined);
  }
}

export class SimSetting extends SimProxy {
  constructor(
    context: SimContext,
    private readonly key: Ref<string>,
  ) {
    super(context, key);
  }
  private store(): Map<string, unknown> {
    return this.context.book.settings;
  }
  protected readers() {
    return { key: () => this.key.get(), value: () => structuredClone(this.store().get(this.key.get())) };
  }
  get value(): unknown {
    return this.read("value");
  }
  set value(value: unknown) {
    this.queue({ set: "value", value }, () => {
      this.store().set(this.key.get(), structuredClone(value));
    });
  }
  delete(): void {
    this.queue({ method: "delete" }, () => {
      this.store().delete(this.key.get());
    });
  }
}

/** Workbook settings travel with the document and are stored as JSON, so values are copied. */
export class SimSettingCollection extends SimCollection<SimSetting> {
  protected list(): SimSetting[] {
    return [...this.context.book.settings.keys()].map((k) => new SimSetting(this.context, Ref.of(k)));
  }
  add(key: string, value: unknown): SimSetting {
    const ref = Ref.lazy(this.context, { method: "add", key, value }, () => {
      if (!key) fail("InvalidArgument", "A setting needs a key.");
      this.context.book.settings.set(key, structuredClone(value));
      return key;
    });
    return new SimSetting(this.context, ref);
  }
  private find(key: string, orNull: boolean): SimSetting {
    const ref = Ref.lazy(this.context, { method: "getItem", key }, () =>
      this.context.book.settings.has(key)
        ? key
        : orNull
          ? null
          : fail("ItemNotFound", `The setting '${key}' doesn't exist.`),
    );
    return new SimSetting(this.context, ref);
  }
  getItem(key: string): SimSetting {
    return this.find(key, false);
  }
  getItemOrNullObject(key: string): SimSetting {
    return this.find(key, true);
  }
  getCount(): SimClientResult<number> {
    return queueResult(this.context, { method: "getCount" }, () => this.context.book.settings.size);
  }
}

type NameEntry = { name: string; formula: string; comment: string };

export class SimNamedItem extends SimProxy {
  constructor(
    context: SimContext,
    private readonly entry: Ref<NameEntry>,
  ) {
    super(context, entry);
  }
  protected readers() {
    return {
      name: () => this.entry.get().name,
      formula: () => this.entry.get().formula,
      comment: () => this.entry.get().comment,
      type: () => "Range",
      visible: () => true,
    };
  }
  get name(): string {
    return this.read("name");
  }
  get formula(): string {
    return this.read("formula");
  }
  get comment(): string {
    return this.read("comment");
  }
  getRange(): SimRange {
    const ref = Ref.lazy(this.context, { method: "getRange" }, () => {
      const area = parseArea(this.entry.get().formula.replace(/^=/, "").replace(/\$/g, ""));
      const sheet = area.sheet ? this.context.book.sheetOrFail(area.sheet) : fail("InvalidReference");
      return { sheet, rect: area.rect };
    });
    return new SimRange(this.context, ref);
  }
  delete(): void {
    this.queue({ method: "delete" }, () => {
      this.context.book.names.delete(this.entry.get().name.toLowerCase());
    });
  }
}

function absolute(address: string): string {
  const [sheet, ref = ""] = address.split("!");
  return `${sheet}!${ref.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}

export class SimNamedItemCollection extends SimCollection<SimNamedItem> {
  protected list(): SimNamedItem[] {
    return [...this.context.book.names.values()].map((e) => new SimNamedItem(this.context, Ref.of(e)));
  }
  add(name: string, reference: SimRange | string, comment = ""): SimNamedItem {
    const ref = Ref.lazy(this.context, { method: "add", name, comment }, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) fail("InvalidArgument", `Invalid name: ${name}`);
      const names = this.context.book.names;
      if (names.has(name.toLowerCase())) fail("ItemAlreadyExists", `The name '${name}' already exists.`);
      const formula =
        typeof reference === "string"
          ? reference.startsWith("=")
            ? reference
            : `=${reference}`
          : `=${absolute(formatAddress(this.own(reference).target.get().sheet.name, reference.target.get().rect))}`;
      const entry = { name, formula, comment };
      names.set(name.toLowerCase(), entry);
      return entry;
    });
    return new SimNamedItem(this.context, ref);
  }
  private find(name: string, orNull: boolean): SimNamedItem {
    const ref = Ref.lazy(this.context, { method: "getItem", name }, () => {
      const found = this.context.book.names.get(name.toLowerCase());
      return found ?? (orNull ? null : fail("ItemNotFound", `The name '${name}' doesn't exist.`));
    });
    return new SimNamedItem(this.context, ref);
  }
  getItem(name: string): SimNamedItem {
    return this.find(name, false);
  }
  getItemOrNullObject(name: string): SimNamedItem {
    return this.find(name, true);
  }
}
