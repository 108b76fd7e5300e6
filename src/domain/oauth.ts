/**
 * Signing in to the CRM with OAuth 2.0 (RFC 6749) authorization code and PKCE (RFC 7636, S256 only):
 * what the add-in and the reference server agree on. The add-in is a public client: it has no secret,
 * PKCE proves that whoever exchanges a code is whoever asked for it.
 */
import { z } from "zod";

/** The add-in's client id, registered with the CRM with its redirect URIs. */
export const OAUTH_CLIENT_ID = "crm-excel-addin";

/**
 * The page on the add-in's own origin that the sign-in dialog opens first (it then goes to the CRM's
 * authorize page) and that the CRM sends the code back to: Office lets a dialog message its pane only
 * from the pane's own domain.
 */
export const SIGN_IN_PAGE = "/auth-dialog.html";

export const OAUTH_PATHS = {
  authorize: "/oauth/authorize",
  token: "/oauth/token",
  revoke: "/oauth/revoke",
} as const;

/** RFC 7636 4.1: 43-128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const codeVerifierSchema = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/);
/** BASE64URL(SHA-256(verifier)): always 43 characters. */
export const codeChallengeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** A successful answer of the token endpoint (RFC 6749 5.1). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(512),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).max(512),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** An error answer of the token endpoint (RFC 6749 5.2). */
export const oauthErrorSchema = z.object({
  error: z.string().max(64),
  error_description: z.string().max(500).optional(),
});
export type OauthError = z.infer<typeof oauthErrorSchema>;

/** What the sign-in page sends back to the pane: the code and state, or the CRM's error. */
export const signInResultSchema = z.union([
  z.object({ code: z.string().min(1).max(512), state: z.string().min(1).max(256) }),
  z.object({ error: z.string().max(64), state: z.string().max(256).optional() }),
]);
export type SignInResult = z.infer<typeof signInResultSchema>;
