/**
 * The CRM address as the user types it: `crm.example.com` means https, `localhost:3000` means http
 * (a CRM on the user's own machine); plain http is refused for any other host, because the sign-in
 * and every token would cross the network readable.
 */
import { paneMessages as text } from "../domain/pane-messages";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type CrmUrl = { ok: true; url: string } | { ok: false; message: string };

export function normaliseCrmUrl(input: string): CrmUrl {
  const typed = input.trim();
  if (!typed) return { ok: false, message: text.urlMissing };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed);
  const host = typed
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .split(/[/:?#]/)[0]!
    .toLowerCase();
  let url: URL;
  try {
    url = new URL(hasScheme ? typed : `${LOCAL_HOSTS.has(host) ? "http" : "https"}://${typed}`);
  } catch {
    return { ok: false, message: text.invalidUrl };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: text.invalidUrl };
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname))
    return { ok: false, message: text.httpRefused };
  if (url.username || url.password || url.search || url.hash) return { ok: false, message: text.invalidUrl };
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, "") };
}
