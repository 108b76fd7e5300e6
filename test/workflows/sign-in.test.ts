// The pane's side of connecting (issue 16): sign-in through a dialog with PKCE, a pasted token, where
// each is kept (partitioned storage, never the workbook), sign-out, and old tokens in workbooks.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CrmClient, CrmClientOptions, FormPost } from "../../src/client";
import { CrmClientError } from "../../src/client";
import { paneMessages as text } from "../../src/domain/pane-messages";
import type { AddinHost, DialogOutcome } from "../../src/excel";
import { connect, signIn, signOut } from "../../src/workflows/connect";
import { normaliseCrmUrl } from "../../src/workflows/crm-url";
import { clientOf, loadConnection } from "../../src/workflows/deps";
import { forgetLiveSession, SESSION_KEY } from "../../src/workflows/session";
import { getState, resetStore } from "../../src/workflows/store";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../taskpane/harness";

afterEach(() => {
  forgetLiveSession();
  resetStore();
});

function memoryHost(dialog: (url: string) => DialogOutcome | Promise<DialogOutcome>) {
  const items = new Map<string, string>();
  const host: AddinHost = {
    origin: "https://addin.example",
    openDialog: async (url) => dialog(url),
    openBrowser: () => undefined,
    storage: {
      get: async (k) => items.get(k) ?? null,
      set: async (k, v) => void items.set(k, v),
      remove: async (k) => void items.delete(k),
    },
  };
  return { host, items };
}

/** A CRM that checks PKCE like the reference server and records what it was sent. */
function fakeTokenEndpoint() {
  let challenge = "";
  const sent: Record<string, string>[] = [];
  let n = 0;
  const post: FormPost = async (url, fields) => {
    sent.push({ url, ...fields });
    if (url.endsWith("/oauth/revoke")) return { status: 200, data: {} };
    if (fields.grant_type === "authorization_code") {
      const hash = createHash("sha256")
        .update(fields.code_verifier ?? "")
        .digest("base64url");
      if (fields.code !== "the-code" || hash !== challenge)
        return { status: 400, data: { error: "invalid_grant" } };
    }
    n++;
    return {
      status: 200,
      data: { access_token: `at-${n}`, token_type: "Bearer", expires_in: 900, refresh_token: `rt-${n}` },
    };
  };
  return { post, sent, setChallenge: (c: string) => (challenge = c) };
}

/** The dialog as the CRM's page would answer: the code with the request's own state. */
function answeringDialog(endpoint: ReturnType<typeof fakeTokenEndpoint>, tamper?: (state: string) => string) {
  return (url: string): DialogOutcome => {
    const opened = new URL(url);
    expect(`${opened.origin}${opened.pathname}`).toBe("https://addin.example/auth-dialog.html");
    const authorize = new URL(opened.searchParams.get("authorize")!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe("https://crm.example.com/oauth/authorize");
    const q = authorize.searchParams;
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("redirect_uri")).toBe("https://addin.example/auth-dialog.html");
    expect(q.get("client_id")).toBe("crm-excel-addin");
    endpoint.setChallenge(q.get("code_challenge")!);
    const state = q.get("state")!;
    return {
      kind: "message",
      message: JSON.stringify({ code: "the-code", state: tamper ? tamper(state) : state }),
    };
  };
}

/** A client whose getSchema asks its token source for a token, as the real transport does. */
const checkingClient = (seen: string[]) => (options: CrmClientOptions) =>
  ({
    getSchema: async () => {
      seen.push(options.auth ? await options.auth.current() : (options.token ?? ""));
      return testSchema();
    },
  }) as unknown as CrmClient;

