// Excel.Worksheet and Excel.WorksheetCollection.
import { parseArea, parseAreas, type Rect } from "./address";
import { SimCollection } from "./collection";
import type { SimContext } from "./context";
import { normalizeColor } from "./colors";
import { fail } from "./errors";
import { MAX_ADDRESS_LENGTH, MAX_COLUMNS, MAX_ROWS } from "./limits";
import { Ref, SimProxy, queueResult, type SimClientResult } from "./proxy";
import { SimRange } from "./range";
import { SimRangeAreas } from "./range-areas";
import type { SimSheet } from "./sheet";
import { SimNoteCollection } from "./notes";
import { SimCustomPropertyCollection, SimEventSource, SimFreezePanes } from "./worksheet-parts";

const visibilities = ["Visible", "Hidden", "VeryHidden"] as const;

export class SimWorksheet extends SimProxy {
  readonly freezePanes: SimFreezePanes;
  readonly customProperties: SimCustomPropertyCollection;
  readonly onChanged: SimEventSource;

  constructor(
    context: SimContext,
    private readonly sheetRef: Ref<SimSheet>,
  ) {
    super(context, sheetRef);
    this.freezePanes = new SimFreezePanes(context, sheetRef, () => this.sheet());
    this.customProperties = new SimCustomPropertyCollection(context, sheetRef, () => this.sheet());
    this.onChanged = new SimEventSource(context, () => this.sheet());
  }

  /** The host sheet; a deleted sheet is gone, as in Excel. */
  sheet(): SimSheet {
    const sheet = this.sheetRef.get();
    return sheet.deleted ? fail("ItemNotFound", `The worksheet '${sheet.name}' was deleted.`) : sheet;
  }

  protected readers() {
    return {
      name: () => this.sheet().name,
      id: () => this.sheet().id,
      position: () => this.context.book.sheets.indexOf(this.sheet()),
      visibility: () => this.sheet().visibility,
      tabColor: () => this.sheet().tabColor,
    };
  }

  get notes(): SimNoteCollection {
    return new SimNoteCollection(this.context, this.sheetRef, () => this.sheet());
  }

