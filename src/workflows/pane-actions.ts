/**
 * Everything the task pane can ask of the add-in, as one object of functions. The pane receives it
 * through a React context, so component tests pass fakes; productionPaneActions wires the real
 * workflows to the live Excel env.
 */
import { importRows } from "../client";
import type {
  Me,
  BalancesRemoved,
  ImportBalances,
  DuplicateAction,
  MatchMode,
  ImportDetail,
  RevertSummary,
  ImportRow,
  PicklistTarget,
  RecordValues,
  SchemaDocument,
  SheetName,
} from "../domain";
import { clientOf, productionDeps, loadConnection, schemaOf, type WorkflowDeps } from "./deps";
import {
  applyMapping,
  inspectSheet,
  loadSavedMapping,
  storeMapping,
  type FieldChoices,
  type MappingChoice,
  type SheetInspection,
} from "./column-mapping";
import { connect, signIn, signOut, type ConnectResult } from "./connect";
import { runDiagnostics, type DiagnosticsReport } from "./diagnostics";
import {
  downloadRecords,
  downloadRisk,
  type DownloadChoice,
  type DownloadOutcome,
} from "./download-customers";
import { listImports, openImport, openReport, type ImportHistoryPage } from "./history";
import {
  customerLedger,
  importBalances,
  removeImportBalances,
  selectedCustomerId,
  type CustomerLedger,
} from "./balances";
import { importSheet } from "./import-sheet";
import { previewRevert, revertImport, type RevertReport } from "./revert-import";
import { newTemplate } from "./new-template";
import { openCsv, type DelimiterChoice, type OpenedCsv } from "./open-csv";
import { selectCell } from "../excel";
import type { DuplicateChoice } from "../import";
import type { PreviewRow } from "./row-order";
import { setSchema, type Connection, type ImportSummaryView, type ValidationReport } from "./store";
import { assessSheet, importOptionsFor } from "./validate-sheet";
import { importOpening } from "./import-options";
import { validateAndWatch } from "./live-validation";
import { clearMarks } from "./clear-marks";
import { resolveConflict, type ConflictChoice } from "./conflicts";
import type { ConflictView } from "./store";

export interface ImportDefaults {
  accountManager?: string;
  campaign?: string;
  category?: string;
}

export interface PaneImportOptions {
  sheet: string;
  duplicateAction: DuplicateAction;
  matchKeys: string[][];
  /** Ticked keys as alternatives (any) or combined (all); absent: the organisation's default. */
  matchMode?: MatchMode;
  defaults: ImportDefaults;
  notifyEmail?: string;
  /** The summary e-mail to the importer's own address (left out: their choice the CRM remembers). */
  mailMe?: boolean;
}

/** An import as History shows it, with its revert when one ran. */
export type ImportHistoryDetail = ImportDetail & { revert?: RevertSummary | null };

export type { PreviewRow } from "./row-order";

