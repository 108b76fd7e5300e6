/**
 * Connecting the pane to a CRM. The main way is signing in with the CRM account: the CRM's own sign-in
 * page in an Office dialog (OAuth 2.0 authorization code with PKCE; the verifier never leaves this
 * memory), then the code exchanged for tokens. The other is a pasted personal API token, for power
 * users. Either is checked by fetching the schema, and kept only once it worked (`session.ts`).
 */
import { z } from "zod";
import {
  createCrmClient,
  CrmClientError,
  exchangeCode,
  pkcePair,
  randomToken,
  type CrmClient,
  type CrmClientOptions,
  type FormPost,
} from "../client";
import {
  OAUTH_CLIENT_ID,
  OAUTH_PATHS,
  SIGN_IN_PAGE,
  signInResultSchema,
  type SchemaDocument,
} from "../domain";
import { paneMessages as text } from "../domain/pane-messages";
import type { AddinHost } from "../excel";
import { normaliseCrmUrl } from "./crm-url";
import { describeError, hostOf, type WorkflowDeps } from "./deps";
import { endSession, liveCredentials, resume, saveSession, type StoredSession } from "./session";
import { resetStore, setSchema } from "./store";

export type ConnectResult =
  | { ok: true; organisation: SchemaDocument["organisation"] }
  | { ok: false; field: "url" | "token" | null; message: string };

const tokenSchema = z.string().trim().min(1).max(4_096);

/** A check should answer quickly: one retry, not an import's patient backoff. */
const CHECK_OPTIONS: Partial<CrmClientOptions> = { retries: 1, timeoutMs: 15_000 };

export type ClientFactory = (options: CrmClientOptions) => CrmClient;

/** The schema fetched with the new credentials; they are kept only if that worked. */
async function check(
  deps: WorkflowDeps,
  host: AddinHost,
  stored: StoredSession,
  makeClient: ClientFactory,
  start: () => void,
): Promise<ConnectResult> {
  start();
  const credentials = liveCredentials()!;
  try {
    const client = makeClient({
      ...CHECK_OPTIONS,
      baseUrl: credentials.url,
      ...(typeof credentials.tokens === "string"
        ? { token: credentials.tokens }
        : { auth: credentials.tokens }),
    });
    const schema = await client.getSchema(deps.signal);
    await saveSession(host, stored);
    setSchema(schema);
    return { ok: true, organisation: schema.organisation };
  } catch (e) {
    await endSession(host);
    resetStore();
    const field =
      e instanceof CrmClientError && e.kind === "auth" && stored.kind === "token" ? "token" : null;
    return { ok: false, field, message: describeError(e) };
  }
}

/** Connects with a personal API token (scripts and power users). */
export async function connect(
  deps: WorkflowDeps,
  input: { url: string; token: string },
  makeClient: ClientFactory = createCrmClient,
): Promise<ConnectResult> {
  const url = normaliseCrmUrl(input.url);
  const token = tokenSchema.safeParse(input.token);
  if (!url.ok) return { ok: false, field: "url", message: url.message };
  if (!token.success) return { ok: false, field: "token", message: text.tokenMissing };
  const host = hostOf(deps);
  const stored: StoredSession = { kind: "token", url: url.url, token: token.data };
  return check(deps, host, stored, makeClient, () => resume(host, stored));
}

/** Signs in through the CRM's page in a dialog, then exchanges the code (PKCE) for tokens. */
export async function signIn(
  deps: WorkflowDeps,
  input: { url: string },
  makeClient: ClientFactory = createCrmClient,
  post?: FormPost,
): Promise<ConnectResult> {
  const url = normaliseCrmUrl(input.url);
  if (!url.ok) return { ok: false, field: "url", message: url.message };
  const host = hostOf(deps);
  const { verifier, challenge } = await pkcePair();
  const state = randomToken();
  const redirectUri = `${host.origin}${SIGN_IN_PAGE}`;
  const authorize = new URL(`${url.url}${OAUTH_PATHS.authorize}`);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: OAUTH_CLIENT_ID,
    redirect_uri: redirectUri,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  }).toString();
  // The dialog opens on the add-in's own origin (Office requires it), which goes on to the CRM.
  const outcome = await host.openDialog(
    `${redirectUri}?authorize=${encodeURIComponent(authorize.toString())}`,
  );
  if (outcome.kind === "closed") return { ok: false, field: null, message: text.signInClosed };
  if (outcome.kind === "failed") return { ok: false, field: null, message: text.dialogFailed(outcome.code) };
  let answer: unknown = null;
  try {
    answer = JSON.parse(outcome.message);
  } catch {
    answer = null;
  }
  const result = signInResultSchema.safeParse(answer);
  if (!result.success || result.data.state !== state)
    return { ok: false, field: null, message: text.signInMismatch };
  if ("error" in result.data)
    return {
      ok: false,
      field: null,
      message:
        result.data.error === "access_denied" ? text.signInCancelled : text.signInError(result.data.error),
    };
  try {
    const first = await exchangeCode(
      url.url,
      { code: result.data.code, codeVerifier: verifier, redirectUri },
      post,
    );
    const stored: StoredSession = { kind: "sign-in", url: url.url, refreshToken: first.refresh_token };
    return await check(deps, host, stored, makeClient, () =>
      resume(host, stored, { first, ...(post ? { post } : {}) }),
    );
  } catch (e) {
    return { ok: false, field: null, message: describeError(e) };
  }
}

/** Signs out: the sign-in revoked at the CRM, the stored token removed, and everything the pane knew forgotten. */
export async function signOut(deps: WorkflowDeps): Promise<void> {
  await endSession(hostOf(deps));
  resetStore();
}
