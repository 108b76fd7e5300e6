/**
 * Signing in: the CRM's own sign-in page and the OAuth 2.0 endpoints (authorization code with PKCE,
 * RFC 6749 / 7636; revocation, RFC 7009). Outside /api/v1: no bearer token here. The token and
 * revocation endpoints take form bodies, as the RFCs say (JSON is accepted too).
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { codeChallengeSchema, codeVerifierSchema, OAUTH_PATHS, type OauthError } from "../../domain";
import type { AuthFailureCounter } from "../auth-failures";
import { acceptFormBodies, cookieAttributes, cookieOf, sameSecret } from "../cookies";
import {
  checkPassword,
  exchangeCode,
  isRegistered,
  issueCode,
  refreshTokens,
  revokeOauthToken,
  type OauthClients,
} from "../services/sign-in";
import { pageHeaders, renderErrorPage, renderSignInPage } from "../services/sign-in-page";
import { signInMessages as text } from "../sign-in-messages";

const CSRF_COOKIE = "crm_signin_csrf";
const short = z.string().max(512).optional();

/** The authorization request as it arrives (query or form); checked step by step below. */
const authorizeRequest = z.object({
  response_type: short,
  client_id: short,
  redirect_uri: z.string().max(2_000).optional(),
  code_challenge: short,
  code_challenge_method: short,
  state: short,
});
type AuthorizeRequest = z.infer<typeof authorizeRequest>;

const signInForm = authorizeRequest.extend({
  email: z.string().max(254).optional(),
  password: z.string().max(256).optional(),
  csrf: z.string().max(128).optional(),
  action: z.enum(["sign-in", "cancel"]).optional(),
});

const tokenRequest = z.discriminatedUnion("grant_type", [
  z.object({
    grant_type: z.literal("authorization_code"),
    code: z.string().min(1).max(512),
    redirect_uri: z.string().min(1).max(2_000),
    client_id: z.string().min(1).max(128),
    code_verifier: codeVerifierSchema,
  }),
  z.object({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string().min(1).max(512),
    client_id: z.string().min(1).max(128),
  }),
]);

const revokeRequest = z.object({
  token: z.string().min(1).max(512),
  token_type_hint: z.string().max(64).optional(),
  client_id: z.string().min(1).max(128),
});

/** A request that passed every check, with the parameters the code is bound to. */
interface CheckedRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
}

type Checked =
  | { ok: true; request: CheckedRequest }
  /** Unknown client or return address: shown on the page, never sent to the address (RFC 6749 4.1.2.1). */
  | { ok: false; page: string }
  | { ok: false; redirect: string };

function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function checkRequest(clients: OauthClients, q: AuthorizeRequest): Checked {
  if (!q.client_id || !q.redirect_uri || !isRegistered(clients, q.client_id, q.redirect_uri))
    return { ok: false, page: text.badClient };
  const fail = (error: string, description: string): Checked => ({
    ok: false,
    redirect: redirectWith(q.redirect_uri!, { error, error_description: description, state: q.state }),
  });
  if (q.response_type !== "code") return fail("unsupported_response_type", text.responseTypeCode);
  if (q.code_challenge_method !== "S256" || !codeChallengeSchema.safeParse(q.code_challenge).success)
    return fail("invalid_request", text.pkceRequired);
  if (!q.state) return fail("invalid_request", text.stateRequired);
  return {
    ok: true,
    request: {
      clientId: q.client_id,
      redirectUri: q.redirect_uri,
      codeChallenge: q.code_challenge!,
      state: q.state,
    },
  };
}

/** The request's parameters as the form's hidden fields carry them back. */
const hiddenFields = (r: CheckedRequest): Record<string, string> => ({
  response_type: "code",
  client_id: r.clientId,
  redirect_uri: r.redirectUri,
  code_challenge: r.codeChallenge,
  code_challenge_method: "S256",
  state: r.state,
});

/**
 * `failures` is the app's per-address allowance of failed credentials (auth-failures.ts): a wrong
 * password, an unknown or used code, a refresh token that is not valid each spend one; once spent,
 * the address gets 429 with Retry-After before any lookup (no scrypt, no query), and a success gives
 * its place back.
 */
