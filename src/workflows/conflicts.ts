/**
 * Conflicts (issue 18): a downloaded row whose record the CRM changed since is refused as a
 * `conflict`. The add-in fetches the record as it is now, marks the cells where the sheet and the CRM
 * differ (the conflict style: docs/palette.md) with the CRM's value in each note, and the pane offers
 * per row: keep mine (the row takes the CRM's current version, so the next Import sends the user's
 * values over it) or take theirs (the CRM's values written into the row).
 */
import type { CrmClient } from "../client";
import { catalogOf, type FieldDef, type RecordValues, type Value } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { paintSheetMarks, readSheetRows, toCell, writeCells, type CellMark, type CellWrite } from "../excel";
import type { Assessment, RowAssessment } from "./assess";
import { clientOf, schemaOf, type WorkflowDeps } from "./deps";
import { getState, notify, setSummary, type ConflictField, type ConflictView } from "./store";

/** Records fetched after one import: the pane lists at most this many conflicts. */
export const MAX_CONFLICTS_SHOWN = 50;

const shown = (v: Value | undefined): string => {
  if (v === undefined || v === null || v === "") return "";
  if (typeof v === "boolean") return v ? text.yes : text.no;
  return String(v);
};

const same = (a: Value | undefined, b: Value | undefined): boolean => shown(a) === shown(b);

/** The fields where the sheet's row and the CRM's record differ, in sheet order. */
export function differences(
  fields: readonly FieldDef[],
  columnOf: ReadonlyMap<string, number>,
  mine: RecordValues,
  theirs: RecordValues,
): ConflictField[] {
  const out: ConflictField[] = [];
  for (const f of fields) {
    const col = columnOf.get(f.key);
    if (f.system || col === undefined || same(mine[f.key], theirs[f.key])) continue;
    out.push({ key: f.key, label: f.label, col, mine: shown(mine[f.key]), theirs: shown(theirs[f.key]) });
  }
  return out;
}

/** The marks of conflicting rows: each differing cell, its note naming the CRM's value. */
export const conflictMarks = (conflicts: readonly ConflictView[]): CellMark[] =>
  conflicts.flatMap((c) =>
    c.fields.map((f) => ({
      row: c.row,
      col: f.col,
      severity: "conflict" as const,
      message: text.conflictCell(f.theirs),
    })),
  );

/**
 * Repaints only the given rows' marks: rows between them are passed no memory and no status, so
 * paintMarks leaves them as they are. A row given a status gets it written (a long one with its
 * note, where notes exist); the others keep theirs.
 */
async function paintRows(
  deps: WorkflowDeps,
  sheet: string,
  rows: readonly number[],
  marks: CellMark[],
  promptTitle: string,
  statusOf: ReadonlyMap<number, string> = new Map(),
): Promise<void> {
  if (rows.length === 0) return;
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const grid = await readSheetRows(deps.env, sheet, first, last);
  const wanted = new Set(rows);
  await paintSheetMarks(deps.env, sheet, {
    frame: grid.frame,
    firstRow: grid.firstRow,
    memory: grid.rows.map((r, i) =>
      wanted.has(grid.firstRow + i) ? (r[grid.frame.marksCol] ?? null) : null,
    ),
    marks,
    statuses: grid.rows.map((_, i) => statusOf.get(grid.firstRow + i) ?? null),
    oldStatuses: grid.rows.map((r) => r[grid.frame.statusCol] ?? null),
    promptTitle,
  });
}

/** After an import: the conflicting rows' records fetched, compared, and their differing cells marked. */
export async function markConflicts(
  deps: WorkflowDeps,
  client: CrmClient,
  a: Assessment,
  rows: readonly RowAssessment[],
): Promise<ConflictView[]> {
  const views: ConflictView[] = [];
  const nameCol = a.sheet.fields.find(
    (f) => f.key === "name" || f.key === "firstName" || f.key === "siteName",
  );
  for (const r of rows.slice(0, MAX_CONFLICTS_SHOWN)) {
    if (!r.crmId || !r.values) continue;
    const record = await client.getRecord(a.sheet.name, r.crmId, deps.signal);
    views.push({
      sheet: a.grid.name,
      target: a.sheet.name,
      row: r.sheetRow,
      crmId: r.crmId,
      name: (nameCol && shown(record.values[nameCol.key])) || r.crmId,
      version: record.version,
      fields: differences(a.sheet.fields, a.columnOf, r.values, record.values),
    });
  }
  await paintRows(
    deps,
    a.grid.name,
    views.map((v) => v.row),
    conflictMarks(views),
    a.sheet.title,
  );
  return views;
}

export type ConflictChoice = "keepMine" | "takeTheirs";

/**
 * One row's conflict settled: keep mine writes the CRM's current version into the row (the next Import
 * updates the record with the sheet's values); take theirs writes the CRM's values into the differing
 * cells and its version. Either way the row's conflict marks go and its status says what was chosen;
 * the conflict leaves the pane's list.
 */
export async function resolveConflict(
  deps: WorkflowDeps,
  conflict: ConflictView,
  choice: ConflictChoice,
): Promise<void> {
  const grid = await readSheetRows(deps.env, conflict.sheet, conflict.row, conflict.row);
  const cells: CellWrite[] = [
    { row: conflict.row, col: grid.frame.versionCol, value: String(conflict.version) },
  ];
  if (choice === "takeTheirs") {
    const client = await clientOf(deps);
    const sheet = catalogOf(await schemaOf(deps))[conflict.target];
    const record = await client.getRecord(conflict.target, conflict.crmId, deps.signal);
    const fields = new Map(sheet.fields.map((f) => [f.key, f]));
    for (const f of conflict.fields) {
      const field = fields.get(f.key);
      if (field)
        cells.push({ row: conflict.row, col: f.col, value: toCell(field, record.values[f.key]) ?? "" });
    }
  }
  await writeCells(deps.env, conflict.sheet, cells);
  // The status goes with the repaint: "Keeping yours: ..." is longer than its column, so it gets a note.
  const status = choice === "keepMine" ? text.keptMine : text.tookTheirs;
  await paintRows(deps, conflict.sheet, [conflict.row], [], "", new Map([[conflict.row, status]]));
  const summary = getState().summary;
  if (summary?.conflicts) {
    setSummary({
      ...summary,
      conflicts: summary.conflicts.filter((c) => !(c.sheet === conflict.sheet && c.row === conflict.row)),
    });
  }
  notify(
    "success",
    choice === "keepMine" ? text.keptMineNote(conflict.name) : text.tookTheirsNote(conflict.name),
    conflict.sheet,
  );
}