describe("signing in", () => {
  it("exchanges the dialog's code with the PKCE verifier, keeps the refresh token in add-in storage only", async () => {
    const { book, env } = simEnv();
    const endpoint = fakeTokenEndpoint();
    const { host, items } = memoryHost(answeringDialog(endpoint));
    const seen: string[] = [];
    const result = await signIn(
      { env, host },
      { url: "crm.example.com" },
      checkingClient(seen),
      endpoint.post,
    );
    expect(result).toEqual({ ok: true, organisation: testSchema().organisation });
    expect(seen).toEqual(["at-1"]);
    expect(endpoint.sent[0]).toMatchObject({
      grant_type: "authorization_code",
      client_id: "crm-excel-addin",
    });
    expect(JSON.parse(items.get(SESSION_KEY)!)).toEqual({
      kind: "sign-in",
      url: "https://crm.example.com",
      refreshToken: "rt-1",
    });
    expect(book.settings.size).toBe(0);
    expect(getState().connection).toEqual({ url: "https://crm.example.com", via: "sign-in" });
  });

  it("keeps nothing when the answer's state is not the request's, the dialog is closed, or the user cancels", async () => {
    const { env } = simEnv();
    const endpoint = fakeTokenEndpoint();
    const cases: [AddinHost["openDialog"], string][] = [
      [async (url) => answeringDialog(endpoint, () => "forged")(url), text.signInMismatch],
      [async () => ({ kind: "closed" }), text.signInClosed],
      [async () => ({ kind: "failed", code: 12009, message: "blocked" }), text.dialogFailed(12009)],
    ];
    for (const [dialog, message] of cases) {
      const { host, items } = memoryHost(dialog);
      const result = await signIn(
        { env, host },
        { url: "https://crm.example.com" },
        checkingClient([]),
        endpoint.post,
      );
      expect(result).toEqual({ ok: false, field: null, message });
      expect(items.size).toBe(0);
    }
    const cancelled = memoryHost((url) => {
      const state = new URL(new URL(url).searchParams.get("authorize")!).searchParams.get("state")!;
      return { kind: "message", message: JSON.stringify({ error: "access_denied", state }) };
    });
    const result = await signIn(
      { env, host: cancelled.host },
      { url: "https://crm.example.com" },
      checkingClient([]),
      endpoint.post,
    );
    expect(result).toMatchObject({ ok: false, message: text.signInCancelled });
    expect(endpoint.sent).toHaveLength(0);
  });

  it("after a reload, resumes the sign-in from storage (test/client/sign-in-session.test.ts renews it)", async () => {
    const { env } = simEnv();
    const endpoint = fakeTokenEndpoint();
    const { host, items } = memoryHost(answeringDialog(endpoint));
    await signIn({ env, host }, { url: "https://crm.example.com" }, checkingClient([]), endpoint.post);
    forgetLiveSession();
    resetStore();
    // A new pane: nothing in memory, the session comes back from storage.
    expect(await loadConnection({ env, host })).toEqual({ url: "https://crm.example.com", via: "sign-in" });
    const client = await clientOf({ env, host });
    expect(client.settings.auth).toBeDefined();
    expect(client.settings.token).toBeUndefined();
    expect(JSON.parse(items.get(SESSION_KEY)!).refreshToken).toBe("rt-1");
  });

  it("signing out revokes the refresh token at the CRM and empties the storage", async () => {
    const { env } = simEnv();
    const endpoint = fakeTokenEndpoint();
    const { host, items } = memoryHost(answeringDialog(endpoint));
    await signIn({ env, host }, { url: "https://crm.example.com" }, checkingClient([]), endpoint.post);
    await signOut({ env, host });
    expect(endpoint.sent.at(-1)).toMatchObject({
      url: "https://crm.example.com/oauth/revoke",
      token: "rt-1",
    });
    expect(items.size).toBe(0);
    expect(getState().connection).toBeNull();
    expect(await loadConnection({ env, host })).toBeNull();
  });
});

describe("a pasted personal token", () => {
  it("is kept in add-in storage after the CRM accepted it, never in the workbook or a cell", async () => {
    const { book, env } = simEnv();
    const { host, items } = memoryHost(() => ({ kind: "closed" }));
    const seen: string[] = [];
    const result = await connect(
      { env, host },
      { url: "localhost:3000/", token: " tok " },
      checkingClient(seen),
    );
    expect(result).toMatchObject({ ok: true });
    expect(seen).toEqual(["tok"]);
    expect(JSON.parse(items.get(SESSION_KEY)!)).toEqual({
      kind: "token",
      url: "http://localhost:3000",
      token: "tok",
    });
    expect(book.settings.size).toBe(0);
    for (const sheet of book.sheets) expect(JSON.stringify(sheet)).not.toContain("tok");
  });

  it("keeps nothing and flags the token when the CRM refuses it", async () => {
    const { env } = simEnv();
    const { host, items } = memoryHost(() => ({ kind: "closed" }));
    const refused = new CrmClientError({
      kind: "auth",
      message: "Your CRM token was refused: sign in again.",
    });
    const failing = () => ({ getSchema: () => Promise.reject(refused) }) as unknown as CrmClient;
    const result = await connect({ env, host }, { url: "https://crm.example.com", token: "bad" }, failing);
    expect(result).toEqual({ ok: false, field: "token", message: refused.message });
    expect(items.size).toBe(0);
  });
});

describe("a workbook saved by an older version", () => {
  it("has its saved connection (with its token) removed when the pane opens, and the user is told", async () => {
    const { book, env } = simEnv();
    book.settings.set("crm.connection", { url: "https://crm.example.com", token: "old-secret-token" });
    const { host } = memoryHost(() => ({ kind: "closed" }));
    expect(await loadConnection({ env, host })).toBeNull();
    expect(book.settings.has("crm.connection")).toBe(false);
    expect(getState().notifications.map((n) => n.text)).toEqual([text.oldTokenRemoved]);
  });
});

describe("the CRM address", () => {
  it.each([
    ["localhost:3000", "http://localhost:3000"],
    ["127.0.0.1:8787/", "http://127.0.0.1:8787"],
    ["crm.example.com", "https://crm.example.com"],
    ["https://crm.example.com/tenant/", "https://crm.example.com/tenant"],
    ["http://localhost:3000", "http://localhost:3000"],
  ])("%s is %s", (typed, url) => {
    expect(normaliseCrmUrl(typed)).toEqual({ ok: true, url });
  });

  it.each([
    ["http://crm.example.com", text.httpRefused],
    ["ftp://crm.example.com", text.invalidUrl],
    ["", text.urlMissing],
    ["https://user:pw@crm.example.com", text.invalidUrl],
    ["not a url at all", text.invalidUrl],
  ])("%s is refused", (typed, message) => {
    expect(normaliseCrmUrl(typed)).toEqual({ ok: false, message });
  });

  it("a refused address never opens the dialog", async () => {
    const { env } = simEnv();
    const dialog = vi.fn(() => ({ kind: "closed" }) as const);
    const { host } = memoryHost(dialog);
    expect(await signIn({ env, host }, { url: "http://crm.example.com" })).toMatchObject({ field: "url" });
    expect(dialog).not.toHaveBeenCalled();
  });
});
