import {
  messages,
  ownerField,
  phoneNeedsCountry,
  validateRecord,
  type FieldDef,
  type RecordValues,
  type SheetDef,
} from "../domain";
import { columnIndex, type CellIssue } from "./issues";
import { CellReader, type ParseOptions } from "./parse-cell";
import type { ColumnFormat } from "./detect-formats";
import type { DateOrder, DefaultDateOrder } from "./parse-date";

export interface RowContext {
  /** Opening balances dated on or before this ISO day are refused. */
  closedPeriodThrough: string | null;
  picklists: Readonly<Record<string, readonly string[]>>;
  dateOrder: DateOrder | null;
  /**
   * Per grid column, its own date order and decimal mark (detectColumnFormats, or the user's choice
   * on the Map step); a column without one reads dates in `dateOrder` and amounts by the usual rules.
   */
  columnFormats?: readonly (ColumnFormat | null | undefined)[];
  /**
   * How a date that still reads two ways is read (the user's locale's order), with a warning naming
   * both readings; day first when not given.
   */
  defaultDateOrder?: DefaultDateOrder;
  /** Country for phones of rows that have no Country cell (the organisation's own). */
  country?: string | null;
  /** The workbook uses the 1904 date system (dates in cells are 1904 serials). */
  date1904?: boolean;
}

export interface ValidatedRows {
  /** Typed values per data row (only mapped fields); null for a blank row. */
  rows: (RecordValues | null)[];
  issues: CellIssue[];
  /** Values read from another spelling ("United States" -> US, "16 Feb 2026" -> 2026-02-16). */
  notes: CellNote[];
}

/** A cell whose value was understood from another spelling: shown to the user, never silent. */
export interface CellNote {
  row: number;
  column: number;
  field: string;
  /** The text as the cell had it. */
  from: string;
  /** The canonical value it was read as. */
  to: string;
}

interface Slot {
  column: number;
  field: FieldDef;
}

/** The mapped columns, Country first: phones need the row's country. */
function slotsOf(columns: readonly (string | null)[], sheet: SheetDef): Slot[] {
  const byKey = new Map(sheet.fields.map((f) => [f.key, f]));
  const slots: Slot[] = [];
  columns.forEach((key, column) => {
    const field = key === null ? undefined : byKey.get(key);
    if (field) slots.push({ column, field });
  });
  return slots.sort((a, b) => Number(b.field.key === "country") - Number(a.field.key === "country"));
}

/**
 * Every data row parsed cell by cell and checked with the domain's row rules. Blank rows (no mapped
 * cell with content) give null and no issues. Issues carry 0-based data row indexes (see CellIssue).
 */
export function validateRows(
  grid: readonly (readonly unknown[] | undefined)[],
  columns: readonly (string | null)[],
  sheet: SheetDef,
  ctx: RowContext,
): ValidatedRows {
  const slots = slotsOf(columns, sheet);
  const columnOf = columnIndex(columns);
  const rows: (RecordValues | null)[] = new Array(grid.length);
  const issues: CellIssue[] = [];
  const notes: CellNote[] = [];
  const present = new Set<string>();
  const opts: ParseOptions = {
    dateOrder: ctx.dateOrder,
    country: ctx.country ?? null,
    picklists: ctx.picklists,
    date1904: ctx.date1904 ?? false,
    defaultDateOrder: ctx.defaultDateOrder ?? "DMY",
  };
  const reader = new CellReader(opts);
  // Every row starts as a clone of one object: the same shape for all rows, so stores stay fast.
  const template: RecordValues = {};
  for (const { field } of slots) template[field.key] = null;
  const rule = { closedPeriodThrough: ctx.closedPeriodThrough };
  const owner = ownerField(sheet);
  const deferred = owner ? deferredPhones(sheet, owner) : null;
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    if (!cells) {
      rows[r] = null;
      continue;
    }
    // Cloning one template gives every row the same object shape from the start (fast property stores).
    const values: RecordValues = { ...template };
    const firstIssue = issues.length;
    let filled = 0;
    present.clear();
    opts.country = ctx.country ?? null;
    for (let s = 0; s < slots.length; s++) {
      const { column, field } = slots[s]!;
      const format = ctx.columnFormats?.[column];
      opts.dateOrder = format?.dateOrder ?? ctx.dateOrder;
      opts.decimal = format?.decimal ?? null;
      const value = reader.read(cells[column], field);
      if (reader.changedFrom !== undefined && value !== null)
        notes.push({ row: r, column, field: field.key, from: reader.changedFrom, to: String(value) });
      values[field.key] = value;
      const issue = reader.issue;
      if (value !== null) filled++;
      if (issue) {
        filled++;
        present.add(field.key);
        issues.push({ row: r, column, field: field.key, severity: issue.severity, message: issue.message });
      } else if (s === 0 && field.key === "country" && typeof value === "string") opts.country = value;
    }
    if (filled === 0) {
      issues.length = firstIssue;
      while (notes.length && notes[notes.length - 1]!.row === r) notes.pop();
      rows[r] = null;
      continue;
    }
    rows[r] = values;
    if (deferred && typeof values[owner!.key] === "string" && typeof values.country !== "string")
      for (let k = firstIssue; k < issues.length; k++) {
        const later = deferred.get(`${issues[k]!.field}\u001f${issues[k]!.message}`);
        if (later) issues[k] = { ...issues[k]!, severity: "warning", message: later };
      }
    for (const i of validateRecord(sheet, values, rule, present))
      issues.push({ row: r, column: i.field === null ? null : (columnOf.get(i.field) ?? null), ...i });
  }
  return { rows, issues, notes };
}

/**
 * A phone with no +code on a row with no Country, on a sheet whose rows name their customer (a
 * contact's, a site's): the CRM reads it with that customer's Country, so it is a warning here, not
 * an error; the CRM's dry run says whether it reads. Keyed by field and the error's message.
 */
function deferredPhones(sheet: SheetDef, owner: FieldDef): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of sheet.fields)
    if (f.kind === "phone")
      out.set(`${f.key}\u001f${phoneNeedsCountry(f)}`, messages.phoneWithOwnersCountry(f.label, owner.label));
  return out;
}
