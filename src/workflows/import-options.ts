/**
 * The options an import of a sheet runs with: those last chosen for the sheet (the pane's Import
 * options step, Validate's in-file duplicate choice), else the organisation's defaults from the schema
 * (duplicate action, match keys, alternative or combined keys). Validate's dry run, the pane's Import
 * and the ribbon's Import all open their import from them (`importOpening`).
 */
import type { CreateImport, SheetName } from "../domain";
import { getState, type SheetImportOptions } from "./store";

/** The import options last chosen for a sheet, else the organisation's defaults (Skip, any key, its keys). */
export function importOptionsFor(sheet: string, target?: SheetName): SheetImportOptions {
  const chosen = getState().importOptions[sheet];
  if (chosen) return chosen;
  const schema = getState().schema;
  const org = schema?.importDefaults;
  return {
    duplicateAction: org?.duplicateAction ?? "skip",
    ...(org ? { matchMode: org.matchMode } : {}),
    ...(schema && target ? { matchKeys: schema.defaultMatchKeys[target] } : {}),
  };
}

/** What an import is opened with from a sheet's options (a key left out: the organisation's default). */
export function importOpening(
  options: SheetImportOptions,
): Pick<CreateImport, "duplicateAction" | "matchKeys" | "matchMode" | "defaults"> {
  return {
    duplicateAction: options.duplicateAction,
    ...(options.matchKeys ? { matchKeys: options.matchKeys } : {}),
    ...(options.matchMode ? { matchMode: options.matchMode } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
  };
}
