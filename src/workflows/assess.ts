import {
  catalogOf,
  effectiveMatchKeys,
  messages,
  sheetNames,
  sheetOfTitle,
  type RecordValues,
  type SchemaDocument,
  type SheetDef,
  type SheetName,
  type MatchKey,
} from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import {
  cellAddress,
  drive,
  propertyKeys,
  rowHash,
  turns,
  type CellMark,
  type SheetGrid,
  type Turns,
} from "../excel";
import {
  ROWS_PER_STEP,
  findDuplicatesSteps,
  indexCustomersSteps,
  mapHeaders,
  detectColumnFormats,
  localeDateOrder,
  type ColumnFormat,
  resolveReferencesSteps,
  validateRows,
  columnIndex,
  duplicateGroups,
  resolveDuplicates,
  type CellIssue,
  type DuplicateChoice,
} from "../import";
import { columnsOf, type SheetMapping } from "./sheet-mapping";
import { withValueMaps } from "./mapped-values";
import { importOptionsFor } from "./import-options";
import type { MessageGroup, ValidationReport } from "./store";

/** "duplicate": a later row of an in-file duplicate group the user chose not to send (first / merge). */
export type RowAction = "create" | "update" | "unchanged" | "invalid" | "blank" | "duplicate";

export interface RowAssessment {
  /** Zero-based sheet row. */
  sheetRow: number;
  values: RecordValues | null;
  errors: number;
  warnings: number;
  crmId: string | null;
  version: number | null;
  action: RowAction;
  /** "all" for in-file duplicates: a later row of a group, created whatever it matches. */
  clone?: true;
  /** "duplicate": why the row is not sent (the row imported instead, or merged into). */
  leftOut?: string;
}

export interface Assessment {
  sheet: SheetDef;
  grid: SheetGrid;
  crmIdCol: number | null;
  /** The sheet column each field is read from. */
  columnOf: ReadonlyMap<string, number>;
  rows: RowAssessment[];
  marks: CellMark[];
  statuses: (string | null)[];
  report: ValidationReport;
}

/**
 * Rows parsed per call between two looks at the clock: a few milliseconds of work even before the
 * JIT has warmed up (the first 2,000-row slice once took 200 ms). The pane gets a turn every TURN_MS.
 */
const SLICE_ROWS = 250;
const CELLS_PER_MESSAGE = 20;

/** Which of our sheets this is: by the template's property, else by its title. */
export function sheetNameOf(grid: SheetGrid, schema: SchemaDocument): SheetName | undefined {
  const fromProperty = grid.properties[propertyKeys.sheet];
  const catalog = catalogOf(schema);
  const named = sheetNames.find((s) => s === fromProperty);
  if (named) return named;
  return sheetOfTitle(catalog, grid.name);
}

/** Awaits a turn of the event loop when the clock says so. */
async function turnIfDue(t: Turns): Promise<void> {
  const wait = t.check();
  if (wait) await wait;
}

async function pipeline(
  grid: SheetGrid,
  sheet: SheetDef,
  schema: SchemaDocument,
  t: Turns,
  chosen: SheetMapping | null,
  askCrm: boolean,
) {
  // The user's mapping when the sheet has one: a column they set to "Don't import" is never read.
  const mapping = {
    columns: withAddedCrmId(
      chosen ? columnsOf(grid.frame.headers, chosen, sheet) : mapHeaders(grid.frame.headers, sheet).columns,
      grid.frame.crmIdCol,
    ),
  };
  // Rows go in whole: only mapped columns (all before our own columns) are read.
  const data = chosen ? withValueMaps(grid.rows, mapping.columns, chosen.valueMaps) : grid.rows;
  const ctx = {
    closedPeriodThrough: schema.closedPeriodThrough,
    picklists: schema.picklists,
    dateOrder: null,
    columnFormats: formatsOf(data, mapping.columns, sheet, chosen),
    date1904: grid.date1904,
    // A date its column leaves ambiguous is read in the user's locale's order, with a warning.
    defaultDateOrder: localeDateOrder(grid.locale),
  };
  const rows: (RecordValues | null)[] = [];
  const issues: CellIssue[] = [];
  // Values understood from another spelling ("United States" -> US), shown in the row's status.
  const changes = new Map<number, string[]>();
  for (let start = 0; start < data.length; start += SLICE_ROWS) {
    const part = validateRows(data.slice(start, start + SLICE_ROWS), mapping.columns, sheet, ctx);
    for (const r of part.rows) rows.push(r);
    for (const i of part.issues) issues.push({ ...i, row: i.row + start });
    for (const n of part.notes) {
      const list = changes.get(n.row + start) ?? [];
      list.push(messages.normalised(n.from, n.to));
      changes.set(n.row + start, list);
    }
    await turnIfDue(t);
  }
  const columnOf = columnIndex(mapping.columns);
  const keys = inFileKeys(grid.name, sheet.name, schema);
  const duplicates = findDuplicatesSteps(rows, keys, sheet, { firstSheetRow: grid.firstRow + 1, columnOf });
  for (const i of await drive(duplicates, t)) issues.push(i);
  if (sheet.name === "customers") {
    const workbook = await drive(indexCustomersSteps(rows), t);
    // A headquarters the workbook does not hold is left to the CRM's dry run, when it is asked.
    const crm = askCrm ? () => 1 : undefined;
    for (const i of await drive(
      resolveReferencesSteps(rows, sheet, { workbook, columnOf, ...(crm ? { crm } : {}) }),
      t,
    ))
      issues.push(i);
  }
  return { rows, issues, changes, crmIdCol: columnOf.get("crmId") ?? null, columnOf };
}

