import { CrmClientError, createCrmClient, type CrmClient } from "../client";
import type { SchemaDocument } from "../domain";
import { paneMessages as paneText } from "../domain/pane-messages";
import { sheetMessages as text } from "../domain/sheet-messages";
import { officeEnv, officeHost, type AddinHost, type ExcelEnv } from "../excel";
import { liveCredentials, restoreSession } from "./session";
import { getState, noteCrmWait, setSchema, type Connection } from "./store";

/**
 * What a workflow needs from outside: Excel and the add-in's host (dialog, partitioned storage), both
 * injected for tests, and, optionally, a ready client.
 */
export interface WorkflowDeps {
  env: ExcelEnv;
  host?: AddinHost;
  client?: CrmClient;
  signal?: AbortSignal;
}

export const productionDeps = (): WorkflowDeps => ({ env: officeEnv, host: officeHost() });

export const hostOf = (deps: WorkflowDeps): AddinHost => deps.host ?? officeHost();

/** A failure the user can act on, in their words. */
export class WorkflowError extends Error {
  override readonly name = "WorkflowError";
}

/** The session kept for this user (never in the workbook, never in cells), resumed; null when none. */
export const loadConnection = (deps: WorkflowDeps): Promise<Connection | null> =>
  restoreSession(deps.env, hostOf(deps));

export async function clientOf(deps: WorkflowDeps): Promise<CrmClient> {
  if (deps.client) return deps.client;
  const credentials = liveCredentials() ?? ((await loadConnection(deps)) && liveCredentials());
  if (!credentials) throw new WorkflowError(text.noConnection);
  const { url, tokens } = credentials;
  return createCrmClient(
    typeof tokens === "string"
      ? { baseUrl: url, token: tokens, onRetryWait: noteCrmWait }
      : { baseUrl: url, auth: tokens, onRetryWait: noteCrmWait },
  );
}

/** The client when the add-in is connected (or was given one), else null: nothing is asked. */
export async function optionalClientOf(deps: WorkflowDeps): Promise<CrmClient | null> {
  if (deps.client) return deps.client;
  // Only a session already in use: restoring one would set the store's connection and drop its schema.
  const credentials = liveCredentials();
  if (!credentials) return null;
  const { url, tokens } = credentials;
  return createCrmClient(
    typeof tokens === "string" ? { baseUrl: url, token: tokens } : { baseUrl: url, auth: tokens },
  );
}

/** The CRM's schema, fetched once per connection and kept in the store. */
export async function schemaOf(deps: WorkflowDeps): Promise<SchemaDocument> {
  const cached = getState().schema;
  if (cached) return cached;
  const client = await clientOf(deps);
  const schema = await client.getSchema(deps.signal);
  setSchema(schema);
  return schema;
}

/**
 * Why the pane is back on its sign-in form: a refused kept sign-in is said as such there (the client's
 * "Your CRM token was refused: sign in again." reads wrong above the form that does it).
 */
export function describeConnectFailure(e: unknown): string {
  return e instanceof CrmClientError && e.kind === "auth" ? paneText.keptSignInRefused : describeError(e);
}

/** Words for the user: the client's and ours are already written for them; anything else is our bug. */
export function describeError(e: unknown): string {
  if (e instanceof WorkflowError || e instanceof CrmClientError) return e.message;
  return text.unexpected;
}
