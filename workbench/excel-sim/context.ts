// The request context: a queue of actions run in order at sync(), metered against the web's limits.
import { fail } from "./errors";
import type { Steps } from "./host";
import { REQUEST_LIMIT_BYTES, RESPONSE_LIMIT_BYTES, jsonBytes, jsonBytesSteps } from "./limits";
import type { ChangeRecord, SimWorkbook } from "./model";
import type { WorkbookProxy } from "./workbook";
import type { ApplicationProxy } from "./workbook-parts";

/** What one sync produced: loaded values waiting to be delivered, changes to announce. */
export class Execution {
  responseBytes = 2;
  readonly commits: (() => void)[] = [];
  readonly changes: ChangeRecord[] = [];

  /** Queues a loaded value; it becomes readable only if the whole response fits the limit. */
  *deliver(value: unknown, commit: () => void): Steps {
    this.responseBytes += (yield* jsonBytesSteps(value)) + 1;
    this.commits.push(commit);
  }
}

/** What an action does on the host: at once, or in steps the host may pause between. */
export type HostRun = (exec: Execution) => void | Steps;

/** Steps returned by an action (a callback written as `() => map.set(...)` returns other things). */
const isSteps = (x: unknown): x is Steps =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as Steps).next === "function" &&
  typeof (x as Steps)[Symbol.iterator] === "function";

export interface Action {
  bytes: number;
  run: HostRun;
}

/** Per-action envelope overhead, roughly what Office.js puts around each action in its JSON request. */
const ACTION_OVERHEAD = 40;

export class SimContext {
  // Assigned right after construction by createContext (the proxies need the context first).
  workbook!: WorkbookProxy;
  application!: ApplicationProxy;
  readonly trackedObjects = {
    add: (_objects: unknown) => undefined,
    remove: (_objects: unknown) => undefined,
  };
  private queue: Action[] = [];

  constructor(readonly book: SimWorkbook) {}

  enqueue(payload: unknown, run: HostRun): void {
    this.queue.push({ bytes: ACTION_OVERHEAD + jsonBytes(payload), run });
  }

  /** Counts a payload whose size is already known (large value grids). */
  enqueueSized(bytes: number, run: HostRun): void {
    this.queue.push({ bytes: ACTION_OVERHEAD + bytes, run });
  }

  hasPending(): boolean {
    return this.queue.length > 0;
  }

  noteAddress(address: string): void {
    const stats = this.book.stats;
    stats.longestAddress = Math.max(stats.longestAddress, address.length);
  }

  /**
   * Sends the queued actions to the host. The request is measured here, on the add-in's side (Office.js
   * serialises it on the pane's thread); the host then applies it in slices, giving the event loop a
   * turn between them, as Excel's host works in its own process while the pane's thread is free.
   */
  async sync(): Promise<void> {
    await Promise.resolve();
    const actions = this.queue.splice(0);
    const requestBytes = actions.reduce((sum, a) => sum + a.bytes + 1, 2);
    const record = { requestBytes, responseBytes: 0, actions: actions.length };
    const stats = this.book.stats;
    stats.syncs += 1;
    stats.requests.push(record);
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, requestBytes);
    if (requestBytes > REQUEST_LIMIT_BYTES) {
      fail(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size (${requestBytes} bytes) has exceeded the limit.`,
      );
    }
    const exec = await this.book.host.apply((slice) => this.apply(actions, slice));
    record.responseBytes = exec.responseBytes;
    stats.largestResponseBytes = Math.max(stats.largestResponseBytes, exec.responseBytes);
    if (exec.responseBytes > RESPONSE_LIMIT_BYTES) {
      fail(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size (${exec.responseBytes} bytes) has exceeded the limit.`,
      );
    }
    for (const commit of exec.commits) commit();
  }

  /** The host's side of a sync: every action in order, stopping at the first that fails. */
  private async apply(actions: Action[], slice: () => Promise<void> | undefined): Promise<Execution> {
    const exec = new Execution();
    const host = this.book.host;
    try {
      for (const action of actions) {
        const steps: unknown = action.run(exec);
        if (isSteps(steps)) await host.drive(steps);
        const pause = slice();
        if (pause) await pause;
      }
    } finally {
      this.book.emit(exec.changes);
    }
    return exec;
  }
}
