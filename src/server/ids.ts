import { createHash, randomBytes } from "node:crypto";

let counter = 0;

/**
 * A new id that sorts by creation time (keyset pages follow it) and cannot collide across server
 * instances: milliseconds, a per-process counter, then random bits.
 */
export function newId(prefix: string): string {
  counter = (counter + 1) % 0x10000;
  const time = Date.now().toString(16).padStart(12, "0");
  const seq = counter.toString(16).padStart(4, "0");
  return `${prefix}_${time}${seq}${randomBytes(5).toString("hex")}`;
}

/** A fresh API token (shown once) and the hash the database keeps. */
export function newToken(): { token: string; hash: string } {
  const token = `crm_${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Hash of a request body, to tell a replayed idempotency key from a reused one. */
export const hashBody = (body: unknown): string =>
  createHash("sha256").update(JSON.stringify(body)).digest("hex");