export interface PaneActions {
  loadConnection(): Promise<Connection | null>;
  /** The CRM's schema (fetched once per connection); fails when the kept token no longer works. */
  loadSchema(): Promise<SchemaDocument>;
  /** Signs in with the CRM account, through the CRM's sign-in page in a dialog. */
  signIn(url: string): Promise<ConnectResult>;
  /** Connects with a pasted personal API token. */
  connect(url: string, token: string): Promise<ConnectResult>;
  signOut(): Promise<void>;
  newTemplate(sheets: SheetName[]): Promise<void>;
  /** The sheet a download would write into, and its rows that are unsent or edited since download. */
  downloadRisk(sheet: SheetName): Promise<DownloadRisk>;
  /**
   * Every record of the sheet from the CRM into its template sheet, as `choice` says when the sheet
   * holds unsent or edited rows; the signal cancels while they arrive.
   */
  download(sheet: SheetName, signal: AbortSignal, choice: DownloadChoice): Promise<DownloadOutcome>;
  inspectSheet(name?: string): Promise<SheetInspection>;
  openCsv(file: { name: string; bytes: Uint8Array }, delimiter: DelimiterChoice): Promise<OpenedCsv>;
  loadSavedMapping(headers: string[]): Promise<unknown>;
  saveMapping(headers: string[], columns: (string | null)[], choices?: FieldChoices): Promise<void>;
  applyMapping(choice: MappingChoice): Promise<string[]>;
  /**
   * A source value added to one of the organisation's picklists or a custom picklist field's options
   * (an admin's choice on the Map step), then the schema fetched again so the value is an option everywhere.
   */
  addPicklistValue(target: PicklistTarget, value: string): Promise<SchemaDocument>;
  /** Validate, then the live check: edited cells are checked again as the user changes them. */
  validate(sheet: string, inFileDuplicates?: DuplicateChoice): Promise<ValidationReport>;
  /** Clear marks on a sheet (the active one when none is named); the live check stops. */
  clearMarks(sheet?: string): Promise<void>;
  /** One conflicting row settled: keep the sheet's values, or take the CRM's into the sheet. */
  resolveConflict(conflict: ConflictView, choice: ConflictChoice): Promise<void>;
  selectCell(address: string): Promise<void>;
  preview(options: PaneImportOptions): Promise<PreviewRow[]>;
  importSheet(options: PaneImportOptions, signal: AbortSignal): Promise<ImportSummaryView>;
  /** The options a ribbon Import runs with on this sheet (no Options step in between). */
  importOptionsFor(sheet: string, target: SheetName): Promise<PaneImportOptions>;
  listImports(after?: string): Promise<ImportHistoryPage>;
  openImport(id: string): Promise<ImportHistoryDetail>;
  /** The import's report page of the CRM, in the user's browser. */
  openReport(id: string): Promise<void>;
  /** What reverting the import would do (a dry run: nothing written). */
  previewRevert(importId: string): Promise<RevertReport>;
  /** The revert, batch by batch (`onProgress`: rows done), then the sheet's rows marked. */
  revertImport(
    importId: string,
    sheet: SheetName,
    signal: AbortSignal,
    onProgress: (done: number) => void,
  ): Promise<RevertReport>;
  /** "Check this Excel": harmless probes of the host, in a scratch sheet removed afterwards. */
  runDiagnostics(): Promise<DiagnosticsReport>;
  /** The opening balances an import booked, and whether this user may delete them. */
  importBalances(importId: string): Promise<ImportBalances>;
  /** Deletes an import's opening balances (a closed period's reversed by a counter-entry). */
  removeImportBalances(importId: string): Promise<BalancesRemoved>;
  /** A customer's accounting entries with the balance after each. */
  customerLedger(customerId: string): Promise<CustomerLedger>;
  /** The CRM ID of the customer on the sheet's selected row. */
  selectedCustomerId(): Promise<string>;
  /** Who is signed in: their address, and whether import summaries are e-mailed to them. */
  loadMe(): Promise<Me>;
}

const refOf = (sheet: string, row: number): string => `${sheet}!${row + 1}`;

/**
 * A dry run: the sheet checked, its valid rows sent to an import opened with dryRun, and the CRM's
 * answer per row returned; nothing is written to the CRM or to the sheet.
 */
export async function previewImport(deps: WorkflowDeps, options: PaneImportOptions): Promise<PreviewRow[]> {
  const client = await clientOf(deps);
  const a = await assessSheet(deps, { sheet: options.sheet });
  const toSend = a.rows.filter((r) => r.action === "create" || r.action === "update");
  if (toSend.length === 0) return [];
  const opened = await client.createImport({
    sheet: a.sheet.name,
    ...importOpening(options),
    dryRun: true,
    source: a.grid.name,
  });
  const rows: ImportRow[] = toSend.map((r) => {
    const values: RecordValues = { ...(r.values ?? {}) };
    delete values.crmId;
    return {
      ref: refOf(a.grid.name, r.sheetRow),
      ...(r.crmId ? { crmId: r.crmId } : {}),
      ...(r.crmId && r.version ? { version: r.version } : {}),
      values,
      ...(r.clone ? { clone: true } : {}),
    };
  });
  const result = await importRows(client, opened.id, rows, deps.signal ? { signal: deps.signal } : {});
  await client.finishImport(opened.id);
  return result.results.map((r) => ({
    ref: r.ref,
    outcome: r.outcome,
    messages: r.errors.map((e) => e.message),
  }));
}

/** Adds a value to a picklist in the CRM, then refreshes the schema the pane and workflows use. */
export async function addPicklistValue(
  deps: WorkflowDeps,
  target: PicklistTarget,
  value: string,
): Promise<SchemaDocument> {
  const client = await clientOf(deps);
  await client.addPicklistValue(target, value, deps.signal);
  const schema = await client.getSchema(deps.signal);
  setSchema(schema);
  return schema;
}