export function oauthRoutes(clients: OauthClients, failures: AuthFailureCounter) {
  const formTargets = [...new Set([...clients.redirectUris].map((u) => new URL(u).origin))];

  function showForm(
    reply: FastifyReply,
    request: FastifyRequest,
    checked: CheckedRequest,
    status = 200,
    extra: { email?: string; error?: string } = {},
  ) {
    const csrf = randomBytes(24).toString("base64url");
    return reply
      .code(status)
      .headers(pageHeaders(formTargets))
      .header(
        "set-cookie",
        `${CSRF_COOKIE}=${csrf}; ${cookieAttributes(request, OAUTH_PATHS.authorize, 900, "Strict")}`,
      )
      .send(renderSignInPage({ request: hiddenFields(checked), csrf, ...extra }));
  }

  const showError = (reply: FastifyReply, message: string, status = 400) =>
    reply.code(status).headers(pageHeaders(formTargets)).send(renderErrorPage(message));

  const oauthError = (reply: FastifyReply, error: OauthError) =>
    reply.code(400).header("cache-control", "no-store").send(error);

  return async function routes(app: FastifyInstance): Promise<void> {
    acceptFormBodies(app);
    const hide = { schema: { hide: true } };
    // The sign-in page opens in the add-in's dialog, whose opener must stay reachable to hear the
    // code: helmet's default Cross-Origin-Opener-Policy (same-origin) puts the page in a browsing
    // context group of its own, which cuts the dialog off from its opener for good (window.opener
    // is null when it comes back to the add-in's page; Office on the web then hears no message).
    const signInPage = { ...hide, helmet: { crossOriginOpenerPolicy: { policy: "unsafe-none" as const } } };

    app.get(OAUTH_PATHS.authorize, signInPage, async (request, reply) => {
      const q = authorizeRequest.safeParse(request.query);
      if (!q.success) return showError(reply, text.badClient);
      const checked = checkRequest(clients, q.data);
      if (!checked.ok)
        return "page" in checked ? showError(reply, checked.page) : reply.redirect(checked.redirect, 303);
      return showForm(reply, request, checked.request);
    });

    app.post(OAUTH_PATHS.authorize, signInPage, async (request, reply) => {
      const form = signInForm.safeParse(request.body ?? {});
      if (!form.success) return showError(reply, text.badClient);
      const checked = checkRequest(clients, form.data);
      if (!checked.ok)
        return "page" in checked ? showError(reply, checked.page) : reply.redirect(checked.redirect, 303);
      const r = checked.request;
      if (!sameSecret(cookieOf(request, CSRF_COOKIE), form.data.csrf))
        return showError(reply, text.expiredForm, 403);
      if (form.data.action === "cancel")
        return reply.redirect(redirectWith(r.redirectUri, { error: "access_denied", state: r.state }), 303);
      const email = form.data.email?.trim() ?? "";
      const signedIn = await checkPassword(app, failures, request.ip, email, form.data.password ?? "");
      if (!signedIn.ok)
        return showForm(
          signedIn.retryAfter ? reply.header("retry-after", String(signedIn.retryAfter)) : reply,
          request,
          r,
          signedIn.status,
          { email, error: signedIn.error },
        );
      const user = signedIn.user;
      const code = await issueCode(app.db, user, r);
      return reply.redirect(redirectWith(r.redirectUri, { code, state: r.state }), 303);
    });

    app.post(OAUTH_PATHS.token, hide, async (request, reply) => {
      const body = tokenRequest.safeParse(request.body ?? {});
      if (!body.success) {
        const grant = (request.body as { grant_type?: unknown } | null)?.grant_type;
        if (typeof grant === "string" && grant !== "authorization_code" && grant !== "refresh_token")
          return oauthError(reply, { error: "unsupported_grant_type", error_description: text.grantType });
        const detail = body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
        return oauthError(reply, {
          error: "invalid_request",
          error_description: text.invalidRequest(detail),
        });
      }
      const b = body.data;
      if (b.client_id !== clients.clientId)
        return oauthError(reply, { error: "invalid_client", error_description: text.badClient });
      const wait = failures.waitSeconds(request.ip);
      // RFC 6749 has no error for this; slow_down is the token endpoint's "wait" (RFC 8628 3.5).
      if (wait > 0)
        return reply
          .code(429)
          .header("retry-after", String(wait))
          .header("cache-control", "no-store")
          .send({ error: "slow_down", error_description: text.tooManyAttempts(wait) });
      failures.take(request.ip);
      const result =
        b.grant_type === "authorization_code"
          ? await exchangeCode(app.db, {
              code: b.code,
              clientId: b.client_id,
              redirectUri: b.redirect_uri,
              codeVerifier: b.code_verifier,
            })
          : await refreshTokens(app.db, { refreshToken: b.refresh_token, clientId: b.client_id });
      if (!result.ok)
        return oauthError(reply, { error: result.error, error_description: result.description });
      failures.giveBack(request.ip);
      return reply.header("cache-control", "no-store").send(result.tokens);
    });

    app.post(OAUTH_PATHS.revoke, hide, async (request, reply) => {
      const body = revokeRequest.safeParse(request.body ?? {});
      if (!body.success)
        return oauthError(reply, {
          error: "invalid_request",
          error_description: text.invalidRequest("token"),
        });
      await revokeOauthToken(app.db, { token: body.data.token, clientId: body.data.client_id });
      return reply.header("cache-control", "no-store").send({});
    });
  };
}
