import {
  catalogOf,
  sheetOfTitle,
  type RecordValues,
  type SchemaDocument,
  type SheetDef,
  type SheetName,
} from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { cellAddress, propertyKeys, rowHash, type CellMark, type SheetGrid } from "../excel";
import {
  findDuplicates,
  indexCustomers,
  mapHeaders,
  resolveReferences,
  validateRows,
  columnIndex,
  type CellIssue,
} from "../import";
import { pause } from "./deps";
import type { MessageGroup, ValidationReport } from "./store";

export type RowAction = "create" | "update" | "unchanged" | "invalid" | "blank";

export interface RowAssessment {
  /** Zero-based sheet row. */
  sheetRow: number;
  values: RecordValues | null;
  errors: number;
  warnings: number;
  crmId: string | null;
  version: number | null;
  action: RowAction;
}

export interface Assessment {
  sheet: SheetDef;
  grid: SheetGrid;
  crmIdCol: number | null;
  rows: RowAssessment[];
  marks: CellMark[];
  statuses: (string | null)[];
  report: ValidationReport;
}

/** Rows parsed per slice, so a long sheet gives the pane a turn every few milliseconds. */
const SLICE_ROWS = 2_000;
const CELLS_PER_MESSAGE = 20;

/** Which of our sheets this is: by the template's property, else by its title. */
export function sheetNameOf(grid: SheetGrid, schema: SchemaDocument): SheetName | undefined {
  const fromProperty = grid.properties[propertyKeys.sheet];
  const catalog = catalogOf(schema);
  if (fromProperty === "customers" || fromProperty === "contacts" || fromProperty === "sites")
    return fromProperty;
  return sheetOfTitle(catalog, grid.name);
}

async function pipeline(grid: SheetGrid, sheet: SheetDef, schema: SchemaDocument) {
  const mapping = mapHeaders(grid.frame.headers, sheet);
  const ctx = {
    closedPeriodThrough: schema.closedPeriodThrough,
    picklists: schema.picklists,
    dateOrder: null,
  };
  // Rows go in whole: only mapped columns (all before our own columns) are read.
  const data = grid.rows;
  const rows: (RecordValues | null)[] = [];
  const issues: CellIssue[] = [];
  for (let start = 0; start < data.length; start += SLICE_ROWS) {
    const part = validateRows(data.slice(start, start + SLICE_ROWS), mapping.columns, sheet, ctx);
    for (const r of part.rows) rows.push(r);
    for (const i of part.issues) issues.push({ ...i, row: i.row + start });
    await pause();
  }
  const columnOf = columnIndex(mapping.columns);
  const keys = schema.defaultMatchKeys[sheet.name];
  issues.push(...findDuplicates(rows, keys, sheet, { firstSheetRow: grid.firstRow + 1, columnOf }));
  if (sheet.name === "customers")
    issues.push(...resolveReferences(rows, sheet, { workbook: indexCustomers(rows), columnOf }));
  return { rows, issues, crmIdCol: columnOf.get("crmId") ?? null };
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
  }
}

function groupMessages(sheetTitle: string, marks: readonly CellMark[]): MessageGroup[] {
  const groups = new Map<string, MessageGroup>();
  for (const m of marks) {
    const key = `${m.severity}|${m.message}`;
    const g = groups.get(key) ?? { message: m.message, severity: m.severity, count: 0, cells: [] };
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
 * marks and statuses to paint.
 */
export async function assess(grid: SheetGrid, sheet: SheetDef, schema: SchemaDocument): Promise<Assessment> {
  const { rows, issues, crmIdCol } = await pipeline(grid, sheet, schema);
  const { frame, firstRow } = grid;
  const marks: CellMark[] = issues.map((i) => ({
    row: firstRow + i.row,
    col: i.column ?? frame.statusCol,
    severity: i.severity,
    message: i.message,
  }));
  const counts = rows.map(() => ({ errors: 0, warnings: 0 }));
  for (const i of issues) counts[i.row]![i.severity === "error" ? "errors" : "warnings"]++;
  const assessed: RowAssessment[] = rows.map((values, i) => {
    const cells = grid.rows[i]!;
    const { errors, warnings } = counts[i]!;
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
    return {
      sheetRow: firstRow + i,
      values,
      errors,
      warnings,
      crmId,
      version: parseVersion(cells[frame.versionCol]),
      action,
    };
  });
  const statuses = assessed.map((r, i) => statusOf(r, Boolean(grid.rows[i]![frame.statusCol])));
  const count = (a: RowAction) => assessed.filter((r) => r.action === a).length;
  const report: ValidationReport = {
    sheet: grid.name,
    rows: assessed.length - count("blank"),
    ready: count("create") + count("update"),
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    errorRows: count("invalid"),
    warningRows: assessed.filter((r) => r.warnings > 0 && r.errors === 0).length,
    byMessage: groupMessages(grid.name, marks),
  };
  return { sheet, grid, crmIdCol, rows: assessed, marks, statuses, report };
}
