// The pane's thread is also Excel's UI for the add-in: long work gives the event loop a turn every
// TURN_MS so no stretch holds it much longer than that (issue #4 aims at under 100 ms, GC included).

/** Milliseconds of work between two turns of the event loop. */
export const TURN_MS = 25;

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface Turns {
  /** Gives the event loop a turn when this stretch has run TURN_MS; cheap to call every few rows. */
  check(): Promise<void> | undefined;
  /** A turn now (after a sync, say), starting a new stretch. */
  now(): Promise<void>;
}

/** A clock for one job: call `check()` often in its loops and await what it returns. */
export function turns(budgetMs: number = TURN_MS): Turns {
  let start = performance.now();
  const now = async () => {
    await pause();
    start = performance.now();
  };
  return {
    check: () => (performance.now() - start >= budgetMs ? now() : undefined),
    now,
  };
}

/** Runs a generator that yields where it may be paused (src/import's *Steps), in turns. */
export async function drive<T>(steps: Generator<void, T, void>, t: Turns): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const wait = t.check();
    if (wait) await wait;
  }
}
