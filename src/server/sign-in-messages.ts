/** The sign-in page's words and the OAuth endpoints' error descriptions (RFC 6749 `error_description`). */
export const signInMessages = {
  title: "Sign in to the CRM",
  intro: "CRM Import for Excel asks to use your CRM account. Sign in to let it import and download for you.",
  email: "E-mail",
  password: "Password",
  signIn: "Sign in",
  cancel: "Cancel",
  wrongPassword: "The e-mail or password is not right. Check both and try again.",
  missingFields: "Enter your e-mail and your password.",
  expiredForm: "This sign-in form expired or was opened elsewhere: close this window and start again.",
  badClient:
    "This sign-in request did not come from an application the CRM knows (unknown client or return address). Close this window.",
  pkceRequired: "The application must send a PKCE code challenge (method S256).",
  responseTypeCode: "Only response_type=code is supported.",
  stateRequired: "The application must send a state value.",
  codeUnknown: "This sign-in code is not valid (mistyped, or already used): sign in again.",
  codeExpired: "This sign-in code expired: sign in again.",
  codeReused: "This sign-in code was already used: the sign-in it started is revoked. Sign in again.",
  codeMismatch: "This sign-in code was issued to another application or return address.",
  verifierMismatch: "The PKCE code verifier does not match the code challenge.",
  refreshUnknown: "This refresh token is not valid (revoked or mistyped): sign in again.",
  refreshExpired: "This sign-in expired: sign in again.",
  refreshReused:
    "This refresh token was already used, so it may have been copied: the sign-in is revoked. Sign in again.",
  grantType: "grant_type must be authorization_code or refresh_token.",
  emailTaken: "another user already signs in with this e-mail.",
  invalidRequest: (detail: string) => `The request is not valid: ${detail}`,
  tooManyAttempts: (seconds: number) =>
    `Too many sign-in attempts that failed from your address: wait ${seconds} s and try again.`,
} as const;
