import { createHash, randomBytes, randomFillSync } from "node:crypto";

let counter = 0;

// Random bytes for ids come from a pool refilled 4 KiB at a time: one randomBytes call per id cost
// more than the rest of the id (a batch of 1,000 rows mints up to 1,000 of them).
const POOL_SIZE = 4096;
const RANDOM_BYTES = 5;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomHex(): string {
  if (poolOffset + RANDOM_BYTES > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString("hex", poolOffset, poolOffset + RANDOM_BYTES);
  poolOffset += RANDOM_BYTES;
  return hex;
}

let lastMs = -1;
let lastTime = "";

/**
 * A new id that sorts by creation time (keyset pages follow it) and cannot collide across server
 * instances: milliseconds, a per-process counter, then random bits.
 */
export function newId(prefix: string): string {
  counter = (counter + 1) % 0x10000;
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = now.toString(16).padStart(12, "0");
  }
  const seq = counter.toString(16).padStart(4, "0");
  return `${prefix}_${lastTime}${seq}${randomHex()}`;
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
