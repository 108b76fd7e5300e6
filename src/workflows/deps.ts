import { z } from "zod";
import { CrmClientError, createCrmClient, type CrmClient } from "../client";
import type { SchemaDocument } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { officeEnv, readConnectionSetting, writeConnectionSetting, type ExcelEnv } from "../excel";
import { getState, noteCrmWait, setConnection, setSchema, type Connection } from "./store";

/** What a workflow needs from outside: Excel (injected for tests) and, optionally, a ready client. */
export interface WorkflowDeps {
  env: ExcelEnv;
  client?: CrmClient;
  signal?: AbortSignal;
}

export const productionDeps = (): WorkflowDeps => ({ env: officeEnv });

/** A failure the user can act on, in their words. */
export class WorkflowError extends Error {
  override readonly name = "WorkflowError";
}

const connectionSchema = z.object({ url: z.string().url().max(2_000), token: z.string().min(1).max(4_096) });

/** The connection from the workbook's add-in settings (never from cells), parsed; null when absent or malformed. */
export async function loadConnection(env: ExcelEnv): Promise<Connection | null> {
  const parsed = connectionSchema.safeParse(await readConnectionSetting(env));
  const connection = parsed.success ? parsed.data : null;
  setConnection(connection);
  return connection;
}

export async function saveConnection(env: ExcelEnv, connection: Connection): Promise<void> {
  const parsed = connectionSchema.parse(connection);
  await writeConnectionSetting(env, parsed);
  setConnection(parsed);
}

export async function clientOf(deps: WorkflowDeps): Promise<CrmClient> {
  if (deps.client) return deps.client;
  const connection = getState().connection ?? (await loadConnection(deps.env));
  if (!connection) throw new WorkflowError(text.noConnection);
  return createCrmClient({ baseUrl: connection.url, token: connection.token, onRetryWait: noteCrmWait });
}

/** The client when the add-in is connected (or was given one), else null: nothing is asked. */
export async function optionalClientOf(deps: WorkflowDeps): Promise<CrmClient | null> {
  if (deps.client) return deps.client;
  // Read without storing: loadConnection would set the store's connection and drop its schema.
  const connection =
    getState().connection ?? connectionSchema.safeParse(await readConnectionSetting(deps.env)).data;
  return connection ? createCrmClient({ baseUrl: connection.url, token: connection.token }) : null;
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

/** Words for the user: the client's and ours are already written for them; anything else is our bug. */
export function describeError(e: unknown): string {
  if (e instanceof WorkflowError || e instanceof CrmClientError) return e.message;
  return text.unexpected;
}
