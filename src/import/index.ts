// The pure import pipeline: cells -> typed rows -> issues. No Office.js, no HTTP (see README.md).
export { validateSheet, type SheetValidation, type ValidateSheetOptions } from "./validate-sheet";
export { mapHeaders, FUZZY_THRESHOLD, type ColumnMatch, type HeaderMapping } from "./map-headers";
export {
  applySavedMapping,
  headerSignature,
  saveMapping,
  savedMappingSchema,
  type SavedMapping,
} from "./saved-mapping";
export { normaliseHeader, diceSimilarity } from "./normalise-header";
export { parseCell, type ParseOptions } from "./parse-cell";
export { parseDateText, serialToIso, dateOrders, type DateOrder } from "./parse-date";
export { parseNumberText } from "./parse-number";
export { parsePhoneText, parsePhoneNumberCell } from "./parse-phone";
export { cleanCellText, isBlankCell } from "./clean-cell";
export { validateRows, type RowContext, type ValidatedRows } from "./validate-rows";
export { findDuplicates, findDuplicatesSteps, type DuplicateOptions } from "./find-duplicates";
export {
  indexCustomers,
  indexCustomersSteps,
  referenceValues,
  resolveReferences,
  resolveReferencesSteps,
  type CrmLookup,
  type CustomerIndex,
} from "./resolve-references";
export { columnIndex, type CellIssue, type RowStatus } from "./issues";
export { matchKeyValue } from "./match-key";
export { drain, ROWS_PER_STEP, type Steps } from "./steps";
