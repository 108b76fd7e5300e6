import { matchValue, type MatchKey, type RecordValues } from "../domain";

/** True for "+" followed by digits only: already what matchValue would make of a phone. */
function isE164(s: string): boolean {
  if (s.charCodeAt(0) !== 43 || s.length < 2) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when trim + toLowerCase would leave the text as it is. */
function isFoldedEmail(s: string): boolean {
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 126) return false;
  }
  return true;
}

/**
 * The domain's matchValue, without its string work for the common single-field keys whose values
 * are already in matching form (a parsed phone is E.164; most e-mails are lower case). Same result.
 */
export function matchKeyValue(key: MatchKey, values: Readonly<RecordValues>): string | null {
  if (key.length === 1) {
    const field = key[0]!;
    const v = values[field];
    if (typeof v === "string" && v !== "") {
      if ((field === "phone" || field === "mobile") && isE164(v)) return v;
      if (field === "email" && isFoldedEmail(v)) return v;
    }
  }
  return matchValue(key, values);
}
