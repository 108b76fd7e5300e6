/**
 * One row per person: exports of people (Pipedrive's "Person - ..." with "Organization - ...",
 * Salesforce contact reports) repeat the company's columns on every person's row. Found from the
 * values: the company's name (or its number, or the source system's organisation id) repeats across
 * rows while the person's columns (name, e-mail) differ. Such rows are persons of one company, not
 * duplicates; the Map step proposes grouping them, one customer per key and one contact per row.
 */
import type { SheetDef } from "../domain";
import { sampleColumn } from "./check-content";
import { cleanCellText } from "./clean-cell";
import { headerTokens } from "./normalise-header";

/** Rows looked at. */
const GROUPING_SAMPLE = 5_000;

export interface GroupingProposal {
  /** The grid column whose value names the customer of each row (a name, number or foreign id). */
  keyColumn: number;
  /** Customers the rows fold into, and the rows with a key, in the sample. */
  groups: number;
  rows: number;
  /**
   * Columns proposed for the customer that hold a person's values (they differ between rows of one
   * customer), with the contact field each should be: `contact:<key>`.
   */
  toContact: { column: number; field: string }[];
}

const keyText = (v: unknown): string =>
  v === null || v === undefined ? "" : cleanCellText(String(v)).toLowerCase().replace(/\s+/g, " ");

/** Non-blank keys of a column, by row, over the sample. */
function keysOf(grid: readonly (readonly unknown[] | undefined)[], column: number): Map<number, string> {
  const out = new Map<number, string>();
  const n = Math.min(grid.length, GROUPING_SAMPLE);
  for (let r = 0; r < n; r++) {
    const k = keyText(grid[r]?.[column]);
    if (k !== "") out.set(r, k);
  }
  return out;
}

/** A header naming the source system's organisation id: "Organization - ID", "Account ID", "Företags-ID". */
function isOrganisationId(header: string): boolean {
  const t = headerTokens(header);
  const org = t.some((w) =>
    ["organization", "organisation", "org", "account", "company", "foretags", "firma"].includes(w),
  );
  return org && t.some((w) => w === "id" || w === "guid");
}

/** How many rows of each group there are, and whether any group has more than one. */
function groupsOf(keys: Map<number, string>): Map<string, number[]> {
  const g = new Map<string, number[]>();
  for (const [r, k] of keys) g.set(k, [...(g.get(k) ?? []), r]);
  return g;
}

/**
 * The grouping a file of people calls for, or null when its rows are one customer each. `columns`
 * is the proposed mapping to the Customers sheet (contact fields as `contact:<key>`).
 */
export function proposeGrouping(
  headers: readonly string[],
  grid: readonly (readonly unknown[] | undefined)[],
  columns: readonly (string | null)[],
  contacts: SheetDef,
): GroupingProposal | null {
  const nameColumn = columns.indexOf("name");
  const numberColumn = columns.indexOf("customerNumber");
  const idColumn = headers.findIndex((h, c) => columns[c] === null && isOrganisationId(h));
  const personColumns = columns.flatMap((f, c) => (f?.startsWith("contact:") ? [c] : []));
  const candidates = [idColumn, numberColumn, nameColumn].filter((c) => c >= 0);
  for (const keyColumn of candidates) {
    const keys = keysOf(grid, keyColumn);
    const groups = groupsOf(keys);
    const repeated = [...groups.values()].filter((rows) => rows.length > 1);
    if (repeated.length === 0 || keys.size < 2) continue;
    const toContact = personLevel(grid, columns, repeated, contacts);
    // Repeating companies alone could be true duplicates: people's columns must tell the rows apart.
    const differs = personColumns.some((c) => variesWithin(grid, c, repeated)) || toContact.length > 0;
    if (!differs) continue;
    return { keyColumn, groups: groups.size, rows: keys.size, toContact };
  }
  return null;
}

/** Whether the column's values differ between rows of the same group in most repeated groups. */
function variesWithin(
  grid: readonly (readonly unknown[] | undefined)[],
  column: number,
  repeated: readonly number[][],
): boolean {
  let varying = 0;
  for (const rows of repeated) {
    const seen = new Set(rows.map((r) => keyText(grid[r]?.[column])).filter((v) => v !== ""));
    if (seen.size > 1) varying++;
  }
  return varying * 2 >= repeated.length && varying > 0;
}

/** Customer-mapped columns holding a person's values, and the contact field of the same meaning. */
function personLevel(
  grid: readonly (readonly unknown[] | undefined)[],
  columns: readonly (string | null)[],
  repeated: readonly number[][],
  contacts: SheetDef,
): GroupingProposal["toContact"] {
  const contactKeys = new Set(contacts.fields.map((f) => f.key));
  return columns.flatMap((f, column) => {
    if (!f || f.includes(":") || f === "name" || !contactKeys.has(f) || f === "crmId") return [];
    if (sampleColumn(grid, column).length === 0 || !variesWithin(grid, column, repeated)) return [];
    return [{ column, field: `contact:${f}` }];
  });
}
