/**
 * The number a match token is indexed under in `match_index`: a 53-bit hash of organisation, sheet
 * and token (cyrb53, public domain, by bryc). A bigint index entry costs a third of the text one it
 * replaced. Hits are verified against the record's values, so a collision never matches a record.
 * Stored: changing this function needs a migration that rebuilds `match_index`.
 */
export function keyHash(orgId: string, sheet: string, token: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of [orgId, sheet, token]) {
    for (let i = 0; i < part.length; i++) {
      const ch = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    // A separator no text id or sheet name holds, so ("ab","c") and ("a","bc") hash apart.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