/** The import workflow with all the pane's options; they become the sheet's last chosen options. */
export async function importWithOptions(
  deps: WorkflowDeps,
  options: PaneImportOptions,
): Promise<ImportSummaryView> {
  return importSheet(deps, {
    sheet: options.sheet,
    duplicateAction: options.duplicateAction,
    matchKeys: options.matchKeys,
    ...(options.matchMode ? { matchMode: options.matchMode } : {}),
    defaults: options.defaults,
    ...(options.notifyEmail ? { notifyEmail: options.notifyEmail } : {}),
    ...(options.mailMe !== undefined ? { mailMe: options.mailMe } : {}),
  });
}

/**
 * The options an Import starts from (the ribbon's, and the pane's Import options step): those last
 * chosen for this sheet, else the organisation's defaults from the schema (its duplicate action,
 * match keys and how they combine; no default values).
 */
export async function ribbonImportOptions(
  deps: WorkflowDeps,
  sheet: string,
  target: SheetName,
): Promise<PaneImportOptions> {
  const schema = await schemaOf(deps);
  const chosen = importOptionsFor(sheet, target);
  return {
    sheet,
    duplicateAction: chosen.duplicateAction,
    matchKeys: chosen.matchKeys ?? schema.defaultMatchKeys[target],
    ...(chosen.matchMode ? { matchMode: chosen.matchMode } : {}),
    defaults: chosen.defaults ?? {},
    ...(chosen.notifyEmail ? { notifyEmail: chosen.notifyEmail } : {}),
  };
}

/** The real actions, on the live workbook. */
export function productionPaneActions(base: WorkflowDeps = productionDeps()): PaneActions {
  const withSignal = (signal: AbortSignal): WorkflowDeps => ({ ...base, signal });
  return {
    loadConnection: () => loadConnection(base),
    loadSchema: () => schemaOf(base),
    signIn: (url) => signIn(base, { url }),
    connect: (url, token) => connect(base, { url, token }),
    signOut: () => signOut(base),
    newTemplate: async (sheets) => void (await newTemplate(base, sheets)),
    downloadRisk: (sheet) => downloadRisk(base, sheet),
    download: (sheet, signal, choice) => downloadRecords(withSignal(signal), sheet, choice),
    inspectSheet: (name) => inspectSheet(base, name),
    openCsv: (file, delimiter) => openCsv(base, file, delimiter),
    loadSavedMapping: (headers) => loadSavedMapping(base, headers),
    saveMapping: (headers, columns, choices) => storeMapping(base, headers, columns, choices),
    applyMapping: (choice) => applyMapping(base, choice),
    addPicklistValue: (target, value) => addPicklistValue(base, target, value),
    validate: async (sheet, inFileDuplicates) =>
      (await validateAndWatch(base, { sheet, ...(inFileDuplicates ? { inFileDuplicates } : {}) })).report,
    clearMarks: (sheet) => clearMarks(base, sheet),
    resolveConflict: (conflict, choice) => resolveConflict(base, conflict, choice),
    selectCell: (address) => selectCell(base.env, address),
    preview: (options) => previewImport(base, options),
    importSheet: (options, signal) => importWithOptions(withSignal(signal), options),
    importOptionsFor: (sheet, target) => ribbonImportOptions(base, sheet, target),
    listImports: (after) => listImports(base, after),
    openImport: (id) => openImport(base, id),
    openReport: (id) => openReport(base, id),
    previewRevert: (id) => previewRevert(base, id),
    revertImport: (id, sheet, signal, onProgress) => revertImport(withSignal(signal), id, sheet, onProgress),
    runDiagnostics: () => runDiagnostics(base),
    importBalances: (id) => importBalances(base, id),
    removeImportBalances: (id) => removeImportBalances(base, id),
    customerLedger: (id) => customerLedger(base, id),
    selectedCustomerId: () => selectedCustomerId(base),
    loadMe: async () => (await clientOf(base)).getMe(),
  };
}

export type {
  ConnectResult,
  FieldChoices,
  ImportHistoryPage,
  MappingChoice,
  OpenedCsv,
  SheetInspection,
  DelimiterChoice,
};
export type { RevertReport };
export type { CustomerLedger, LedgerRow } from "./balances";
export type { DownloadChoice, DownloadOutcome } from "./download-customers";
/** The sheet a download writes into and its rows that must not be lost without asking. */
export interface DownloadRisk {
  sheet: string;
  unsent: number;
  edited: number;
}
export type { DiagnosticsReport } from "./diagnostics";
export type { Connection, ConflictView, ImportSummaryView, ValidationReport } from "./store";
export type { ConflictChoice } from "./conflicts";
