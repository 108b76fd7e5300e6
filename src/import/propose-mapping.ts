/**
 * A file's proposed mapping as the Map step shows it: each column's field from its header (the
 * customer's fields first, then, for a file of people, the contact fields as `contact:<key>`), every
 * proposal checked against the column's values, and whether the rows look like one per person.
 */
import type { SheetDef } from "../domain";
import { checkContent, type ContentContext } from "./check-content";
import { proposeGrouping, type GroupingProposal } from "./detect-grouping";
import { mapHeaders, type ColumnMatch } from "./map-headers";

export const CONTACT_FIELD_PREFIX = "contact:";

/** The contacts sheet with its fields under `contact:<key>` (the customer reference comes from grouping). */
export function prefixedContacts(contacts: SheetDef): SheetDef {
  const fields = contacts.fields.filter((f) => f.key !== "customer" && f.key !== "crmId");
  return { ...contacts, fields: fields.map((f) => ({ ...f, key: CONTACT_FIELD_PREFIX + f.key })) };
}

export interface MappingProposal {
  /** Per column: the customer's field, a `contact:<key>` (with `contacts`), or null. */
  matches: ColumnMatch[];
  /** Columns that fit several fields equally, with those fields. */
  ambiguous: Map<number, string[]>;
  /** One row per person, when the values say so (needs `contacts`). */
  grouping: GroupingProposal | null;
}

/**
 * Headers mapped to `sheet`, then (with `contacts`) the columns left to the contact fields; each
 * proposal checked against `rows`. When the rows are one per person, customer-mapped columns that
 * hold a person's values (an e-mail that differs between two people of one company) go to the contact.
 */
export function proposeMapping(
  headers: readonly string[],
  rows: readonly (readonly unknown[] | undefined)[],
  sheet: SheetDef,
  ctx: ContentContext & { contacts?: SheetDef },
): MappingProposal {
  const first = checkContent(mapHeaders(headers, sheet), rows, sheet, ctx);
  const ambiguous = new Map(first.ambiguous.map((a) => [a.column, a.candidates]));
  const matches = first.matches.map((m) => ({ ...m }));
  if (!ctx.contacts) return { matches, ambiguous, grouping: null };
  const people = prefixedContacts(ctx.contacts);
  const second = checkContent(mapHeaders(headers, people), rows, people, ctx);
  for (const m of matches) {
    const alt = second.matches[m.column];
    if (m.field || ambiguous.has(m.column) || !alt?.field) continue;
    m.field = alt.field;
    m.confidence = alt.confidence;
    if (alt.source) m.source = alt.source;
    delete m.suggestions;
  }
  const grouping = proposeGrouping(
    headers,
    rows,
    matches.map((m) => m.field),
    ctx.contacts,
  );
  // One column's proposal as the first pass would make it with no other column competing.
  const alone = (c: number) =>
    checkContent(
      mapHeaders([headers[c]], sheet),
      rows.map((r) => [r?.[c]]),
      sheet,
      ctx,
    ).matches[0];
  const taken = new Set(matches.map((m) => m.field));
  for (const move of grouping?.toContact ?? []) {
    if (taken.has(move.field)) continue;
    const m = matches[move.column]!;
    const freed = m.field;
    taken.delete(freed);
    taken.add(move.field);
    m.field = move.field;
    if (freed) reclaim(freed, move.column, first.duplicated, matches, ambiguous, alone);
  }
  return { matches, ambiguous, grouping };
}

/**
 * A customer field the grouping freed (a contact report's "Phone", the person's, went to the
 * contact) goes to the column that lost it to the moved one ("Account Phone"), when that column,
 * checked alone against its values, still names it and nothing else took it since.
 */
function reclaim(
  field: string,
  moved: number,
  duplicated: readonly { field: string; columns: number[] }[],
  matches: ColumnMatch[],
  ambiguous: ReadonlyMap<number, string[]>,
  alone: (column: number) => ColumnMatch | undefined,
): void {
  const lost = duplicated.find((d) => d.field === field && d.columns.includes(moved));
  for (const column of lost?.columns ?? []) {
    const m = matches[column];
    if (!m || column === moved || m.field !== null || ambiguous.has(column)) continue;
    const solo = alone(column);
    if (solo?.field !== field) continue;
    m.field = field;
    m.confidence = solo.confidence;
    if (solo.source) m.source = solo.source;
    delete m.suggestions;
    return;
  }
}
