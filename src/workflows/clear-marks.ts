import { clearSheetMarks } from "../excel";
import type { WorkflowDeps } from "./deps";
import { stopLiveCheck } from "./live-validation";
import { notify, setValidation } from "./store";
import { sheetMessages as text } from "../domain/sheet-messages";

/**
 * Clear marks: our fills, messages and statuses removed, each cell's own fill given back, and the
 * sheet's live check stopped (it starts again with the next Validate).
 */
export async function clearMarks(deps: WorkflowDeps, sheet?: string): Promise<void> {
  const name = await clearSheetMarks(deps.env, sheet);
  await stopLiveCheck(deps, name);
  setValidation(null);
  notify("success", text.marksCleared(name), name);
}
