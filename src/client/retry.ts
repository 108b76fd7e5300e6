/**
 * When to try again and how long to wait: exponential backoff with full jitter, and the CRM's own
 * `Retry-After` when it gives one. Pure functions plus one loop, so tests drive them with a fake
 * clock and a fixed random.
 */
import { CrmClientError, cancelledError, isRetryable } from "./errors";

export interface RetryPolicy {
  retries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is not waited out: the caller gets the 429 instead. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  /** Told before each wait between attempts (the pane says "waiting for the CRM, retry in N s"). */
  onWait?: (ms: number) => void;
}

/**
 * Full jitter (a random wait between 0 and the exponential ceiling) spreads the retries of many
 * clients that failed together, so they do not hit a recovering CRM at the same instant.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<RetryPolicy, "backoffBaseMs" | "backoffMaxMs" | "random">,
): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** attempt);
  return Math.round(ceiling * policy.random());
}

/** `Retry-After` as milliseconds: either delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: unknown, now: number): number | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (typeof text !== "string" && typeof text !== "number") return undefined;
  const trimmed = String(text).trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** How long to wait before the next attempt after `error`, or undefined to give up now. */
export function nextDelay(error: CrmClientError, attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.retries || !isRetryable(error)) return undefined;
  if (error.kind === "rateLimited" && error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  return backoffDelay(attempt, policy);
}

/**
 * Runs `attempt` until it succeeds, fails for good, or `signal` aborts between attempts. An attempt
 * already under way is never abandoned by this loop: that is the request's own signal's job.
 */
export async function withRetries<T>(
  run: (attempt: number) => Promise<T>,
  toError: (error: unknown) => CrmClientError,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  let unconfirmed = false;
  // The last error alone would hide an earlier attempt that may have been applied (a lost answer, then 429).
  const settle = (error: CrmClientError): CrmClientError => (unconfirmed ? error.asUnconfirmed() : error);
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw settle(cancelledError(signal.reason));
    try {
      return await run(attempt);
    } catch (caught) {
      const error = toError(caught);
      const delay = nextDelay(error, attempt, policy);
      if (delay === undefined) throw settle(error);
      unconfirmed ||= error.unconfirmed;
      policy.onWait?.(delay);
      await sleepUnlessAborted(policy.sleep, delay, signal).catch((e: unknown) => {
        throw settle(toError(e));
      });
    }
  }
}

/** A cancel during a long wait (a 429's Retry-After) ends the wait at once. */
async function sleepUnlessAborted(
  sleep: RetryPolicy["sleep"],
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  if (!signal) return sleep(ms);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
