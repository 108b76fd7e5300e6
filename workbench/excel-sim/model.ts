// The simulated workbook: sheets, settings, names, requirement sets, event listeners and request stats.
import { formatAddress, parseArea, type Rect } from "./address";
import type { CellValue } from "./cell-input";
import { fail } from "./errors";
import { conditionalFill } from "./conditional";
import { patternAt } from "./range-format";
import { HOST_SLICE_MS, SimHost } from "./host";
import { SimSheet, noteKey } from "./sheet";
import { validationType } from "./validation-type";

export type TriggerSource = "ThisLocalAddin" | "Unknown";
export interface ChangeRecord {
  sheet: SimSheet;
  rect: Rect;
  triggerSource: TriggerSource;
  /** "Remote": made by another person co-authoring the workbook. */
  source?: "Local" | "Remote";
  before?: CellValue;
  after?: CellValue;
}
export type ChangeListener = (change: ChangeRecord) => Promise<unknown> | void;

export interface RequestRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
}
export interface SimStats {
  syncs: number;
  requests: RequestRecord[];
  largestRequestBytes: number;
  largestResponseBytes: number;
  longestAddress: number;
  /** Time the simulated host spent applying requests, and its longest slice between two turns. */
  hostMs: number;
  longestHostSliceMs: number;
  /** Turns the host gave the event loop in the middle of a request. */
  hostYields: number;
}

export interface SimWorkbookOptions {
  /** Highest ExcelApi requirement set the simulated host supports, e.g. "1.17" (no notes). */
  apiVersion?: string;
  /** Sheets to create; defaults to ["Sheet1"]. */
  sheets?: string[];
  /**
   * Milliseconds of host work before the event loop gets a turn in the middle of a request (default
   * 20). 0 yields at every step (tests of the slicing); Infinity applies each request in one go.
   */
  hostSliceMs?: number;
  /** The workbook uses the 1904 date system (Excel for Mac's old default). */
  date1904?: boolean;
}

export interface CellSnapshot {
  value: CellValue;
  formula: string | null;
  isFormula: boolean;
  numberFormat: string;
  fill: string | null;
  /** Excel.FillPattern ("None", "Solid", "LightUp", ...) and the colour its lines are drawn in. */
  pattern: string;
  patternColor: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  note: string | null;
  /** Data-validation type of the cell ("None" when it has none) and its input prompt, if shown. */
  validation: string;
  prompt: { title: string; message: string } | null;
}

/**
 * Requirement sets of the hosts the add-in must survive (Microsoft, "Excel JavaScript API requirement
 * sets"): perpetual Office 2021 stops at ExcelApi 1.14, Office 2024 at 1.17; Microsoft 365 has 1.18+.
 */
