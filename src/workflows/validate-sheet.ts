import { CrmClientError } from "../client";
import { catalogOf } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { paintSheetMarks, readSheet, type SheetGrid } from "../excel";
import { assess, groupMessages, sheetNameOf, type Assessment } from "./assess";
import { WorkflowError, optionalClientOf, schemaOf, type WorkflowDeps } from "./deps";
import { predictFates } from "./predict";
import { importOptionsFor } from "./import-options";
import { loadSheetMapping } from "./sheet-mapping";
import type { DuplicateChoice } from "../import";
import { clearTopic, notify, rememberImportOptions, setValidation } from "./store";

/**
 * The topic of "the CRM could not be asked" for a sheet: beside the sheet's own message (which the
 * validation's result replaces), and gone once a later Validate of the sheet reached the CRM.
 */
export const crmTopicOf = (sheet: string): string => `${sheet} (CRM)`;

export interface ValidateOptions {
  /** The sheet to validate; the active sheet when omitted. */
  sheet?: string;
  /** The choice for in-file duplicates; kept with the sheet's import options. Else the last chosen. */
  inFileDuplicates?: DuplicateChoice;
}

/** Marks, statuses and memories painted for an assessment. */
export async function paintAssessment(deps: WorkflowDeps, a: Assessment): Promise<void> {
  await paintSheetMarks(deps.env, a.grid.name, {
    frame: a.grid.frame,
    firstRow: a.grid.firstRow,
    memory: a.grid.rows.map((r) => r[a.grid.frame.marksCol] ?? null),
    marks: a.marks,
    statuses: a.statuses,
    oldStatuses: a.grid.rows.map((r) => r[a.grid.frame.statusCol] ?? null),
    promptTitle: a.sheet.title,
  });
}

export { importOptionsFor } from "./import-options";

/**
 * Reads and checks a sheet without painting (import and live re-validation build on it). With
 * `askCrm`, a reference the workbook does not hold is left for the CRM to resolve.
 */
export async function assessSheet(
  deps: WorkflowDeps,
  options: ValidateOptions = {},
  askCrm = false,
): Promise<Assessment> {
  const schema = await schemaOf(deps);
  const grid: SheetGrid = await readSheet(deps.env, options.sheet);
  const name = sheetNameOf(grid, schema);
  if (!name) throw new WorkflowError(text.notOurSheet(grid.name));
  const mapping = await loadSheetMapping(deps.env, grid);
  const duplicates = options.inFileDuplicates ?? importOptionsFor(grid.name).inFileDuplicates ?? null;
  return assess(grid, catalogOf(schema)[name], schema, undefined, mapping, askCrm, duplicates);
}

/**
 * Validate: the sheet read in blocks, every row checked, then, when connected, the CRM asked what
 * each valid row would become (its dry run, with the options last chosen for the sheet); each
 * problem marked on its cell with its message, each row's status written at the right, and the
 * report put in the store for the pane.
 */
export async function validateSheet(deps: WorkflowDeps, options: ValidateOptions = {}): Promise<Assessment> {
  const client = await optionalClientOf(deps);
  const a = await assessSheet(deps, options, client !== null);
  if (options.inFileDuplicates)
    rememberImportOptions(a.grid.name, {
      ...importOptionsFor(a.grid.name),
      inFileDuplicates: options.inFileDuplicates,
    });
  if (client) {
    try {
      await predictFates(client, a, importOptionsFor(a.grid.name, a.sheet.name), deps.signal);
      a.report.byMessage = groupMessages(a.grid.name, a.marks);
      // An earlier "could not be asked" on this sheet is stale now.
      clearTopic(crmTopicOf(a.grid.name));
    } catch (e) {
      // The add-in's own checks still stand; the pane says the CRM was not asked, and why.
      if (!(e instanceof CrmClientError)) throw e;
      notify("warning", text.notCheckedWithCrm(e.message), crmTopicOf(a.grid.name));
    }
  }
  await paintAssessment(deps, a);
  setValidation(a.report);
  notify(
    a.report.errorRows ? "warning" : "success",
    text.validated(a.grid.name, a.report.ready, a.report.errorRows, a.report.skip),
    a.grid.name,
  );
  return a;
}
