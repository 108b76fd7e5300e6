import { clearSheetMarks } from "../excel";
import type { WorkflowDeps } from "./deps";
import { setValidation } from "./store";

/** Clear marks: our fills, messages and statuses removed, each cell's own fill given back. */
export async function clearMarks(deps: WorkflowDeps, sheet?: string): Promise<void> {
  await clearSheetMarks(deps.env, sheet);
  setValidation(null);
}
