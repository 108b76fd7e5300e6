/** PKCE (RFC 7636) with S256, and the state value, from the platform's Web Crypto (browser and Node). */
const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 32 random bytes: a 43-character verifier, the RFC's recommended size. */
export const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}
