/** Use cases, shared by the pane and the ribbon commands: each takes its dependencies explicitly. */
export * from "./store";
export { productionDeps, loadConnection, describeError, WorkflowError, type WorkflowDeps } from "./deps";
export { newTemplate } from "./new-template";
export { downloadCustomers, downloadRecords } from "./download-customers";
export { validateSheet, assessSheet, type ValidateOptions } from "./validate-sheet";
export { importSheet, type ImportOptions } from "./import-sheet";
export {
  startLiveValidation,
  ensureLiveCheck,
  stopLiveCheck,
  isLiveChecked,
  validateAndWatch,
} from "./live-validation";
export { clearMarks } from "./clear-marks";
