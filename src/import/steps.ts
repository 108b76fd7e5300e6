// Long loops over 100,000 rows written as generators: `yield` marks where a caller may give the
// event loop a turn (the pane drives them in time slices); `drain` runs one to the end at once.

/** A computation that yields wherever it may be paused, and returns T. */
export type Steps<T> = Generator<void, T, void>;

/** Rows handled between two points where a loop may be paused (well under a millisecond of work). */
export const ROWS_PER_STEP = 1_000;

/** Runs steps to the end without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
