/** Figures for the progress line: rows per second so far, and the time left at that rate. */
export function rateOf(rowsDone: number, startedAtMs: number, nowMs: number): number | null {
  const seconds = (nowMs - startedAtMs) / 1000;
  return rowsDone > 0 && seconds > 0 ? rowsDone / seconds : null;
}

export function secondsLeftOf(rowsDone: number, rowsTotal: number, rate: number | null): number | null {
  return rate && rowsTotal >= rowsDone ? (rowsTotal - rowsDone) / rate : null;
}

/** A date and time in the user's locale, short; the raw text when it is not a date. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
