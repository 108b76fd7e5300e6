/**
 * A file with one row per contact person repeats the company's columns on every row. Grouping those
 * rows by the chosen match keys gives one customer row and one contact row per person.
 */
import type { CellValue } from "../excel";

/** A contact column's choice carries this prefix; plain keys are customer fields. */
export const CONTACT_PREFIX = "contact:";

export interface GroupedRows {
  customerFields: string[];
  contactFields: string[];
  /** One row per customer, in the order of first appearance, values in customerFields' order. */
  customers: CellValue[][];
  /** One row per contact; the first cell names its customer (by customer number, else name). */
  contacts: CellValue[][];
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v).trim());
const isBlank = (row: readonly CellValue[]): boolean => row.every((v) => text(v) === "");

/**
 * The key of a row under the first match key whose fields are all filled (case and spacing folded);
 * null when none is, so that row stands alone.
 */
function groupKeyOf(values: Map<string, string>, matchKeys: readonly (readonly string[])[]): string | null {
  for (const key of matchKeys) {
    const parts = key.map((f) => values.get(f) ?? "");
    if (parts.every((p) => p !== ""))
      return `${key.join("+")}=${parts.map((p) => p.toLowerCase().replace(/\s+/g, " ")).join("\u0000")}`;
  }
  return null;
}

/** The key of a row by one column's value (folded like a match key); null when that cell is blank. */
function columnKeyOf(row: readonly CellValue[], column: number): string | null {
  const v = text(row[column]);
  return v === "" ? null : `#${column}=${v.toLowerCase().replace(/\s+/g, " ")}`;
}

/**
 * Rows grouped into customers by the match keys (customer field keys), or by the value of one
 * column of the file (any column: the source system's organisation id need not be imported); each
 * row with any contact field filled becomes a contact of its customer. `columns` holds a choice per
 * column: a customer field key, `contact:<key>` for a contact field, or null.
 */
export function groupContactRows(
  rows: readonly (readonly CellValue[])[],
  columns: readonly (string | null)[],
  groupBy: readonly (readonly string[])[] | number,
): GroupedRows {
  const customerCols = columns.flatMap((c, i) =>
    c && !c.startsWith(CONTACT_PREFIX) ? [[i, c] as const] : [],
  );
  const contactCols = columns.flatMap((c, i) =>
    c?.startsWith(CONTACT_PREFIX) ? [[i, c.slice(CONTACT_PREFIX.length)] as const] : [],
  );
  const customerFields = customerCols.map(([, f]) => f);
  const byKey = new Map<string, CellValue[]>();
  const customers: CellValue[][] = [];
  const contacts: CellValue[][] = [];
  for (const row of rows) {
    if (isBlank(row)) continue;
    const values = new Map(customerCols.map(([i, f]) => [f, text(row[i])]));
    const key = typeof groupBy === "number" ? columnKeyOf(row, groupBy) : groupKeyOf(values, groupBy);
    let customer = key === null ? undefined : byKey.get(key);
    if (!customer) {
      customer = customerCols.map(([i]) => row[i] ?? null);
      customers.push(customer);
      if (key !== null) byKey.set(key, customer);
    } else {
      // A later row may fill what the first left blank (a phone only given on one contact's row).
      customerCols.forEach(([i], k) => {
        if (text(customer![k]) === "" && text(row[i]) !== "") customer![k] = row[i] ?? null;
      });
    }
    const contact = contactCols.map(([i]) => row[i] ?? null);
    if (contact.some((v) => text(v) !== "")) contacts.push([customerReferenceOf(values), ...contact]);
  }
  return { customerFields, contactFields: contactCols.map(([, f]) => f), customers, contacts };
}

/** How a contact row names its customer: the customer number when there is one, else the name. */
const customerReferenceOf = (values: Map<string, string>): string =>
  values.get("customerNumber") || values.get("name") || "";
