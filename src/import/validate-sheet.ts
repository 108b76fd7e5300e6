import type { MatchKey, RecordValues, SheetDef } from "../domain";
import { findDuplicates } from "./find-duplicates";
import { columnIndex, type CellIssue, type RowStatus } from "./issues";
import { mapHeaders, type HeaderMapping } from "./map-headers";
import {
  indexCustomers,
  referenceValues,
  resolveReferences,
  type CrmLookup,
  type CustomerIndex,
} from "./resolve-references";
import { applySavedMapping } from "./saved-mapping";
import { detectColumnFormats } from "./detect-formats";
import { validateRows, type CellNote, type RowContext } from "./validate-rows";

export interface ValidateSheetOptions extends RowContext {
  /** Match keys for duplicates inside the file; none = no duplicate check. */
  matchKeys?: readonly MatchKey[];
  /** A mapping the user chose (wins), or one saved in settings (used when its signature fits). */
  mapping?: HeaderMapping;
  savedMapping?: unknown;
  /**
   * The workbook's customers for references. Omitted on the Customers sheet: its own rows are used
   * (headquarters point at other customers of the same file).
   */
  workbookCustomers?: CustomerIndex;
  crmLookup?: CrmLookup;
  /** Sheet row number (1-based) of the first data row, for messages; default 2 (header in row 1). */
  firstSheetRow?: number;
}

export interface SheetValidation {
  mapping: HeaderMapping;
  rows: (RecordValues | null)[];
  /** Sorted by row, then column; rows are 0-based data row indexes (see CellIssue). */
  issues: CellIssue[];
  /** Values understood from another spelling, to show (see CellNote). */
  notes: CellNote[];
  rowStatus: RowStatus[];
}

/**
 * The whole pure pipeline for one sheet: map headers, parse and check every row, find duplicates
 * in the file, resolve references. The Excel layer paints `issues` and `rowStatus`.
 */
export function validateSheet(
  header: readonly unknown[],
  grid: readonly (readonly unknown[] | undefined)[],
  sheet: SheetDef,
  options: ValidateSheetOptions,
): SheetValidation {
  const mapping =
    options.mapping ??
    (options.savedMapping !== undefined ? applySavedMapping(header, options.savedMapping, sheet) : null) ??
    mapHeaders(header, sheet);
  const columnOf = columnIndex(mapping.columns);
  const columnFormats = options.columnFormats ?? detectColumnFormats(grid, mapping.columns, sheet);
  const { rows, issues, notes } = validateRows(grid, mapping.columns, sheet, { ...options, columnFormats });
  if (options.matchKeys?.length)
    issues.push(
      ...findDuplicates(rows, options.matchKeys, sheet, {
        firstSheetRow: options.firstSheetRow ?? 2,
        columnOf,
      }),
    );
  const workbook = workbookFor(rows, sheet, options);
  if (workbook)
    issues.push(...resolveReferences(rows, sheet, { workbook, crm: options.crmLookup, columnOf }));
  issues.sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
  return { mapping, rows, issues, notes, rowStatus: statusOf(rows, issues) };
}

/**
 * The customers references are checked against: the caller's (another sheet's rows), the Customers
 * sheet's own rows, or none at all when only the CRM can answer.
 */
function workbookFor(
  rows: readonly (RecordValues | null)[],
  sheet: SheetDef,
  options: ValidateSheetOptions,
): CustomerIndex | undefined {
  if (options.workbookCustomers) return options.workbookCustomers;
  if (sheet.name === "customers") return indexCustomers(rows, referenceValues(rows, sheet));
  return options.crmLookup ? { count: () => 0 } : undefined;
}

function statusOf(rows: readonly (RecordValues | null)[], issues: readonly CellIssue[]): RowStatus[] {
  const status: RowStatus[] = rows.map((r) => (r ? "ready" : "blank"));
  for (const i of issues) {
    if (i.severity === "error") status[i.row] = "error";
    else if (status[i.row] === "ready") status[i.row] = "warning";
  }
  return status;
}
