// The simulated Excel host. In Excel the host applies a request in its own process while the pane's
// thread is free; here it runs on the same thread, so it works in short slices and gives the event
// loop a turn between them. Requests are applied one at a time, in order, as Excel applies them.
import type { SimStats } from "./model";

/** Host work that can be cut: a generator that yields wherever a slice may end. */
export type Steps<T = void> = Generator<void, T, void>;

/** Default length of a slice of host work before the event loop gets a turn. */
export const HOST_SLICE_MS = 20;

const now = (): number => performance.now();

/** A macrotask turn: timers and I/O of the add-in run before the host resumes. */
const turn = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

export class SimHost {
  /** Called with each slice's start and end (performance.now()), for benches that tell host time apart. */
  onSlice: ((startMs: number, endMs: number) => void) | null = null;
  private busy = false;
  private readonly waiting: (() => void)[] = [];
  private sliceStart = 0;

  /**
   * @param sliceMs milliseconds of host work per slice; 0 gives the event loop a turn at every
   * step, Infinity never (the whole request in one go, as before the host was sliced).
   */
  constructor(
    readonly sliceMs: number,
    private readonly stats: () => SimStats,
  ) {}

  /** Waits until no other request is being applied; undefined when the host is free right away. */
  acquire(): Promise<void> | undefined {
    if (!this.busy) {
      this.busy = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the host to the next waiting request, in arrival order. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  /** Runs `work` as host work, alone and in slices. */
  async apply<T>(work: (slice: () => Promise<void> | undefined) => Promise<T>): Promise<T> {
    const wait = this.acquire();
    if (wait) await wait;
    this.sliceStart = now();
    try {
      return await work(() => this.slice());
    } finally {
      this.endSlice();
      this.release();
    }
  }

  /** Drives steps to the end, ending a slice whenever its time is spent. */
  async drive<T>(steps: Steps<T>): Promise<T> {
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      const pause = this.slice();
      if (pause) await pause;
    }
  }

  /** Ends the current slice if its time is spent: a promise to await, else undefined. */
  slice(): Promise<void> | undefined {
    if (now() - this.sliceStart < this.sliceMs) return undefined;
    this.endSlice();
    this.stats().hostYields += 1;
    return turn().then(() => {
      this.sliceStart = now();
    });
  }

  private endSlice(): void {
    const end = now();
    const ms = end - this.sliceStart;
    this.onSlice?.(this.sliceStart, end);
    const stats = this.stats();
    stats.hostMs += ms;
    stats.longestHostSliceMs = Math.max(stats.longestHostSliceMs, ms);
  }
}
