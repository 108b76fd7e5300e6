// The pure import pipeline: cells -> typed rows -> issues. No Office.js, no HTTP (see README.md).
export { validateSheet, type SheetValidation, type ValidateSheetOptions } from "./validate-sheet";
export {
  mapHeaders,
  CONFIDENCE,
  FUZZY_THRESHOLD,
  SUGGEST_THRESHOLD,
  type ColumnMatch,
  type HeaderMapping,
  type MapHeadersOptions,
  type MatchSource,
} from "./map-headers";
export { synonymBase, synonymGroups, type SynonymBase, type SynonymGroup } from "./header-synonyms";
export { qualifyHeader, type QualifiedHeader } from "./header-qualifiers";
export {
  checkContent,
  sampleColumn,
  valueFits,
  CONTENT_SAMPLE,
  FIT_SHARE,
  type ContentContext,
} from "./check-content";
export { proposeGrouping, type GroupingProposal } from "./detect-grouping";
export {
  proposeMapping,
  prefixedContacts,
  CONTACT_FIELD_PREFIX,
  type MappingProposal,
} from "./propose-mapping";
export {
  detectColumnFormats,
  detectDateOrder,
  detectDecimalMark,
  FORMAT_SAMPLE_ROWS,
  type ColumnFormat,
} from "./detect-formats";
export {
  duplicateChoices,
  duplicateGroups,
  resolveDuplicates,
  type DuplicateChoice,
  type DuplicateGroup,
  type DuplicateResolution,
} from "./resolve-duplicates";
export {
  applySavedMapping,
  headerSignature,
  saveMapping,
  savedMappingSchema,
  type SavedMapping,
} from "./saved-mapping";
export { normaliseHeader, diceSimilarity, headerTokens } from "./normalise-header";
export { parseCell, type ParseOptions } from "./parse-cell";
export {
  parseDateText,
  serialToIso,
  DAYS_1904,
  dateOrders,
  localeDateOrder,
  type DateOrder,
  type DateResult,
  type DefaultDateOrder,
} from "./parse-date";
export { monthOf } from "./parse-date-words";
export { parseNumberText, numberReadings, type DecimalMark } from "./parse-number";
export { parsePhoneText, parsePhoneNumberCell } from "./parse-phone";
export { cleanCellText, isBlankCell } from "./clean-cell";
export { validateRows, type CellNote, type RowContext, type ValidatedRows } from "./validate-rows";
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
