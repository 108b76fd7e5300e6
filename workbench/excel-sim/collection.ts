// Collections: `items` is loaded like a property; "items/name" or "name" load the items' properties.
import type { Execution } from "./context";
import { SimProxy } from "./proxy";

export abstract class SimCollection<P extends SimProxy> extends SimProxy {
  /** Proxies for the host's current items, created inside a sync. */
  protected abstract list(): P[];

  get items(): P[] {
    return this.read<P[]>("items");
  }

  protected readers(): Record<string, () => unknown> {
    return {};
  }

  override capture(exec: Execution, paths: string[]): void {
    const items = this.list();
    const inner = paths
      .map((p) => (p === "items" ? "" : p.startsWith("items/") ? p.slice("items/".length) : p))
      .filter((p) => p.length > 0);
    for (const item of items) item.capture(exec, inner);
    exec.deliver([], () => this.loaded.set("items", items));
  }
}