/**
 * The CRM ID column an earlier import added after our own columns (frame.crmIdCol) is read as the
 * CRM ID, unless one of the sheet's own columns is mapped to it.
 */
function withAddedCrmId(columns: (string | null)[], added: number | null): (string | null)[] {
  if (added === null || columns.includes("crmId")) return columns;
  const out = Array.from({ length: added + 1 }, (_, i): string | null => columns[i] ?? null);
  out[added] = "crmId";
  return out;
}

/**
 * Each date and amount column's format: the user's choice on the Map step, else what the column's
 * own values settle (detected over the whole sheet, not per slice, so every row reads alike).
 */
function formatsOf(
  data: readonly (readonly unknown[])[],
  columns: readonly (string | null)[],
  sheet: SheetDef,
  chosen: SheetMapping | null,
): (ColumnFormat | null)[] {
  return detectColumnFormats(data, columns, sheet).map((f, col) => {
    const key = columns[col];
    if (!f || !key) return f;
    return {
      dateOrder: chosen?.dateOrders[key] ?? f.dateOrder,
      decimal: chosen?.decimalMarks[key] ?? f.decimal,
    };
  });
}

/** A ready row's status names the values read from another spelling, so no change is silent. */
function withChanges(
  status: string | null,
  action: RowAction,
  list: readonly string[] | undefined,
): string | null {
  if (!status || !list?.length || (action !== "create" && action !== "update")) return status;
  return status + text.readAs(list);
}

function statusOf(r: RowAssessment, hadStatus: boolean): string | null {
  const warn = r.warnings ? ` (${text.warnings(r.warnings)})` : "";
  switch (r.action) {
    case "blank":
      return hadStatus ? "" : null;
    case "invalid":
      return text.errors(r.errors);
    case "unchanged":
      return text.unchanged;
    case "update":
      return text.readyUpdate + warn;
    case "create":
      return text.readyCreate + warn;
    case "duplicate":
      return text.willSkip("");
  }
}