export const excelHosts = { excel2021: "1.14", excel2024: "1.17", current: "1.18" } as const;

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class SimWorkbook {
  readonly sheets: SimSheet[] = [];
  readonly settings = new Map<string, unknown>();
  readonly names = new Map<string, { name: string; formula: string; comment: string }>();
  readonly listeners = new Map<SimSheet | "all", Set<ChangeListener>>();
  readonly apiVersion: string;
  activeSheet: SimSheet | null = null;
  /** The workbook's date system: typed dates become 1904 serials, workbook.functions.date answers in it. */
  date1904: boolean;
  /** The user is editing a cell (tests switch it with startCellEdit/endCellEdit). */
  cellEditing = false;
  private cellEditWaiters: (() => void)[] = [];
  selection: { sheet: SimSheet; rect: Rect } | null = null;
  stats: SimStats = SimWorkbook.emptyStats();
  /** Applies requests one at a time, in slices (see host.ts). */
  readonly host: SimHost;
  private nextSheetId = 1;
  private pending: Promise<unknown>[] = [];
  private readonly eventErrors: unknown[] = [];

  constructor(options: SimWorkbookOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.18";
    this.date1904 = options.date1904 ?? false;
    this.host = new SimHost(options.hostSliceMs ?? HOST_SLICE_MS, () => this.stats);
    for (const name of options.sheets ?? ["Sheet1"]) this.addSheet(name);
  }

  static emptyStats(): SimStats {
    return {
      syncs: 0,
      requests: [],
      largestRequestBytes: 0,
      largestResponseBytes: 0,
      longestAddress: 0,
      hostMs: 0,
      longestHostSliceMs: 0,
      hostYields: 0,
    };
  }

  resetStats(): void {
    this.stats = SimWorkbook.emptyStats();
  }

  /** Office.context.requirements.isSetSupported, for this simulated host. */
  isSetSupported(name: string, version = "1.1"): boolean {
    return name.toLowerCase() === "excelapi" && compareVersions(this.apiVersion, version) >= 0;
  }

  requireApi(version: string, what: string): void {
    if (!this.isSetSupported("ExcelApi", version)) fail("ApiNotFound", `${what} needs ExcelApi ${version}.`);
  }

  addSheet(name?: string): SimSheet {
    const chosen = name ?? this.freeSheetName();
    if (this.findSheet(chosen)) fail("ItemAlreadyExists", `A sheet named '${chosen}' already exists.`);
    const id = `{00000000-0001-0000-${String(this.nextSheetId++).padStart(4, "0")}-000000000000}`;
    const sheet = new SimSheet(
      chosen,
      id,
      (s, r, c, d) => this.sheetOrFail(s ?? "").value(r, c, d),
      () => this.date1904,
    );
    sheet.rename(chosen);
    this.sheets.push(sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  private freeSheetName(): string {
    for (let n = this.sheets.length + 1; ; n++) if (!this.findSheet(`Sheet${n}`)) return `Sheet${n}`;
  }

  findSheet(name: string): SimSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  sheetOrFail(name: string): SimSheet {
    return this.findSheet(name) ?? fail("ItemNotFound", `The worksheet '${name}' doesn't exist.`);
  }

  deleteSheet(sheet: SimSheet): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet)
      fail("InvalidOperation", "A workbook must have a visible sheet.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    if (this.activeSheet === sheet)
      this.activeSheet = this.sheets.find((s) => s.visibility === "Visible") ?? null;
  }

  /** "Customers!B5" or "B5" (active sheet). */
  resolve(address: string): { sheet: SimSheet; rect: Rect } {
    const area = parseArea(address);
    const sheet = area.sheet ? this.sheetOrFail(area.sheet) : (this.activeSheet ?? fail("ItemNotFound"));
    return { sheet, rect: area.rect };
  }

  // ---- cell-edit mode -----------------------------------------------------------------------------

  /** The user starts typing in a cell: batches fail unless run with delayForCellEdit. */
  startCellEdit(): void {
    this.cellEditing = true;
  }

  /** The user presses Enter: delayed batches go on. */
  endCellEdit(): void {
    this.cellEditing = false;
    for (const wake of this.cellEditWaiters.splice(0)) wake();
  }

  cellEditDone(): Promise<void> {
    if (!this.cellEditing) return Promise.resolve();
    return new Promise((resolve) => this.cellEditWaiters.push(resolve));
  }

  // ---- events -------------------------------------------------------------------------------------

  listen(scope: SimSheet | "all", listener: ChangeListener): () => void {
    let set = this.listeners.get(scope);
    if (!set) this.listeners.set(scope, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Delivers change events after the current task, as Excel does after a sync resolves. */
  emit(changes: ChangeRecord[]): void {
    for (const change of changes) {
      const targets = [...(this.listeners.get(change.sheet) ?? []), ...(this.listeners.get("all") ?? [])];
      for (const listener of targets) {
        const run = new Promise((resolve) => setTimeout(resolve, 0)).then(() => listener(change));
        this.pending.push(run.catch((error: unknown) => this.eventErrors.push(error)));
      }
    }
  }

  /**
   * Resolves when every event handler started so far (and any they started) has finished; rethrows the
   * first error a handler threw, which Excel would only have logged.
   */
  async idle(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      await Promise.all(batch);
    }
    const [first] = this.eventErrors.splice(0);
    if (first !== undefined) throw first;
  }

  /**
   * A user typing into cells: values are interpreted as typed, onChanged fires with triggerSource
   * "Unknown". An edit waits for a request the host is applying, as Excel does not interleave them.
   */
  async userEdit(address: string, value: unknown, source: "Local" | "Remote" = "Local"): Promise<void> {
    const { sheet, rect } = this.resolve(address);
    const grid = Array.isArray(value) ? (value as unknown[][]) : [[value]];
    const wait = this.host.acquire();
    if (wait) await wait;
    const before = sheet.value(rect.row, rect.col);
    try {
      for (let r = 0; r < rect.rows; r++) {
        for (let c = 0; c < rect.cols; c++) sheet.write(rect.row + r, rect.col + c, grid[r]?.[c] ?? null);
      }
    } finally {
      this.host.release();
    }
    const single = rect.rows === 1 && rect.cols === 1;
    const after = sheet.value(rect.row, rect.col);
    this.emit([{ sheet, rect, triggerSource: "Unknown", source, ...(single ? { before, after } : {}) }]);
    await this.idle();
  }

  // ---- read helpers for tests ----------------------------------------------------------------------

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): SimSheet {
    return this.sheetOrFail(name);
  }

  cell(address: string): CellSnapshot {
    const { sheet, rect } = this.resolve(address);
    const { row, col } = rect;
    const formula = sheet.formulas.get(row, col) ?? null;
    const f = sheet.formats;
    return {
      value: sheet.value(row, col),
      formula,
      isFormula: formula !== null,
      numberFormat: sheet.numberFormat(row, col),
      fill: f.get("fill", row, col) as string | null,
      pattern: patternAt(f, row, col),
      patternColor: f.get("patternColor", row, col) as string | null,
      fontColor: String(f.get("fontColor", row, col)),
      bold: f.get("bold", row, col) === true,
      italic: f.get("italic", row, col) === true,
      note: sheet.notes.get(noteKey(row, col))?.content ?? null,
      ...validationOf(sheet, row, col),
    };
  }

  /** Values of a rectangle, "" for empty cells, formulas evaluated. */
  values(address: string): CellValue[][] {
    const { sheet, rect } = this.resolve(address);
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.cols }, (_, c) => sheet.value(rect.row + r, rect.col + c)),
    );
  }

  usedRange(sheetName: string, valuesOnly = false): string | null {
    const sheet = this.sheetOrFail(sheetName);
    const rect = sheet.usedRect(valuesOnly);
    return rect ? formatAddress(sheet.name, rect) : null;
  }

  /** The pattern a user would see: a matching conditional format's fill is solid, else the cell's own. */
  displayPattern(address: string): { pattern: string; patternColor: string | null } {
    const { sheet, rect } = this.resolve(address);
    if (conditionalFill(sheet, rect.row, rect.col) !== null) return { pattern: "Solid", patternColor: null };
    const cell = this.cell(address);
    return { pattern: cell.pattern, patternColor: cell.patternColor };
  }

  /** The fill a user would see: a matching conditional format's fill, else the cell's own fill. */
  displayFill(address: string): string | null {
    const { sheet, rect } = this.resolve(address);
    return conditionalFill(sheet, rect.row, rect.col) ?? this.cell(address).fill;
  }
}

function validationOf(
  sheet: SimSheet,
  row: number,
  col: number,
): Pick<CellSnapshot, "validation" | "prompt"> {
  const [hit] = sheet.validationsIn({ row, col, rows: 1, cols: 1 });
  const prompt = hit?.entry.prompt;
  return {
    validation: hit ? validationType(hit.entry.rule) : "None",
    prompt: prompt?.showPrompt ? { title: prompt.title ?? "", message: prompt.message ?? "" } : null,
  };
}
