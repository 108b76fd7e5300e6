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
  /** The proxy that queued it: after its Excel.run ended, only a tracked one may still be used. */
  owner?: object | "event";
}

/** Excel.RunOptions as the simulator honours them. */
export interface SimRunOptions {
  delayForCellEdit?: boolean;
}

/** Per-action envelope overhead, roughly what Office.js puts around each action in its JSON request. */
const ACTION_OVERHEAD = 40;

export class SimContext {
  // Assigned right after construction by createContext (the proxies need the context first).
  workbook!: WorkbookProxy;
  application!: ApplicationProxy;
  private readonly tracked = new Set<object>();
  readonly trackedObjects = {
    add: (objects: object | object[]) => {
      for (const o of Array.isArray(objects) ? objects : [objects]) this.tracked.add(o);
    },
    remove: (objects: object | object[]) => {
      for (const o of Array.isArray(objects) ? objects : [objects]) this.tracked.delete(o);
    },
  };
  private queue: Action[] = [];
  /** Set when the Excel.run that made this context has finished. */
  ended = false;
  /** True while the host applies this context's request (proxies touched then are the host's doing). */
  applying = false;

  constructor(
    readonly book: SimWorkbook,
    readonly options: SimRunOptions = {},
  ) {}

  enqueue(payload: unknown, run: HostRun, owner?: Action["owner"]): void {
    this.queue.push({ bytes: ACTION_OVERHEAD + jsonBytes(payload), run, owner });
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
    this.checkPaths(actions);
    await this.waitForCellEdit();
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

  /**
   * Objects of an Excel.run that has ended are no longer valid unless they were tracked
   * (context.trackedObjects.add): Office.js answers InvalidObjectPath.
   */
  private checkPaths(actions: Action[]): void {
    if (!this.ended) return;
    const stale = actions.find((a) => a.owner !== "event" && !(a.owner && this.tracked.has(a.owner)));
    if (stale) {
      fail(
        "InvalidObjectPath",
        "The object path isn't working for what you're trying to do. The object was used after its Excel.run ended; track it with context.trackedObjects.add.",
      );
    }
  }

  /**
   * While the user is editing a cell, a batch fails with InvalidOperationInCellEditMode, unless its
   * Excel.run asked for delayForCellEdit: then it waits until the edit ends.
   */
  private async waitForCellEdit(): Promise<void> {
    if (!this.book.cellEditing) return;
    if (!this.options.delayForCellEdit) {
      fail(
        "InvalidOperationInCellEditMode",
        "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
      );
    }
    await this.book.cellEditDone();
  }

  /** The host's side of a sync: every action in order, stopping at the first that fails. */
  private async apply(actions: Action[], slice: () => Promise<void> | undefined): Promise<Execution> {
    const exec = new Execution();
    const host = this.book.host;
    this.applying = true;
    try {
      for (const action of actions) {
        const steps: unknown = action.run(exec);
        if (isSteps(steps)) await host.drive(steps);
        const pause = slice();
        if (pause) await pause;
      }
    } finally {
      this.applying = false;
      this.book.emit(exec.changes);
    }
    return exec;
  }
}