export function groupMessages(sheetTitle: string, marks: readonly CellMark[]): MessageGroup[] {
  const groups = new Map<string, MessageGroup>();
  for (const m of marks) {
    // Conflicts are the import's, listed with their choices; Validate's list holds its own checks.
    if (m.severity === "conflict") continue;
    const key = `${m.severity}|${m.message}`;
    const g: MessageGroup = groups.get(key) ?? {
      message: m.message,
      severity: m.severity,
      count: 0,
      cells: [],
    };
    groups.set(key, g);
    g.count++;
    if (g.cells.length < CELLS_PER_MESSAGE) g.cells.push(`${sheetTitle}!${cellAddress(m.row, m.col)}`);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

const parseVersion = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * A sheet read from Excel, checked with the import pipeline: per row its typed values, counts and
 * action (a downloaded row whose cells still hash as downloaded is unchanged and not sent), and the
 * marks and statuses to paint. The pane gets a turn every TURN_MS.
 */
/**
 * The keys rows of the file repeat each other on: those Import will match on (the sheet's last
 * chosen keys, else the organisation's), combined into one when they must all match together.
 */
function inFileKeys(gridName: string, target: SheetName, schema: SchemaDocument): MatchKey[] {
  const chosen = importOptionsFor(gridName, target);
  return effectiveMatchKeys(chosen.matchKeys ?? schema.defaultMatchKeys[target], chosen.matchMode ?? "any");
}

export async function assess(
  grid: SheetGrid,
  sheet: SheetDef,
  schema: SchemaDocument,
  t: Turns = turns(),
  chosen: SheetMapping | null = null,
  askCrm = false,
  duplicates: DuplicateChoice | null = null,
): Promise<Assessment> {
  const { rows, issues, changes, crmIdCol, columnOf } = await pipeline(
    grid,
    sheet,
    schema,
    t,
    chosen,
    askCrm,
  );
  const { frame, firstRow } = grid;
  const errorsOf = new Uint32Array(rows.length);
  const warningsOf = new Uint32Array(rows.length);
  const marks: CellMark[] = new Array<CellMark>(issues.length);
  for (let k = 0; k < issues.length; k++) {
    const i = issues[k]!;
    marks[k] = {
      row: firstRow + i.row,
      col: i.column ?? frame.statusCol,
      severity: i.severity,
      message: i.message,
    };
    (i.severity === "error" ? errorsOf : warningsOf)[i.row]! += 1;
    if (k % ROWS_PER_STEP === ROWS_PER_STEP - 1) await turnIfDue(t);
  }
  const assessed: RowAssessment[] = new Array<RowAssessment>(rows.length);
  const statuses: (string | null)[] = new Array<string | null>(rows.length);
  const tally: Record<RowAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    invalid: 0,
    blank: 0,
    duplicate: 0,
  };
  let warningRows = 0;
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]!;
    const cells = grid.rows[i]!;
    const errors = errorsOf[i]!;
    const warnings = warningsOf[i]!;
    const crmId = typeof values?.crmId === "string" && values.crmId ? values.crmId : null;
    const stored = cells[frame.hashCol];
    const unchanged =
      crmId !== null &&
      typeof stored === "string" &&
      stored === rowHash(cells, frame.dataCols, crmIdCol ?? -1);
    const action: RowAction = !values
      ? "blank"
      : errors
        ? "invalid"
        : unchanged
          ? "unchanged"
          : crmId
            ? "update"
            : "create";
    const r: RowAssessment = {
      sheetRow: firstRow + i,
      values,
      errors,
      warnings,
      crmId,
      version: parseVersion(cells[frame.versionCol]),
      action,
    };
    assessed[i] = r;
    statuses[i] = withChanges(statusOf(r, Boolean(cells[frame.statusCol])), r.action, changes.get(i));
    tally[action]++;
    if (warnings > 0 && errors === 0) warningRows++;
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) await turnIfDue(t);
  }
  const inFile = applyInFileDuplicates(
    assessed,
    statuses,
    inFileKeys(grid.name, sheet.name, schema),
    duplicates,
  );
  tally.create -= inFile.skipped;
  tally.duplicate += inFile.skipped;
  const report: ValidationReport = {
    sheet: grid.name,
    rows: assessed.length - tally.blank,
    ready: tally.create + tally.update,
    create: tally.create,
    update: tally.update,
    unchanged: tally.unchanged,
    skip: tally.duplicate,
    checkedWithCrm: false,
    errorRows: tally.invalid,
    warningRows,
    byMessage: groupMessages(grid.name, marks),
    ...(inFile.groups
      ? { inFileDuplicates: { groups: inFile.groups, rows: inFile.rows, choice: duplicates } }
      : {}),
  };
  return { sheet, grid, crmIdCol, columnOf, rows: assessed, marks, statuses, report };
}

/**
 * The user's choice for rows of the file that repeat each other on a match key (only rows that would
 * be created: a downloaded row is its record's, an invalid one is not sent): "first" leaves the later
 * rows of a group out, "merge" also fills the first row's blank fields from them (first filled value
 * per field), "all" sends the later rows as clones, created whatever they match. A row left out says
 * which row is imported for it. Returns the groups found, the rows in them and the rows left out.
 */
function applyInFileDuplicates(
  rows: RowAssessment[],
  statuses: (string | null)[],
  keys: readonly MatchKey[],
  choice: DuplicateChoice | null,
): { groups: number; rows: number; skipped: number } {
  const groups = duplicateGroups(
    rows.map((r) => (r.action === "create" ? r.values : null)),
    keys,
  );
  const inGroups = new Set(groups.flatMap((g) => g.rows)).size;
  if (!groups.length || !choice) return { groups: groups.length, rows: inGroups, skipped: 0 };
  if (choice === "all") {
    for (const g of groups) for (const i of g.rows.slice(1)) rows[i]!.clone = true;
    return { groups: groups.length, rows: inGroups, skipped: 0 };
  }
  const resolved = resolveDuplicates(
    rows.map((r) => r.values),
    groups,
    choice,
  );
  for (const { keptRow } of resolved.skipped) rows[keptRow]!.values = resolved.rows[keptRow] ?? null;
  for (const { row, keptRow } of resolved.skipped) {
    const r = rows[row]!;
    r.action = "duplicate";
    const kept = rows[keptRow]!.sheetRow + 1;
    r.leftOut =
      choice === "merge" ? messages.duplicateMergedInto(kept) : messages.duplicateImportedInstead(kept);
    statuses[row] = text.willSkip(r.leftOut);
  }
  return { groups: groups.length, rows: inGroups, skipped: resolved.skipped.length };
}
