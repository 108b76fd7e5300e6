/**
 * A per-address limit on tokens that are not yet known good, checked before the token is looked up.
 * The rate limiter counts per token, so 700 made-up tokens were 700 fresh buckets: every guess got
 * its 401 and cost a database lookup. Here each address may have at most `max` tokens in its window
 * that were looked up and refused, or are being looked up right now (a burst of guesses sent at once
 * counts before any of them is answered); a token found good gives its place back. Counters are per
 * instance, like the rate limiter's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearerOf } from "./auth";
import { ApiError } from "./errors";
import { hashToken } from "./ids";
import { apiMessages } from "./messages";
import type { RecentCache } from "./recent-reads";

export interface AuthFailureLimit {
  max: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** Addresses remembered at most; beyond it the oldest windows are forgotten first. */
const MAX_ADDRESSES = 50_000;

export class AuthFailureCounter {
  readonly #windows = new Map<string, Window>();

  constructor(
    readonly limit: AuthFailureLimit,
    readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the address may try again; 0 when it may now. */
  waitSeconds(address: string): number {
    const w = this.#current(address);
    return w && w.count >= this.limit.max ? Math.max(1, Math.ceil((w.resetAt - this.now()) / 1000)) : 0;
  }

  /** Counts one unverified token against the address. */
  take(address: string): void {
    const w = this.#current(address);
    if (w) w.count++;
    else {
      if (this.#windows.size >= MAX_ADDRESSES) this.#windows.delete(this.#windows.keys().next().value!);
      this.#windows.set(address, { count: 1, resetAt: this.now() + this.limit.windowMs });
    }
  }

  /** Gives back the place of a token that turned out good. */
  giveBack(address: string): void {
    const w = this.#current(address);
    if (w && w.count > 0) w.count--;
  }

  #current(address: string): Window | undefined {
    const w = this.#windows.get(address);
    if (w && w.resetAt <= this.now()) {
      this.#windows.delete(address);
      return undefined;
    }
    return w;
  }
}

/**
 * Hooks for a scope whose routes need a token; registered before `registerAuthentication`, so a
 * blocked address is refused before its token is looked up. The counter is the app's one: the
 * sign-in page's passwords and the token endpoint's codes and refresh tokens (routes/oauth.ts)
 * spend the same allowance, so no kind of guess gets a budget of its own.
 */
export function registerAuthFailureLimit(
  app: FastifyInstance,
  counter: AuthFailureCounter,
  known: RecentCache<unknown>,
): void {
  const counted = new WeakSet<FastifyRequest>();
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === "OPTIONS") return;
    const token = bearerOf(request.headers.authorization);
    // No token is refused at once by authentication, and a token seen good seconds ago costs nothing.
    if (!token || known.get(hashToken(token)) !== undefined) return;
    const wait = counter.waitSeconds(request.ip);
    if (wait > 0) {
      reply.header("retry-after", String(wait));
      throw new ApiError(429, "rate_limited", apiMessages.tooManyBadTokens(wait));
    }
    counter.take(request.ip);
    counted.add(request);
  });
  app.addHook("onResponse", async (request, reply) => {
    if (counted.has(request) && reply.statusCode !== 401) counter.giveBack(request.ip);
  });
}
