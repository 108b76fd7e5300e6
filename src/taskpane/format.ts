/** Figures for the progress line: rows per second so far, and the time left at that rate. */
export function rateOf(rowsDone: number, startedAtMs: number, nowMs: number): number | null {
  const seconds = (nowMs - startedAtMs) / 1000;
  return rowsDone > 0 && seconds > 0 ? rowsDone / seconds : null;
}

export function secondsLeftOf(rowsDone: number, rowsTotal: number, rate: number | null): number | null {
  return rate && rowsTotal >= rowsDone ? (rowsTotal - rowsDone) / rate : null;
}

/** After this long without an answer, the pane says it is waiting for the CRM instead of a time left. */
export const STALL_MS = 5_000;

export type CrmWait = { kind: "retry"; seconds: number } | { kind: "noAnswer"; seconds: number } | null;

/**
 * What the pane says while rows are on their way: the client waiting to try again (until
 * `retryAt`), or no answer from the CRM for STALL_MS or more since the progress last moved.
 */
export function crmWaitOf(nowMs: number, retryAt: number | null, lastMovedMs: number): CrmWait {
  if (retryAt !== null && retryAt > nowMs)
    return { kind: "retry", seconds: Math.ceil((retryAt - nowMs) / 1000) };
  const still = nowMs - lastMovedMs;
  return still >= STALL_MS ? { kind: "noAnswer", seconds: Math.floor(still / 1000) } : null;
}

/** A date and time in the user's locale, short; the raw text when it is not a date. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
