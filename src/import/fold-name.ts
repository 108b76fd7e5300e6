import { foldText } from "../domain";

/**
 * The domain's foldText, skipping its Unicode normalisation for plain ASCII names without runs of
 * spaces, which are most of them: lower case is then all foldText would do.
 */
export function foldName(s: string): string {
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32) return foldText(s);
    const space = c === 32;
    if (space && prevSpace) return foldText(s);
    prevSpace = space;
  }
  return prevSpace && s.length > 0 ? foldText(s) : s.toLowerCase();
}
