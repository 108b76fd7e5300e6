/**
 * What the task pane may know of the domain, re-exported here because src/taskpane imports only
 * src/workflows (layer rules).
 */
export type {
  DuplicateAction,
  MatchMode,
  FieldDef,
  ImportDetail,
  ImportSummary,
  OrganisationPicklist,
  PicklistTarget,
  RevertRow,
  ImportBalance,
  ImportBalances,
  BalancesRemoved,
  Me,
  RowResult,
  SchemaDocument,
  SheetDef,
  SheetName,
} from "../domain";
export { duplicateActions, matchModes, sheetNames, catalogOf, isOrganisationPicklist } from "../domain";
export { paneMessages } from "../domain/pane-messages";
export { diagnosticMessages } from "../domain/diagnostic-messages";
export { revertMessages } from "../domain/revert-messages";
export { balanceMessages } from "../domain/balance-messages";
export { CONTACT_PREFIX } from "./group-contacts";
export { compareRefs, groupPreview, inRowOrder, type PreviewGroup } from "./row-order";
export { delimiterChoices, type DelimiterChoice } from "./open-csv";
export { duplicateChoices, type DuplicateChoice } from "../import";
