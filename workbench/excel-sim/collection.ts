// Collections: `items` is loaded like a property; "items/name" or "name" load the items' properties.
import type { Execution } from "./context";
import type { Steps } from "./host";
import { SimProxy } from "./proxy";

/** Items created or read between two points where the host may pause. */
export const ITEMS_PER_STEP = 100;

export abstract class SimCollection<P extends SimProxy> extends SimProxy {
  /** Proxies for the host's current items, created inside a sync. */
  protected abstract list(): P[];

  /** The same, or in steps for collections that can be long (the areas of a RangeAreas). */
  protected listSteps(): P[] | Steps<P[]> {
    return this.list();
  }

  get items(): P[] {
    return this.read<P[]>("items");
  }

  protected readers(): Record<string, () => unknown> {
    return {};
  }

  override *capture(exec: Execution, paths: string[]): Steps {
    const listed = this.listSteps();
    const items = Array.isArray(listed) ? listed : yield* listed;
    const inner = paths
      .map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice("items/".length) : p))
      .filter((p) => p.length > 0);
    let n = 0;
    for (const item of items) {
      yield* item.capture(exec, inner);
      if (++n % ITEMS_PER_STEP === 0) yield;
    }
    yield* exec.deliver([], () => this.loaded.set("items", items));
  }
}
