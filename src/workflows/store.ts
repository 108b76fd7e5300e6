/**
 * The one state the pane and the ribbon commands share: read it with getState, follow it with
 * subscribe, change it only through the named actions below. A command run with the pane closed
 * leaves its notification here; the pane shows it when it opens.
 */
import type { DuplicateAction, SchemaDocument, Severity } from "../domain";

export interface Connection {
  url: string;
  token: string;
}

export interface MessageGroup {
  message: string;
  severity: Severity;
  count: number;
  /** Cell addresses ("Customers!E7"), the first ones up to a display limit. */
  cells: string[];
}

export interface ValidationReport {
  sheet: string;
  rows: number;
  ready: number;
  create: number;
  update: number;
  unchanged: number;
  /** Rows the CRM's dry run said would be skipped (they match a record and the action is Skip). */
  skip: number;
  /** Whether the CRM was asked (its dry run) what each row would do. */
  checkedWithCrm: boolean;
  errorRows: number;
  warningRows: number;
  byMessage: MessageGroup[];
}

export interface ImportProgressView {
  rowsDone: number;
  rowsTotal: number;
  secondsLeft: number | null;
}

export interface ImportSummaryView {
  sheet: string;
  importId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  conflict: number;
  /** Rows not sent because validation found errors. */
  invalid: number;
  notSent: number;
}

/** The options an import of a sheet was last run with: Validate's dry run and the ribbon use them. */
export interface SheetImportOptions {
  duplicateAction: DuplicateAction;
  matchKeys?: string[][];
  defaults?: { accountManager?: string; campaign?: string; category?: string };
  notifyEmail?: string;
}

/** What Validate's dry run said of a row: its outcome and status, for the row's cells as they were. */
export interface Prediction {
  outcome: string;
  status: string;
  hash: string;
}

export type NotificationLevel = "error" | "warning" | "success" | "info";
export interface Notification {
  id: number;
  level: NotificationLevel;
  text: string;
}

export interface State {
  connection: Connection | null;
  schema: SchemaDocument | null;
  busy: string | null;
  validation: ValidationReport | null;
  progress: ImportProgressView | null;
  summary: ImportSummaryView | null;
  notifications: Notification[];
  /** Per sheet title, the import options last chosen. */
  importOptions: Readonly<Record<string, SheetImportOptions>>;
  /** Per sheet title, what the last Validate's dry run said of each row (by the row's ref). */
  predictions: Readonly<Record<string, ReadonlyMap<string, Prediction>>>;
}

const initial: State = {
  connection: null,
  schema: null,
  busy: null,
  validation: null,
  progress: null,
  summary: null,
  notifications: [],
  importOptions: {},
  predictions: {},
};

let state: State = initial;
let nextId = 1;
const listeners = new Set<(s: State) => void>();

export const getState = (): State => state;

export function subscribe(listener: (s: State) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(patch: Partial<State>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

export const setConnection = (connection: Connection | null): void => update({ connection, schema: null });
export const setSchema = (schema: SchemaDocument | null): void => update({ schema });
export const setBusy = (busy: string | null): void => update({ busy });
export const setValidation = (validation: ValidationReport | null): void => update({ validation });
export const setProgress = (progress: ImportProgressView | null): void => update({ progress });
export const setSummary = (summary: ImportSummaryView | null): void => update({ summary });

export const rememberImportOptions = (sheet: string, options: SheetImportOptions): void =>
  update({ importOptions: { ...state.importOptions, [sheet]: options } });
export const setPredictions = (sheet: string, predictions: ReadonlyMap<string, Prediction>): void =>
  update({ predictions: { ...state.predictions, [sheet]: predictions } });

export function notify(level: NotificationLevel, text: string): number {
  const id = nextId++;
  update({ notifications: [...state.notifications, { id, level, text }] });
  return id;
}

export const dismiss = (id: number): void =>
  update({ notifications: state.notifications.filter((n) => n.id !== id) });

/** Back to the first state (tests, sign-out). */
export function resetStore(): void {
  state = initial;
  for (const l of listeners) l(state);
}
