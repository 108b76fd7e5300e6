/**
 * Excel on the web's 5 MB limits are on the request and response as sent: JSON in UTF-8 bytes, so an
 * accented letter counts 2 and a CJK character 3, not the 1 of a JavaScript string's length.
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // a surrogate pair: 2 code units, 4 bytes
      i++;
    } else {
      n += 2;
    }
  }
  return n;
}

/** UTF-8 bytes of a value's JSON. */
export const jsonUtf8Bytes = (value: unknown): number => utf8Length(JSON.stringify(value) ?? "null");
