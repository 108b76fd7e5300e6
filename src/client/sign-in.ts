/**
 * The add-in's side of signing in (OAuth 2.0 authorization code with PKCE): the code exchanged for
 * tokens, access tokens renewed with the refresh token (which rotates: each use returns the next),
 * and revocation at sign-out. Answers are zod-parsed like every other answer of the CRM.
 */
import axios from "axios";
import {
  messages,
  OAUTH_CLIENT_ID,
  OAUTH_PATHS,
  oauthErrorSchema,
  tokenResponseSchema,
  type TokenResponse,
} from "../domain";
import { CrmClientError, toCrmClientError, unexpectedAnswer } from "./errors";
import { parseRetryAfter } from "./retry";

/** Where a client gets the bearer token for its next request, and a new one after a 401. */
export interface AccessTokens {
  current(): Promise<string>;
  /** A new access token after `stale` was refused (the one already renewed, if another call did it). */
  renew(stale: string): Promise<string>;
}

/** POSTs a form to the CRM and answers its status, parsed JSON body and Retry-After (in ms, on a 429). */
export type FormPost = (
  url: string,
  fields: Record<string, string>,
) => Promise<{ status: number; data: unknown; retryAfterMs?: number | undefined }>;

const axiosPost: FormPost = async (url, fields) => {
  try {
    const res = await axios.post(url, new URLSearchParams(fields).toString(), {
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      timeout: 30_000,
      maxRedirects: 0,
      validateStatus: () => true,
    });
    return {
      status: res.status,
      data: res.data as unknown,
      retryAfterMs: parseRetryAfter(res.headers["retry-after"], Date.now()),
    };
  } catch (error) {
    throw toCrmClientError(error, () => undefined);
  }
};

const endpoint = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, "")}${path}`;

/** The token endpoint's answer: tokens, or a CrmClientError in the user's words. */
async function requestTokens(
  post: FormPost,
  baseUrl: string,
  fields: Record<string, string>,
): Promise<TokenResponse> {
  const { status, data, retryAfterMs } = await post(endpoint(baseUrl, OAUTH_PATHS.token), {
    ...fields,
    client_id: OAUTH_CLIENT_ID,
  });
  if (status === 200) {
    const parsed = tokenResponseSchema.safeParse(data);
    if (!parsed.success) throw unexpectedAnswer(status, parsed.error);
    return parsed.data;
  }
  const error = oauthErrorSchema.safeParse(data);
  if (status === 400 && error.success && error.data.error === "invalid_grant")
    throw new CrmClientError({
      kind: "auth",
      status,
      code: "invalid_grant",
      message: messages.crm.signInEnded,
    });
  if (status === 400 && error.success)
    throw new CrmClientError({
      kind: "validation",
      status,
      code: error.data.error,
      message: messages.crm.signInRefused(error.data.error_description ?? error.data.error),
    });
  // Too many failed sign-ins from this address (the CRM's limit on guesses): wait as long as it says.
  if (status === 429)
    throw new CrmClientError({
      kind: "rateLimited",
      status,
      code: error.success ? error.data.error : "rate_limited",
      message: messages.crm.rateLimited((retryAfterMs ?? 0) / 1000),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  if (status >= 500) throw new CrmClientError({ kind: "server", status, message: messages.crm.serverError });
  throw unexpectedAnswer(status, data);
}

export const exchangeCode = (
  baseUrl: string,
  input: { code: string; codeVerifier: string; redirectUri: string },
  post: FormPost = axiosPost,
): Promise<TokenResponse> =>
  requestTokens(post, baseUrl, {
    grant_type: "authorization_code",
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: input.redirectUri,
  });

export interface SessionOptions {
  baseUrl: string;
  refreshToken: string;
  /** The first access token, when the session starts from a code exchange. */
  accessToken?: { token: string; expiresAt: number };
  /** Called with each new refresh token, so it is kept before it is ever needed. */
  onRefreshToken: (token: string) => Promise<void> | void;
  post?: FormPost;
  now?: () => number;
}

export interface SignInSession extends AccessTokens {
  /** Revokes the refresh token (RFC 7009), which ends the sign-in on the CRM; never throws. */
  revoke(): Promise<void>;
}

/** Renew this long before the CRM says the access token expires: a request in flight must not meet it. */
const EARLY_MS = 60_000;

/**
 * A signed-in session: the access token lives only in memory; renewals are single-flight, because a
 * refresh token is used once and two concurrent renewals would look like a stolen copy to the CRM
 * (which then ends the sign-in).
 */
export function createSession(options: SessionOptions): SignInSession {
  const post = options.post ?? axiosPost;
  const now = options.now ?? Date.now;
  let refreshToken = options.refreshToken;
  let access = options.accessToken ?? null;
  let renewing: Promise<string> | null = null;

  const renew = (): Promise<string> =>
    (renewing ??= (async () => {
      try {
        const tokens = await requestTokens(post, options.baseUrl, {
          grant_type: "refresh_token",
          refresh_token: refreshToken,
        });
        refreshToken = tokens.refresh_token;
        await options.onRefreshToken(tokens.refresh_token);
        access = { token: tokens.access_token, expiresAt: now() + tokens.expires_in * 1000 };
        return tokens.access_token;
      } finally {
        renewing = null;
      }
    })());

  return {
    current: async () => (access && access.expiresAt - EARLY_MS > now() ? access.token : renew()),
    renew: async (stale) => {
      // A renewal under way, or done since `stale` was sent, answers every caller that met a 401.
      if (renewing) return renewing;
      if (access && access.token !== stale) return access.token;
      return renew();
    },
    async revoke() {
      access = null;
      await post(endpoint(options.baseUrl, OAUTH_PATHS.revoke), {
        token: refreshToken,
        token_type_hint: "refresh_token",
        client_id: OAUTH_CLIENT_ID,
      }).catch(() => undefined);
    },
  };
}
