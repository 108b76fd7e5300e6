import { catalogOf } from "../domain";
import { readSheetRows, watchEdits, type EditedRows, type StopWatching } from "../excel";
import { assess, sheetNameOf } from "./assess";
import { describeError, schemaOf, type WorkflowDeps } from "./deps";
import { loadSheetMapping } from "./sheet-mapping";
import { notify } from "./store";
import { paintAssessment } from "./validate-sheet";

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
