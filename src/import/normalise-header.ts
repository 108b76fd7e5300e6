/**
 * Header text reduced to what identifies it: accents, case, spacing and punctuation dropped, and the
 * markers our own template writes (" *" for required, " (multi-location)") removed, so that
 * "E-mail address", "email address" and "Email Address *" compare equal.
 */
const TEMPLATE_MARKERS = /\s*(\*|\((multi[\s-]?location|required|optional)\))\s*$/i;

export function normaliseHeader(raw: unknown): string {
  if (raw === null || raw === undefined) return "";
  let s = typeof raw === "string" ? raw : String(raw);
  for (let i = 0; i < 3 && TEMPLATE_MARKERS.test(s); i++) s = s.replace(TEMPLATE_MARKERS, "");
  s = s.normalize("NFKD").toLowerCase();
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Keep ASCII letters and digits, and letters beyond Latin-1 marks (å decomposes to a + ring).
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += s[i];
    else if (c > 0x36f && /\p{L}|\p{N}/u.test(s[i]!)) out += s[i];
  }
  return out;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const b = s.slice(i, i + 2);
    m.set(b, (m.get(b) ?? 0) + 1);
  }
  return m;
}

/** Sørensen-Dice similarity of two normalised headers on character bigrams, 0..1. */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const A = bigrams(a);
  const B = bigrams(b);
  let shared = 0;
  for (const [g, n] of A) shared += Math.min(n, B.get(g) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/**
 * A header cut into normalised words: camelCase and snake_case split ("BillingCity", "billing_city"),
 * punctuation and spacing dropped, accents folded as normaliseHeader folds them. "Address 1: ZIP/Postal
 * Code" gives ["address", "1", "zip", "postal", "code"].
 */
export function headerTokens(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  const s = (typeof raw === "string" ? raw : String(raw))
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{L})(\d)/gu, "$1 $2");
  return s
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .map(normaliseHeader)
    .filter((t) => t !== "");
}
