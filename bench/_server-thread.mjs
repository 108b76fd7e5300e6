// Loads bench/_server-thread.ts in a worker thread: workers do not inherit tsx's loader, so this
// registers it first. Plain JavaScript so the worker can start it as it is.
import { register } from "tsx/esm/api";

register();
await import("./_server-thread.ts");
