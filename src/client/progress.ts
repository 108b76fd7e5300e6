/** Import progress as the pane shows it: counts, throughput so far, and a time-left estimate. */
export interface ImportProgress {
  rowsDone: number;
  rowsTotal: number;
  batchesDone: number;
  batchesTotal: number;
  rowsPerSecond: number;
  /** Null until a first batch gives a rate to estimate from. */
  secondsLeft: number | null;
}

export interface ProgressMeter {
  add(rows: number, batches: number): void;
  snapshot(): ImportProgress;
}

export function createProgressMeter(
  rowsTotal: number,
  batchesTotal: number,
  now: () => number,
): ProgressMeter {
  const started = now();
  let rowsDone = 0;
  let batchesDone = 0;
  let rowsSent = 0;
  return {
    add(rows, batches) {
      rowsDone += rows;
      batchesDone += batches;
      // Rows failed before sending cost no time, so they do not inflate the rate.
      if (batches > 0) rowsSent += rows;
    },
    snapshot() {
      const seconds = Math.max(now() - started, 1) / 1000;
      const rowsPerSecond = rowsSent / seconds;
      const left = rowsTotal - rowsDone;
      const secondsLeft = left === 0 ? 0 : rowsPerSecond > 0 ? left / rowsPerSecond : null;
      return { rowsDone, rowsTotal, batchesDone, batchesTotal, rowsPerSecond, secondsLeft };
    },
  };
}
