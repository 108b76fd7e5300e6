/**
 * The one state the pane and the ribbon commands share: read it with getState, follow it with
 * subscribe, change it only through the named actions below. A command run with the pane closed
 * leaves its notification here; the pane shows it when it opens.
 */
import type { DuplicateAction, MatchMode, SchemaDocument, Severity, SheetName } from "../domain";
import type { DuplicateChoice } from "../import";

/** The CRM the pane is connected to, and how: signed in, or with a pasted personal token. */
export interface Connection {
  url: string;
  via: "sign-in" | "token";
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
  /**
   * Rows that repeat another ready row of the file on a match key: how many groups and rows, and
   * what the user chose to do with them (none chosen: every row goes, as the duplicate action says).
   */
  inFileDuplicates?: { groups: number; rows: number; choice: DuplicateChoice | null };
}

export interface ImportProgressView {
  rowsDone: number;
  rowsTotal: number;
  secondsLeft: number | null;
  /**
   * A download's phase: its records arriving from the CRM (no total known: `rowsDone` received), then
   * written into the sheet (`rowsDone` of `rowsTotal`). Absent for an import or a revert.
   */
  phase?: "receiving" | "writing";
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
  /**
   * Rows of batches the CRM never answered (it stopped answering): not failed, perhaps saved; the
   * import is kept open and the next Import continues it. Absent or 0 when every batch was answered.
   */
  noAnswer?: number;
  /** The conflicting rows, each with the CRM's value beside the user's (the first few dozen). */
  conflicts?: ConflictView[];
  /** The skipped rows, each with why (the first few dozen; the status column has them all). */
  skippedRows?: SkippedRowView[];
}

/** A row Import skipped: its reference ("Customers!3") and why ("matches customer X on Phone"). */
export interface SkippedRowView {
  ref: string;
  reason: string;
}

/** One field of a conflicting row: what the sheet says and what the CRM holds now. */
export interface ConflictField {
  key: string;
  label: string;
  /** Zero-based sheet column. */
  col: number;
  mine: string;
  theirs: string;
}

/** A row the CRM refused because its record changed since the download: keep mine or take theirs. */
export interface ConflictView {
  sheet: string;
  /** Which of the CRM's sheets the row belongs to. */
  target: SheetName;
  /** Zero-based sheet row. */
  row: number;
  crmId: string;
  /** The record's name as the CRM has it (or its ID). */
  name: string;
  /** The record's version now: keeping mine sends the row again against it. */
  version: number;
  fields: ConflictField[];
}

/** The options an import of a sheet was last run with: Validate's dry run and the ribbon use them. */
export interface SheetImportOptions {
  duplicateAction: DuplicateAction;
  matchKeys?: string[][];
  /** Ticked keys as alternatives (any) or combined (all); absent: the organisation's default. */
  matchMode?: MatchMode;
  defaults?: { accountManager?: string; campaign?: string; category?: string };
  notifyEmail?: string;
  /**
   * Whether the summary e-mail goes to the importer: sent with this import only, never kept with
   * the sheet (the CRM remembers it per user, and an import without it uses that).
   */
  mailMe?: boolean;
  /** In-file duplicate groups: import the first row, merge each group into one, or import all. */
  inFileDuplicates?: DuplicateChoice;
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
  /**
   * What the message is about (a sheet's name, "connection", "template"...): a newer message on the
   * same topic replaces the older one, so the pane never shows a stale "5 with errors" above "all 8
   * rows are ready".
   */
  topic: string;
}

/** How long a success or an information stays; errors and warnings stay until dismissed or replaced. */
export const TRANSIENT_MS = 8_000;

/** What a ribbon command asks the pane to show: the step that runs it, on the active sheet. */
export type PaneRequest = { kind: "validate" } | { kind: "import" } | { kind: "download"; sheet: SheetName };

export interface State {
  connection: Connection | null;
  schema: SchemaDocument | null;
  busy: string | null;
  validation: ValidationReport | null;
  progress: ImportProgressView | null;
  summary: ImportSummaryView | null;
  notifications: Notification[];
  /** The client is waiting before it tries the CRM again: until this time (ms since the epoch). */
  crmRetryAt: number | null;
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
  crmRetryAt: null,
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
/** New progress means the CRM answered: any wait for it is over. */
export const setProgress = (progress: ImportProgressView | null): void =>
  update({ progress, crmRetryAt: null });
/** The client waits `ms` before trying the CRM again; the pane says so while an import runs. */
export const noteCrmWait = (ms: number): void => update({ crmRetryAt: Date.now() + ms });
export const setSummary = (summary: ImportSummaryView | null): void => update({ summary });

export const rememberImportOptions = (sheet: string, options: SheetImportOptions): void =>
  update({ importOptions: { ...state.importOptions, [sheet]: options } });
export const setPredictions = (sheet: string, predictions: ReadonlyMap<string, Prediction>): void =>
  update({ predictions: { ...state.predictions, [sheet]: predictions } });

const timers = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * Tells the user something, as the latest word on its topic: the older message on that topic goes.
 * Successes and information expire after TRANSIENT_MS; errors and warnings stay until dismissed or
 * replaced by a newer message on their topic (a fixed sheet's "all rows are ready").
 */
export function notify(level: NotificationLevel, text: string, topic = "general"): number {
  const id = nextId++;
  for (const old of state.notifications) if (old.topic === topic) clearTimer(old.id);
  update({
    notifications: [...state.notifications.filter((n) => n.topic !== topic), { id, level, text, topic }],
  });
  if (level === "success" || level === "info") {
    const timer = setTimeout(() => dismiss(id), TRANSIENT_MS);
    // A pending expiry never keeps a Node process (a test, a bench) alive.
    (timer as { unref?: () => void }).unref?.();
    timers.set(id, timer);
  }
  return id;
}

function clearTimer(id: number): void {
  const timer = timers.get(id);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(id);
}

export function dismiss(id: number): void {
  clearTimer(id);
  if (state.notifications.some((n) => n.id === id))
    update({ notifications: state.notifications.filter((n) => n.id !== id) });
}

/** Removes what was said on a topic (its problem was resolved another way). */
export function clearTopic(topic: string): void {
  const gone = state.notifications.filter((n) => n.topic === topic);
  if (gone.length === 0) return;
  for (const n of gone) clearTimer(n.id);
  update({ notifications: state.notifications.filter((n) => n.topic !== topic) });
}

const paneListeners = new Set<(request: PaneRequest) => void>();

/** The pane listens for ribbon requests while it is mounted (in the shared runtime: always). */
export function listenForPaneRequests(listener: (request: PaneRequest) => void): () => void {
  paneListeners.add(listener);
  return () => paneListeners.delete(listener);
}

/** Hands a ribbon command to the pane; false when no pane is listening (the command runs itself). */
export function requestPane(request: PaneRequest): boolean {
  if (paneListeners.size === 0) return false;
  for (const listener of paneListeners) listener(request);
  return true;
}

/** Back to the first state (tests, sign-out). */
export function resetStore(): void {
  for (const id of [...timers.keys()]) clearTimer(id);
  state = initial;
  for (const l of listeners) l(state);
}
