import { messages, type FieldDef, type RecordValues, type SheetDef } from "../domain";
import { foldName } from "./fold-name";
import type { CellIssue } from "./issues";

/** How many customers a reference value names: by CRM ID, else customer number, else name. */
export interface CustomerIndex {
  count(value: string): number;
}

/** Number of CRM customers the value names (already fetched by the caller; 0 when unknown). */
export type CrmLookup = (value: string) => number;

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * An index of the workbook's customer rows (the Customers sheet's typed rows). Each of its three
 * maps is built on the first lookup that needs it: most sheets reference by one kind of value.
 */
export function indexCustomers(rows: readonly (RecordValues | null)[]): CustomerIndex {
  const build = (read: (r: RecordValues) => string | null) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = r ? read(r) : null;
      if (k) bump(m, k);
    }
    return m;
  };
  let ids: Map<string, number> | undefined;
  let numbers: Map<string, number> | undefined;
  let names: Map<string, number> | undefined;
  return {
    count(value) {
      ids ??= build((r) => (typeof r.crmId === "string" ? r.crmId : null));
      const byId = ids.get(value);
      if (byId) return byId;
      numbers ??= build((r) =>
        typeof r.customerNumber === "string" ? r.customerNumber.toLowerCase() : null,
      );
      const byNumber = numbers.get(value.toLowerCase());
      if (byNumber) return byNumber;
      names ??= build((r) => (typeof r.name === "string" ? foldName(r.name) : null));
      return names.get(foldName(value)) ?? 0;
    },
  };
}

export interface ReferenceOptions {
  workbook: CustomerIndex;
  crm?: CrmLookup;
  columnOf: ReadonlyMap<string, number>;
}

/**
 * Each reference cell (a contact's customer, a site's billing customer, a customer's headquarters)
 * must name exactly one customer: in the workbook first, else in the CRM. None or several is an
 * error on that cell. Lookups are memoised per value: many rows name the same head office.
 */
export function resolveReferences(
  rows: readonly (RecordValues | null)[],
  sheet: SheetDef,
  opts: ReferenceOptions,
): CellIssue[] {
  const refs = sheet.fields.filter((f) => f.kind === "reference" && f.refSheet === "customers");
  const issues: CellIssue[] = [];
  const memo = new Map<string, number>();
  const countOf = (value: string) => {
    let n = memo.get(value);
    if (n === undefined) {
      n = opts.workbook.count(value);
      if (n === 0 && opts.crm) n = opts.crm(value);
      memo.set(value, n);
    }
    return n;
  };
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r];
    if (!values) continue;
    for (const f of refs) {
      const v = values[f.key];
      if (typeof v !== "string" || v === "") continue;
      const n = countOf(v);
      if (n !== 1) issues.push(referenceIssue(r, f, v, n, opts.columnOf));
    }
  }
  return issues;
}

function referenceIssue(
  row: number,
  f: FieldDef,
  value: string,
  n: number,
  columnOf: ReadonlyMap<string, number>,
): CellIssue {
  return {
    row,
    column: columnOf.get(f.key) ?? null,
    field: f.key,
    severity: "error",
    message:
      n === 0 ? messages.referenceUnresolved(f.label, value) : messages.referenceAmbiguous(f.label, value, n),
  };
}
