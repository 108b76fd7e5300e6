import { catalogOf } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { paintSheetMarks, readSheet, type SheetGrid } from "../excel";
import { assess, sheetNameOf, type Assessment } from "./assess";
import { WorkflowError, schemaOf, type WorkflowDeps } from "./deps";
import { loadSheetMapping } from "./sheet-mapping";
import { notify, setValidation } from "./store";

export interface ValidateOptions {
  /** The sheet to validate; the active sheet when omitted. */
  sheet?: string;
}

/** Marks, statuses and memories painted for an assessment. */
export async function paintAssessment(deps: WorkflowDeps, a: Assessment): Promise<void> {
  await paintSheetMarks(deps.env, a.grid.name, {
    frame: a.grid.frame,
    firstRow: a.grid.firstRow,
    memory: a.grid.rows.map((r) => r[a.grid.frame.marksCol] ?? null),
    marks: a.marks,
    statuses: a.statuses,
    promptTitle: a.sheet.title,
  });
}

/** Reads and checks a sheet without painting (import and live re-validation build on it). */
export async function assessSheet(deps: WorkflowDeps, options: ValidateOptions = {}): Promise<Assessment> {
  const schema = await schemaOf(deps);
  const grid: SheetGrid = await readSheet(deps.env, options.sheet);
  const name = sheetNameOf(grid, schema);
  if (!name) throw new WorkflowError(text.notOurSheet(grid.name));
  return assess(grid, catalogOf(schema)[name], schema, undefined, await loadSheetMapping(deps.env, grid));
}

/**
 * Validate: the sheet read in blocks, every row checked, each problem marked on its cell with its
 * message, each row's status written at the right, and the report put in the store for the pane.
 */
export async function validateSheet(deps: WorkflowDeps, options: ValidateOptions = {}): Promise<Assessment> {
  const a = await assessSheet(deps, options);
  await paintAssessment(deps, a);
  setValidation(a.report);
  notify(
    a.report.errorRows ? "warning" : "success",
    text.validated(a.grid.name, a.report.ready, a.report.errorRows),
    a.grid.name,
  );
  return a;
}
