import { messages, type FieldDef, type RecordValues, type SheetDef } from "../domain";
import { foldName, isPlainName } from "./fold-name";
import type { CellIssue } from "./issues";
import { ROWS_PER_STEP, drain, type Steps } from "./steps";

/** How many customers a reference value names: by CRM ID, else customer number, else name. */
export interface CustomerIndex {
  count(value: string): number;
}

/** Number of CRM customers the value names (already fetched by the caller; 0 when unknown). */
export type CrmLookup = (value: string) => number;

/** Keys of one kind (ids, numbers or names) counted over the rows; `keep` skips rows cheaply. */
function* countKeys(
  rows: readonly (RecordValues | null)[],
  field: string,
  norm: (s: string) => string,
  keep: (s: string) => boolean,
): Steps<Map<string, number>> {
  const m = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const v = rows[i]?.[field];
    if (typeof v !== "string" || v === "" || !keep(v)) continue;
    const k = norm(v);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

const lower = (s: string) => s.toLowerCase();
const same = (s: string) => s;

/**
 * An index of the workbook's customer rows (the Customers sheet's typed rows) by CRM ID, customer
 * number (any case) and folded name. Given the values that will be looked up, it skips rows that
 * cannot match them without normalising their text (a plain name of another length cannot fold to
 * a wanted name): on 100,000 rows that is most of the work. Other values still count correctly.
 */
export function indexCustomers(
  rows: readonly (RecordValues | null)[],
  wanted?: Iterable<string>,
): CustomerIndex {
  const wantedSet = wanted ? new Set(wanted) : null;
  let partial: KeyMaps | undefined;
  let full: KeyMaps | undefined;
  return {
    count(value) {
      const maps = wantedSet?.has(value)
        ? (partial ??= drain(keyMaps(rows, wanted)))
        : (full ??= drain(keyMaps(rows)));
      return countIn(maps, value);
    },
  };
}

/**
 * The full index (every row counted), built now in steps: for a caller that gives the event loop a
 * turn while 100,000 rows are indexed. Counts the same as indexCustomers(rows).
 */
export function* indexCustomersSteps(rows: readonly (RecordValues | null)[]): Steps<CustomerIndex> {
  const maps = yield* keyMaps(rows);
  return { count: (value) => countIn(maps, value) };
}

interface KeyMaps {
  ids: Map<string, number>;
  numbers: Map<string, number>;
  names: Map<string, number>;
}

const countIn = (maps: KeyMaps, value: string): number =>
  maps.ids.get(value) ?? maps.numbers.get(value.toLowerCase()) ?? maps.names.get(foldName(value)) ?? 0;

/** The rows' keys counted; with `wanted`, rows that cannot name one of them are skipped cheaply. */
function* keyMaps(rows: readonly (RecordValues | null)[], wanted?: Iterable<string>): Steps<KeyMaps> {
  const want = wanted ? [...wanted] : null;
  const lengths = new Set(want?.map((w) => w.length));
  const names = new Set(want?.map(foldName).map((n) => n.length));
  return {
    ids: yield* countKeys(rows, "crmId", same, (s) => !want || lengths.has(s.length)),
    numbers: yield* countKeys(
      rows,
      "customerNumber",
      lower,
      (s) => !want || lengths.has(s.length) || !isPlainName(s),
    ),
    names: yield* countKeys(rows, "name", foldName, (s) => !want || names.has(s.length) || !isPlainName(s)),
  };
}

/** The reference values of a sheet's rows (what an index will be asked about). */
export function referenceValues(rows: readonly (RecordValues | null)[], sheet: SheetDef): Set<string> {
  const refs = sheet.fields
    .filter((f) => f.kind === "reference" && f.refSheet === "customers")
    .map((f) => f.key);
  const out = new Set<string>();
  for (const r of rows) {
    if (!r) continue;
    for (const k of refs) {
      const v = r[k];
      if (typeof v === "string" && v !== "") out.add(v);
    }
  }
  return out;
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
  return drain(resolveReferencesSteps(rows, sheet, opts));
}

/** resolveReferences in steps of ROWS_PER_STEP rows (see steps.ts). */
export function* resolveReferencesSteps(
  rows: readonly (RecordValues | null)[],
  sheet: SheetDef,
  opts: ReferenceOptions,
): Steps<CellIssue[]> {
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
    if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
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
