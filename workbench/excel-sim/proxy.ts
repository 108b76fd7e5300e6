// Proxy objects: lazily resolved targets, load()/sync() semantics, PropertyNotLoaded on early reads.
import { requiredSet } from "./api-gate";
import type { Execution, HostRun, SimContext } from "./context";
import { SimExcelError, fail, propertyNotLoaded } from "./errors";
import type { Steps } from "./host";

export type LoadSpec =
  string | string[] | { select?: string | string[]; expand?: string | string[] } | Record<string, unknown>;

/** Turns every form load() accepts into "a/b/c" paths. */
export function loadPaths(spec?: LoadSpec): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if ("select" in spec || "expand" in spec) {
    const pick = (v: unknown) =>
      typeof v === "string" || Array.isArray(v) ? loadPaths(v as string | string[]) : [];
    return [...pick(spec.select), ...pick(spec.expand)];
  }
  return Object.entries(spec).flatMap(([key, v]) => {
    if (v === true) return [key];
    if (v && typeof v === "object") {
      const inner = loadPaths(v as LoadSpec);
      return inner.length ? inner.map((p) => `${key}/${p}`) : [key];
    }
    return [];
  });
}

/** A target resolved at its place in the queue, as Excel resolves an object path when it gets there. */
export class Ref<T> {
  private value: T | null | undefined;
  private constructor(value?: T | null) {
    this.value = value;
  }

  static of<T>(value: T): Ref<T> {
    return new Ref<T>(value);
  }

  static lazy<T>(context: SimContext, payload: unknown, resolve: () => T | null): Ref<T> {
    const ref = new Ref<T>();
    context.enqueue(payload, () => {
      ref.value = resolve();
    });
    return ref;
  }

  get(): T {
    if (this.value === undefined)
      fail("InvalidOperation", "The object was used before its path was resolved.");
    if (this.value === null) fail("ItemNotFound");
    return this.value;
  }

  state(): "pending" | "null" | "ok" {
    return this.value === undefined ? "pending" : this.value === null ? "null" : "ok";
  }
}

/** A reader's value computed in steps (a large grid), so the host can pause while it reads. */
export class Stepped<T> {
  constructor(readonly steps: Steps<T>) {}
}

type Readers = Record<string, () => unknown>;

export abstract class SimProxy {
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: SimContext,
    protected readonly ref: Ref<unknown>,
  ) {
    // Assigning a property the simulator does not have would otherwise pass silently (and do nothing),
    // while Excel would apply it: fail loudly instead. Class fields are defined, not set, so they pass.
    // Every member is gated by its requirement set (api-sets.ts, generated from the typings): one the
    // host lacks fails the next sync with ApiNotFound, as Excel answers the request.
    return new Proxy(this, {
      set(target, prop, value, receiver) {
        if (typeof prop === "string" && !(prop in target)) {
          throw new TypeError(
            `excel-sim does not simulate ${target.constructor.name}.${prop}; add it in workbench/excel-sim.`,
          );
        }
        // Own fields are the proxy's children, assigned by constructors; setters live on the prototype.
        if (typeof prop === "string" && !Object.hasOwn(target, prop)) target.gate(prop);
        return Reflect.set(target, prop, value, receiver);
      },
      get(target, prop, receiver) {
        if (typeof prop === "string") target.gate(prop);
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  /** A member the host's requirement sets lack: the next sync fails (client side only, once). */
  private gate(member: string): void {
    if (this.context.applying) return;
    const needed = requiredSet(this.constructor.name, member);
    if (needed === null || this.context.book.isSetSupported("ExcelApi", needed)) return;
    const what = `${this.constructor.name}.${member}`;
    this.context.enqueue({ api: what }, () => this.context.book.requireApi(needed, what), this);
  }

  /** Scalar properties, read on the host at sync time. */
  protected abstract readers(): Readers;

  /** Child objects that load paths may go through ("format/fill/color"). */
  protected children(): Record<string, SimProxy> {
    return {};
  }

  get isNullObject(): boolean {
    const state = this.ref.state();
    if (state === "pending") throw propertyNotLoaded("isNullObject");
    return state === "null";
  }

  /** Office.js refuses an object of another request context as an argument. */
  protected own<P extends SimProxy>(other: P): P {
    if (other.context !== this.context) fail("InvalidRequestContext");
    return other;
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) throw propertyNotLoaded(name);
    return this.loaded.get(name) as T;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue({ load: paths }, (exec) => this.capture(exec, paths), this);
    return this;
  }

  /** Reads the requested properties now (inside a sync) into the response. */
  *capture(exec: Execution, paths: string[]): Steps {
    if (this.ref.state() === "null") return;
    const readers = this.readers();
    const wanted = paths.length === 0 ? Object.keys(readers) : paths;
    const nested = new Map<string, string[]>();
    for (const path of wanted) {
      const [head = "", ...rest] = path.split("/");
      const needed = requiredSet(this.constructor.name, head);
      if (needed !== null) this.context.book.requireApi(needed, `${this.constructor.name}.${head}`);
      const reader = readers[head];
      if (reader && rest.length === 0) {
        const read = reader();
        const value = read instanceof Stepped ? yield* (read as Stepped<unknown>).steps : read;
        yield* exec.deliver(value, () => this.loaded.set(head, value));
        continue;
      }
      if (!(head in this.children())) {
        throw new SimExcelError(
          "InvalidArgument",
          `The property '${head}' does not exist on ${this.constructor.name}.`,
        );
      }
      nested.set(head, [...(nested.get(head) ?? []), ...(rest.length ? [rest.join("/")] : [])]);
    }
    for (const [head, rest] of nested) {
      const child = this.children()[head];
      if (child) yield* child.capture(exec, rest);
    }
  }

  /** Queues a property write or method call on the host. */
  protected queue(payload: unknown, run: HostRun): void {
    this.context.enqueue(payload, run, this);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** OfficeExtension.ClientResult: `value` is readable only after the sync that computed it. */
export class SimClientResult<T> {
  private box: { v: T } | undefined;

  set(v: T): void {
    this.box = { v };
  }

  get value(): T {
    if (!this.box) throw propertyNotLoaded("value");
    return this.box.v;
  }
}

/** Queues a host computation whose result is delivered through a ClientResult. */
export function queueResult<T>(context: SimContext, payload: unknown, compute: () => T): SimClientResult<T> {
  const result = new SimClientResult<T>();
  context.enqueue(payload, function* (exec) {
    const v = compute();
    yield* exec.deliver(v, () => result.set(v));
  });
  return result;
}
