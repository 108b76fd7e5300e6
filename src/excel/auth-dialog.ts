/**
 * The sign-in dialog's page (auth-dialog.html, on the add-in's own origin). Opened with `?authorize=`
 * it goes on to the CRM's authorize page: Office opens a dialog only on the add-in's domain. Opened by
 * the CRM's redirect with `?code=&state=` (or `?error=`), it hands them to the pane: through
 * `Office.context.ui.messageParent` in Office, or `postMessage` to its opener (the workbench's popup),
 * addressed to this origin only.
 */
import type { SignInResult } from "../domain";

/** Only an authorize page over https (or http on this computer) is followed: this page redirects nowhere else. */
export function authorizeTarget(search: string): string | null {
  const target = new URLSearchParams(search).get("authorize");
  if (!target) return null;
  try {
    const url = new URL(target);
    const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    const secure = url.protocol === "https:" || (url.protocol === "http:" && local);
    return secure && url.pathname.endsWith("/oauth/authorize") ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The CRM's answer in the page's query: a code and state, or an error. */
export function resultOf(search: string): SignInResult {
  const q = new URLSearchParams(search);
  const code = q.get("code");
  const state = q.get("state") ?? "";
  if (code && state) return { code, state };
  return { error: q.get("error") ?? "no_code", ...(state ? { state } : {}) };
}

/** Message type the workbench's popup bridge listens for. */
export const POPUP_MESSAGE = "crm-import-sign-in";

/** In Office (a host is known) the dialog messages its pane; elsewhere the page tells its opener. */
function answer(message: string, inOffice: boolean): void {
  if (inOffice) {
    Office.context.ui.messageParent(message);
    return;
  }
  const opener = window.opener as Window | null;
  opener?.postMessage({ type: POPUP_MESSAGE, message }, window.location.origin);
  window.close();
}

/** True when a same-origin workbench page opened this one (Office's own openers are other origins). */
function openedByWorkbench(): boolean {
  try {
    return Boolean((window.opener as { workbench?: unknown } | null)?.workbench);
  } catch {
    return false;
  }
}

/**
 * Takes the code out of the address bar and the dialog's history. office.js blanks
 * `window.history.replaceState` (and pushState) on the object itself when it loads, so the page's
 * own call threw and the dialog never answered; History's own method is still there. Best effort:
 * the code is single-use, and answering the pane matters more.
 */
export function clearAddress(win: Pick<Window, "history" | "location">): void {
  try {
    const replaceState = (Object.getPrototypeOf(win.history) as History).replaceState;
    replaceState.call(win.history, null, "", win.location.pathname);
  } catch {
    // An address that stays is no reason to leave the user waiting.
  }
}

export function runAuthDialog(): void {
  const target = authorizeTarget(window.location.search);
  if (target) {
    window.location.replace(target);
    return;
  }
  const message = JSON.stringify(resultOf(window.location.search));
  // The code must not linger in the address bar or the history of the dialog.
  clearAddress(window);
  // The workbench's popup answers its opener at once: office.js in a page with an opener waits for
  // a handshake with Office on the web (whose dialogs are popups too), which the workbench never sends.
  if (typeof Office === "undefined" || openedByWorkbench()) answer(message, false);
  else void Office.onReady((info) => answer(message, info.host !== null && info.host !== undefined));
}