  get name(): string {
    return this.read("name");
  }
  set name(name: string) {
    this.queue({ set: "name", name }, () => {
      const other = this.context.book.findSheet(name);
      if (other && other !== this.sheet())
        fail("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
      this.sheet().rename(name);
    });
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  set position(position: number) {
    this.queue({ set: "position", position }, () => {
      const sheets = this.context.book.sheets;
      const sheet = this.sheet();
      if (position < 0 || position >= sheets.length) fail("InvalidArgument", "Position out of range.");
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(position, 0, sheet);
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(visibility: string) {
    this.queue({ set: "visibility", visibility }, () => {
      const value =
        visibilities.find((v) => v === visibility) ??
        fail("InvalidArgument", `Invalid visibility: ${visibility}`);
      const sheet = this.sheet();
      const othersVisible = this.context.book.sheets.some((s) => s !== sheet && s.visibility === "Visible");
      if (value !== "Visible" && !othersVisible)
        fail("InvalidOperation", "A workbook must have a visible sheet.");
      sheet.visibility = value;
      const book = this.context.book;
      if (value !== "Visible" && book.activeSheet === sheet) {
        book.activeSheet = book.sheets.find((s) => s.visibility === "Visible") ?? null;
      }
    });
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(tabColor: string) {
    this.queue({ set: "tabColor", tabColor }, () => {
      // Excel reports "#RRGGBB", or "" for no colour.
      this.sheet().tabColor = tabColor === "" ? "" : normalizeColor(tabColor);
    });
  }

  activate(): void {
    this.queue({ method: "activate" }, () => {
      const sheet = this.sheet();
      if (sheet.visibility !== "Visible") fail("InvalidOperation", "A hidden sheet cannot be activated.");
      this.context.book.activeSheet = sheet;
    });
  }

  delete(): void {
    this.queue({ method: "delete" }, () => this.context.book.deleteSheet(this.sheet()));
  }

  private rangeRef(payload: unknown, rect: () => Rect): Ref<{ sheet: SimSheet; rect: Rect }> {
    return Ref.lazy(this.context, payload, () => ({ sheet: this.sheet(), rect: rect() }));
  }

  private parseOwn(address: string): Rect {
    this.context.noteAddress(address);
    if (address.length > MAX_ADDRESS_LENGTH)
      fail("InvalidArgument", `The address is longer than ${MAX_ADDRESS_LENGTH} characters.`);
    const area = parseArea(address);
    if (area.sheet && area.sheet.toLowerCase() !== this.sheet().name.toLowerCase()) {
      fail("InvalidArgument", `The address ${address} is not on the worksheet ${this.sheet().name}.`);
    }
    return area.rect;
  }

  /** No address: the whole sheet, as in Office.js. */
  getRange(address?: string): SimRange {
    const whole: Rect = { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS };
    return new SimRange(
      this.context,
      this.rangeRef({ method: "getRange", address }, () =>
        address === undefined ? whole : this.parseOwn(address),
      ),
    );
  }

  getCell(row: number, column: number): SimRange {
    return new SimRange(
      this.context,
      this.rangeRef({ method: "getCell", row, column }, () => ({ row, col: column, rows: 1, cols: 1 })),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    const rect = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
    return new SimRange(
      this.context,
      this.rangeRef({ method: "getRangeByIndexes", rect }, () => rect),
    );
  }

  getRanges(address: string): SimRangeAreas {
    const ref = Ref.lazy(this.context, { method: "getRanges", address }, () => {
      this.context.book.requireApi("1.9", "Worksheet.getRanges");
      this.context.noteAddress(address);
      if (address.length > MAX_ADDRESS_LENGTH)
        fail("InvalidArgument", `The address is longer than ${MAX_ADDRESS_LENGTH} characters.`);
      const sheet = this.sheet();
      const areas = parseAreas(address);
      if (areas.some((a) => a.sheet && a.sheet.toLowerCase() !== sheet.name.toLowerCase()))
        fail("InvalidArgument");
      return { sheet, rects: areas.map((a) => a.rect) };
    });
    return new SimRangeAreas(this.context, ref);
  }

  /** A blank sheet gives A1 (getUsedRange) or a null object (getUsedRangeOrNullObject). */
  getUsedRange(valuesOnly = false): SimRange {
    return new SimRange(
      this.context,
      this.rangeRef(
        { method: "getUsedRange", valuesOnly },
        () => this.sheet().usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 },
      ),
    );
  }

  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    const ref = Ref.lazy(this.context, { method: "getUsedRangeOrNullObject", valuesOnly }, () => {
      const sheet = this.sheet();
      const rect = sheet.usedRect(valuesOnly);
      return rect ? { sheet, rect } : null;
    });
    return new SimRange(this.context, ref);
  }
}

export class SimWorksheetCollection extends SimCollection<SimWorksheet> {
  readonly onChanged = new SimEventSource(this.context, () => "all");

  protected list(): SimWorksheet[] {
    return this.context.book.sheets.map((s) => new SimWorksheet(this.context, Ref.of(s)));
  }

  add(name?: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      Ref.lazy(this.context, { method: "add", name }, () => this.context.book.addSheet(name)),
    );
  }

  private find(key: string, orNull: boolean): SimWorksheet {
    const ref = Ref.lazy(this.context, { method: "getItem", key }, () => {
      const book = this.context.book;
      const found = book.findSheet(key) ?? book.sheets.find((s) => s.id === key);
      return found ?? (orNull ? null : fail("ItemNotFound", `The worksheet '${key}' doesn't exist.`));
    });
    return new SimWorksheet(this.context, ref);
  }

  getItem(key: string): SimWorksheet {
    return this.find(key, false);
  }
  getItemOrNullObject(key: string): SimWorksheet {
    return this.find(key, true);
  }
  getActiveWorksheet(): SimWorksheet {
    const ref = Ref.lazy(
      this.context,
      { method: "getActiveWorksheet" },
      () => this.context.book.activeSheet ?? fail("ItemNotFound"),
    );
    return new SimWorksheet(this.context, ref);
  }
  getCount(visibleOnly = false): SimClientResult<number> {
    return queueResult(
      this.context,
      { method: "getCount" },
      () => this.context.book.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length,
    );
  }
}
