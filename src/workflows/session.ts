/**
 * Who the pane talks to the CRM as. A sign-in keeps its refresh token in storage partitioned for the
 * add-in (`AddinHost.storage`), and its access token in memory only; a pasted personal token is kept
 * in the same storage. Nothing of it goes into the workbook: a connection an older version saved in
 * the workbook's settings is removed as soon as the workbook is opened.
 */
import { z } from "zod";
import { createSession, type AccessTokens, type FormPost, type SignInSession } from "../client";
import type { TokenResponse } from "../domain";
import { paneMessages as text } from "../domain/pane-messages";
import { removeLegacyConnection, type AddinHost, type ExcelEnv } from "../excel";
import { notify, setConnection, type Connection } from "./store";

/** Storage key: one sign-in per user and add-in, whatever workbook is open. */
export const SESSION_KEY = "crm-import.session";

const storedSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("sign-in"),
    url: z.string().url().max(2_000),
    refreshToken: z.string().min(1).max(512),
  }),
  z.object({
    kind: z.literal("token"),
    url: z.string().url().max(2_000),
    token: z.string().min(1).max(4_096),
  }),
]);
export type StoredSession = z.infer<typeof storedSchema>;

interface Live {
  url: string;
  tokens: AccessTokens | string;
  session: SignInSession | null;
}

let live: Live | null = null;

/** What the client needs to call the CRM now: its address and its token or session. */
export const liveCredentials = (): { url: string; tokens: AccessTokens | string } | null => live;

const connectionOf = (stored: StoredSession): Connection => ({ url: stored.url, via: stored.kind });

/** Starts using a stored session (a sign-in resumes with its refresh token, `first` its first tokens). */
export function resume(
  host: AddinHost,
  stored: StoredSession,
  options: { first?: TokenResponse; post?: FormPost; now?: () => number } = {},
): Connection {
  if (stored.kind === "token") {
    live = { url: stored.url, tokens: stored.token, session: null };
  } else {
    const now = options.now ?? Date.now;
    const session = createSession({
      baseUrl: stored.url,
      refreshToken: stored.refreshToken,
      ...(options.first
        ? {
            accessToken: {
              token: options.first.access_token,
              expiresAt: now() + options.first.expires_in * 1000,
            },
          }
        : {}),
      // Each rotation is saved at once: the previous refresh token is dead from now on.
      onRefreshToken: (refreshToken) =>
        host.storage.set(SESSION_KEY, JSON.stringify({ ...stored, refreshToken } satisfies StoredSession)),
      ...(options.post ? { post: options.post } : {}),
      now,
    });
    live = { url: stored.url, tokens: session, session };
  }
  const connection = connectionOf(stored);
  setConnection(connection);
  return connection;
}

export async function saveSession(host: AddinHost, stored: StoredSession): Promise<void> {
  await host.storage.set(SESSION_KEY, JSON.stringify(storedSchema.parse(stored)));
}

/**
 * The session kept for this user, resumed; null when there is none. First removes any connection an
 * older version saved in the open workbook (it carried a token), and says so.
 */
export async function restoreSession(
  env: ExcelEnv,
  host: AddinHost,
  options: { post?: FormPost } = {},
): Promise<Connection | null> {
  if (await removeLegacyConnection(env)) notify("info", text.oldTokenRemoved);
  if (live) {
    const connection: Connection = { url: live.url, via: live.session ? "sign-in" : "token" };
    setConnection(connection);
    return connection;
  }
  let stored: unknown = null;
  try {
    stored = JSON.parse((await host.storage.get(SESSION_KEY)) ?? "null");
  } catch {
    stored = null;
  }
  const parsed = storedSchema.safeParse(stored);
  if (!parsed.success) {
    setConnection(null);
    return null;
  }
  return resume(host, parsed.data, options);
}

/** Ends the session: the sign-in revoked at the CRM (best effort), the storage emptied, memory cleared. */
export async function endSession(host: AddinHost): Promise<void> {
  const session = live?.session ?? null;
  live = null;
  await host.storage.remove(SESSION_KEY);
  await session?.revoke();
}

/** Forgets the in-memory session without touching storage (tests). */
export const forgetLiveSession = (): void => {
  live = null;
};
