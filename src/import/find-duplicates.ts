import { matchKeyLabel, messages, type MatchKey, type RecordValues, type SheetDef } from "../domain";
import type { CellIssue } from "./issues";
import { matchKeyValue } from "./match-key";
import { ROWS_PER_STEP, drain, type Steps } from "./steps";

export interface DuplicateOptions {
  /** The sheet row number (1-based) of data row 0, for messages: 2 under a one-row header. */
  firstSheetRow: number;
  /** Where a field's column is, to place the issue on the key's first field. */
  columnOf: ReadonlyMap<string, number>;
}

/**
 * Rows that repeat an earlier row on a match key (same e-mail, same phone, same name + postal code,
 * compared as the domain's matchValue normalises them). Each repeat gets a warning on the key's first
 * field naming the sheet row it repeats; the first occurrence itself is not flagged. A warning, not
 * an error: the user chooses (duplicateGroups, resolveDuplicates) to import the first, merge them
 * into one, or import all; people who share a company's phone are not one customer.
 */
export function findDuplicates(
  rows: readonly (RecordValues | null)[],
  keys: readonly MatchKey[],
  sheet: SheetDef,
  opts: DuplicateOptions,
): CellIssue[] {
  return drain(findDuplicatesSteps(rows, keys, sheet, opts));
}

/** findDuplicates in steps of ROWS_PER_STEP rows (see steps.ts). */
export function* findDuplicatesSteps(
  rows: readonly (RecordValues | null)[],
  keys: readonly MatchKey[],
  sheet: SheetDef,
  opts: DuplicateOptions,
): Steps<CellIssue[]> {
  const labelOf = (key: string) => sheet.fields.find((f) => f.key === key)?.label ?? key;
  const issues: CellIssue[] = [];
  for (const key of keys) {
    const label = matchKeyLabel(key, labelOf);
    const field = key[0]!;
    const column = opts.columnOf.get(field) ?? null;
    const seen = new Map<string, number>();
    for (let r = 0; r < rows.length; r++) {
      if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const values = rows[r];
      if (!values) continue;
      const v = matchKeyValue(key, values);
      if (v === null) continue;
      const first = seen.get(v);
      if (first === undefined) seen.set(v, r);
      else
        issues.push({
          row: r,
          column,
          field,
          severity: "warning",
          message: messages.duplicateInFile(label, first + opts.firstSheetRow),
        });
    }
  }
  return issues;
}
