/**
 * Rows as History and the dry run show them: in the sheet's order (row 10 before 13 before 105, not
 * as text), and a dry run's answers grouped by what would happen and why, with counts, instead of one
 * line per row.
 */

/** One row's answer in a dry run. */
export interface PreviewRow {
  ref: string;
  outcome: string;
  messages: string[];
}

/** Rows that would end the same way for the same reason. */
export interface PreviewGroup {
  outcome: string;
  /** The reasons, joined; empty when the CRM gave none (a row that would be created). */
  message: string;
  count: number;
  /** The first rows of the group, in sheet order, up to the display limit. */
  refs: string[];
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** "Customers!10" < "Customers!13" < "Customers!105": refs compared with their numbers as numbers. */
export const compareRefs = (a: string, b: string): number => collator.compare(a, b);

/** Sorted copy of `items` by their `ref`, numerically. */
export const inRowOrder = <T extends { ref: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => compareRefs(a.ref, b.ref));

/** The outcomes in the order the user reads them: what gets written first, problems last. */
const OUTCOME_ORDER = ["created", "updated", "unchanged", "skipped", "conflict", "failed"];
const rank = (outcome: string): number => {
  const i = OUTCOME_ORDER.indexOf(outcome);
  return i < 0 ? OUTCOME_ORDER.length : i;
};

/** Rows grouped by outcome and message, each with its count and first refs (sheet order). */
export function groupPreview(rows: readonly PreviewRow[], refsShown = 5): PreviewGroup[] {
  const groups = new Map<string, PreviewGroup>();
  for (const r of inRowOrder(rows)) {
    const message = r.messages.join(" ");
    const key = `${r.outcome}\u0000${message}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { outcome: r.outcome, message, count: 0, refs: [] }));
    g.count++;
    if (g.refs.length < refsShown) g.refs.push(r.ref);
  }
  return [...groups.values()].sort((a, b) => rank(a.outcome) - rank(b.outcome) || b.count - a.count);
}
