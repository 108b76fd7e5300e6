import { cleanText } from "../domain";

/**
 * The domain's cleanText, with a charCode scan first: most cells are plain ASCII with no edge spaces,
 * and for them the regexes and the trim are skipped (this runs on millions of cells).
 */
export function cleanCellText(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(n - 1) === 32) return cleanText(s);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return cleanText(s);
  }
  return s;
}

/** True for null, undefined, "" and text that cleans to nothing (spaces, zero-width characters). */
export function isBlankCell(raw: unknown): boolean {
  if (raw === null || raw === undefined || raw === "") return true;
  return typeof raw === "string" && cleanCellText(raw) === "";
}
