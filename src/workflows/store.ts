/**
 * The one state the pane and the ribbon commands share: read it with getState, follow it with
 * subscribe, change it only through the named actions below. A command run with the pane closed
 * leaves its notification here; the pane shows it when it opens.
 */
import type { SchemaDocument, Severity } from "../domain";

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
}

const initial: State = {
  connection: null,
  schema: null,
  busy: null,
  validation: null,
  progress: null,
  summary: null,
  notifications: [],
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
