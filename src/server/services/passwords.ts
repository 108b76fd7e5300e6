/**
 * Passwords, hashed with scrypt (memory-hard, in Node's crypto) and a random salt per user. The
 * stored form names its parameters, so they can be raised later without breaking older hashes:
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url). The defaults follow OWASP's Password Storage
 * Cheat Sheet: N = 2^17, r = 8, p = 1 (128 MiB and a few hundred ms per hash).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** A few hashes at once at most: each holds 128 MiB while it runs (a burst of sign-ins queues). */
const MAX_CONCURRENT = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is below OWASP's parameters.
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return withSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ["scrypt", cost.log2N, cost.r, cost.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Hashes of nothing, per cost: checked when the e-mail is unknown, so a miss takes as long as a hit. */
const decoys = new Map<number, Promise<string>>();
const decoyFor = (cost: ScryptCost): Promise<string> => {
  let decoy = decoys.get(cost.log2N);
  if (!decoy) decoys.set(cost.log2N, (decoy = hashPassword(randomBytes(16).toString("hex"), cost)));
  return decoy;
};

/**
 * True when the password is the one hashed in `stored`; compared in constant time. With no stored
 * hash (no such user), a decoy of `cost` is checked and the answer is false.
 */
export async function verifyPassword(
  password: string,
  stored: string | null,
  cost: ScryptCost = DEFAULT_COST,
): Promise<boolean> {
  const m = STORED.exec(stored ?? (await decoyFor(cost)));
  if (!m) return false;
  const named = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (named.log2N < 10 || named.log2N > 20 || named.r < 1 || named.r > 32 || named.p < 1 || named.p > 16)
    return false;
  const expected = Buffer.from(m[5]!, "base64url");
  const key = await derive(password, Buffer.from(m[4]!, "base64url"), named);
  return stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

/** What a new password must be: long enough to resist guessing, short enough not to be a cost weapon. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
