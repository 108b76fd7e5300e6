import { catalogOf } from "../domain";
import { readSheetRows, watchEdits, type EditedRows, type ExcelEnv, type StopWatching } from "../excel";
import { assess, sheetNameOf } from "./assess";
import { describeError, schemaOf, type WorkflowDeps } from "./deps";
import { loadSheetMapping } from "./sheet-mapping";
import { notify } from "./store";
import { paintAssessment, validateSheet, type ValidateOptions } from "./validate-sheet";
import type { Assessment } from "./assess";

/** The edited rows read again, checked, and their marks and statuses repainted. */
export async function revalidateRows(deps: WorkflowDeps, edit: EditedRows): Promise<void> {
  const schema = await schemaOf(deps);
  const grid = await readSheetRows(deps.env, edit.sheet, edit.first, edit.last);
  const name = sheetNameOf(grid, schema);
  if (!name || grid.rows.length === 0) return;
  const chosen = await loadSheetMapping(deps.env, grid);
  await paintAssessment(deps, await assess(grid, catalogOf(schema)[name], schema, undefined, chosen));
}

/**
 * After the user edits a validated sheet, the edited rows are checked again and their marks updated;
 * the add-in's own writes do not count as edits (see watchEdits). Only those rows are read, so
 * duplicates against other rows wait for the next full Validate.
 */
export function startLiveValidation(deps: WorkflowDeps, sheet: string): Promise<StopWatching> {
  let running: Promise<void> = Promise.resolve();
  return watchEdits(deps.env, sheet, (edit) => {
    running = running.then(async () => {
      try {
        await revalidateRows(deps, edit);
      } catch (e) {
        notify("error", describeError(e), sheet);
      }
    });
    return running;
  });
}

/** The sheets under a live check, per workbook (env): one watcher per sheet, however often validated. */
const watched = new WeakMap<ExcelEnv, Map<string, Promise<StopWatching>>>();

const watchersOf = (env: ExcelEnv): Map<string, Promise<StopWatching>> => {
  const found = watched.get(env);
  if (found) return found;
  const made = new Map<string, Promise<StopWatching>>();
  watched.set(env, made);
  return made;
};

export const isLiveChecked = (deps: WorkflowDeps, sheet: string): boolean => watchersOf(deps.env).has(sheet);

/** Starts the live check of a sheet unless it runs already. */
export async function ensureLiveCheck(deps: WorkflowDeps, sheet: string): Promise<void> {
  const watchers = watchersOf(deps.env);
  if (watchers.has(sheet)) return;
  // Without the signal of the run that started it: the check outlives that run.
  const { signal: _signal, ...lasting } = deps;
  const started = startLiveValidation(lasting, sheet);
  watchers.set(sheet, started);
  try {
    await started;
  } catch (e) {
    watchers.delete(sheet);
    throw e;
  }
}

/** Stops the live check of a sheet (all sheets when none is named). */
export async function stopLiveCheck(deps: WorkflowDeps, sheet?: string): Promise<void> {
  const watchers = watchersOf(deps.env);
  const names = sheet === undefined ? [...watchers.keys()] : [sheet];
  for (const name of names) {
    const stop = watchers.get(name);
    watchers.delete(name);
    if (stop) await (await stop)().catch(() => undefined);
  }
}

/**
 * Validate, then keep the sheet checked as the user edits it: a fixed cell loses its mark and a new
 * mistake gets one, with no second Validate. What the pane and the ribbon run.
 */
export async function validateAndWatch(
  deps: WorkflowDeps,
  options: ValidateOptions = {},
): Promise<Assessment> {
  const a = await validateSheet(deps, options);
  await ensureLiveCheck(deps, a.grid.name);
  return a;
}
