import { foldText } from "../domain";

/** ASCII with single inner spaces and none at the ends: foldText would only lower-case it. */
export function isPlainName(s: string): boolean {
  let prevSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 126 || c < 32) return false;
    const space = c === 32;
    if (space && prevSpace) return false;
    prevSpace = space;
  }
  return !prevSpace;
}

/** The domain's foldText, skipping its Unicode normalisation for plain names, which are most of them. */
export function foldName(s: string): string {
  return isPlainName(s) ? s.toLowerCase() : foldText(s);
}
