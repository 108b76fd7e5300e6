/**
 * Connecting the pane to a CRM: the address and token are checked by fetching the schema, and only a
 * pair that worked is kept (in the workbook's add-in settings, through deps.saveConnection).
 */
import { z } from "zod";
import { createCrmClient, CrmClientError, type CrmClient, type CrmClientOptions } from "../client";
import type { SchemaDocument } from "../domain";
import { paneMessages as text } from "../domain/pane-messages";
import { writeConnectionSetting } from "../excel";
import { describeError, saveConnection, type WorkflowDeps } from "./deps";
import { resetStore, setSchema } from "./store";

export type ConnectResult =
  | { ok: true; organisation: SchemaDocument["organisation"] }
  | { ok: false; field: "url" | "token" | null; message: string };

const urlSchema = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u));
const tokenSchema = z.string().trim().min(1).max(4_096);

/** A check should answer quickly: one retry, not an import's patient backoff. */
const CHECK_OPTIONS: Partial<CrmClientOptions> = { retries: 1, timeoutMs: 15_000 };

export type ClientFactory = (options: CrmClientOptions) => CrmClient;

/** Checks the address and token against the CRM's schema; on success keeps them and the schema. */
export async function connect(
  deps: WorkflowDeps,
  input: { url: string; token: string },
  makeClient: ClientFactory = createCrmClient,
): Promise<ConnectResult> {
  const url = urlSchema.safeParse(input.url);
  if (!url.success) return { ok: false, field: "url", message: text.invalidUrl };
  const token = tokenSchema.safeParse(input.token);
  if (!token.success) return { ok: false, field: "token", message: text.tokenMissing };
  try {
    const client = makeClient({ ...CHECK_OPTIONS, baseUrl: url.data, token: token.data });
    const schema = await client.getSchema(deps.signal);
    await saveConnection(deps.env, { url: url.data.replace(/\/+$/, ""), token: token.data });
    setSchema(schema);
    return { ok: true, organisation: schema.organisation };
  } catch (e) {
    const field = e instanceof CrmClientError && e.kind === "auth" ? "token" : null;
    return { ok: false, field, message: describeError(e) };
  }
}

/** Forgets the token in the workbook and everything the pane knew about that CRM. */
export async function signOut(deps: WorkflowDeps): Promise<void> {
  await writeConnectionSetting(deps.env, null);
  resetStore();
}
