/**
 * The CRM's sign-in page: plain HTML rendered on the server, no script. Every value written into it
 * is escaped; the form carries the authorization request back to the server, which checks it all
 * again, and a CSRF token that must match the cookie set with the page (double submit).
 */
import { createHash } from "node:crypto";
import { signInMessages as text } from "../sign-in-messages";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and double- or single-quoted attribute values. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;padding:24px;color:#1b1b1b;background:#fff}
main{max-width:360px;margin:0 auto}h1{font-size:1.4rem}label{display:block;margin-top:12px;font-weight:600}
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;margin-top:4px;font-size:1rem}
.error{color:#a4262c;border-left:4px solid #a4262c;padding-left:8px}
.buttons{display:flex;gap:8px;margin-top:20px}button{padding:8px 16px;font-size:1rem}
main.wide{max-width:960px}table{border-collapse:collapse;width:100%;margin:12px 0}
th,td{border-bottom:1px solid #d1d1d1;padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
dl.counts{display:flex;flex-wrap:wrap;gap:16px}dl.counts div{min-width:80px}dd{margin:0 0 8px}
dl.counts dd{font-size:1.3rem;font-weight:600}dt{font-weight:600}dl.counts dt{font-weight:400}
nav a{margin-right:16px}`;

/** The page's one inline style, allowed by its hash: no 'unsafe-inline' anywhere. */
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/** Headers of every sign-in page: never cached, never framed, no script, forms only to us and the app. */
export function pageHeaders(formTargets: readonly string[]): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      `form-action 'self' ${formTargets.join(" ")}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join("; "),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
  };
}

/** A whole page around `body` (already escaped where it holds values); `wide` for tables. */
export function page(title: string, body: string, wide = false): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main${wide ? ' class="wide"' : ""}>${body}</main></body></html>`;
}

export interface SignInForm {
  /** The authorization request's parameters, carried back as hidden fields. */
  request: Record<string, string>;
  csrf: string;
  email?: string;
  error?: string;
  /** Where the form posts: the add-in's authorization by default, `/sign-in` for the CRM's own pages. */
  action?: string;
  intro?: string;
  /** Offer Cancel (the add-in's dialog); a page of the CRM has nowhere to go back to. */
  cancel?: boolean;
}

export function renderSignInPage(form: SignInForm): string {
  const hidden = Object.entries({ ...form.request, csrf: form.csrf })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  const error = form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : "";
  return page(
    text.title,
    `<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(form.intro ?? text.intro)}</p>
${error}
<form method="post" action="${escapeHtml(form.action ?? "/oauth/authorize")}">
${hidden}
<label for="email">${escapeHtml(text.email)}</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(form.email ?? "")}">
<label for="password">${escapeHtml(text.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div class="buttons">
<button type="submit" name="action" value="sign-in">${escapeHtml(text.signIn)}</button>
${form.cancel === false ? "" : `<button type="submit" name="action" value="cancel" formnovalidate>${escapeHtml(text.cancel)}</button>`}
</div>
</form>`,
  );
}

/** A request that cannot be sent back to the application (unknown client or return address). */
export const renderErrorPage = (message: string): string =>
  page(
    text.title,
    `<h1>${escapeHtml(text.title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p>`,
  );
