import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  clearTopic,
  dismiss,
  listenForPaneRequests,
  requestPane,
  TRANSIENT_MS,
  getState,
  loadConnection,
  notify,
  resetStore,
  saveConnection,
  subscribe,
} from "../../src/workflows";
import { simEnv } from "../excel/helpers";

beforeEach(() => resetStore());
afterEach(() => vi.useRealTimers());

describe("the shared store", () => {
  it("keeps the connection in the workbook's add-in settings, never in cells, and parses it back", async () => {
    const { book, env } = simEnv();
    await saveConnection(env, { url: "https://crm.example.com", token: "t0k3n" });
    expect(book.settings.get("crm.connection")).toEqual({ url: "https://crm.example.com", token: "t0k3n" });
    expect(book.usedRange("Sheet1")).toBe(null);
    resetStore();
    expect(await loadConnection(env)).toEqual({ url: "https://crm.example.com", token: "t0k3n" });
    expect(getState().connection?.url).toBe("https://crm.example.com");
  });

  it("ignores a malformed stored connection", async () => {
    const { book, env } = simEnv();
    book.settings.set("crm.connection", { url: "not a url", token: 5 });
    expect(await loadConnection(env)).toBe(null);
  });

  it("tells subscribers about notifications until they unsubscribe", () => {
    const seen: number[] = [];
    const stop = subscribe((s) => seen.push(s.notifications.length));
    const id = notify("error", "x");
    dismiss(id);
    stop();
    notify("info", "y");
    expect(seen).toEqual([1, 0]);
    expect(getState().notifications.map((n) => n.text)).toEqual(["y"]);
  });

  it("keeps one message per topic: a newer one replaces the stale one, other topics stay", () => {
    notify("warning", "Customers: 3 ready, 5 with errors.", "Customers");
    notify("error", "Cannot reach the CRM.", "connection");
    notify("success", "Customers: all 8 rows are ready to import.", "Customers");
    expect(getState().notifications.map((n) => [n.topic, n.text])).toEqual([
      ["connection", "Cannot reach the CRM."],
      ["Customers", "Customers: all 8 rows are ready to import."],
    ]);
    notify("success", "Customers: all 8 rows are ready to import.", "Customers");
    expect(getState().notifications.filter((n) => n.topic === "Customers")).toHaveLength(1);
  });

  it("lets successes and information expire, and keeps errors and warnings until dismissed", () => {
    vi.useFakeTimers();
    notify("success", "Templates ready.", "template");
    notify("info", "Contacts: nothing to import.", "Contacts");
    notify("error", "Import failed.", "Customers");
    notify("warning", "Sites: 2 with errors.", "Sites");
    vi.advanceTimersByTime(TRANSIENT_MS - 1);
    expect(getState().notifications).toHaveLength(4);
    vi.advanceTimersByTime(1);
    expect(getState().notifications.map((n) => n.level)).toEqual(["error", "warning"]);
    vi.advanceTimersByTime(TRANSIENT_MS * 10);
    expect(getState().notifications.map((n) => n.level)).toEqual(["error", "warning"]);
  });

  it("does not let an older success's timer remove the message that replaced it", () => {
    vi.useFakeTimers();
    notify("success", "Customers: all 3 ready.", "Customers");
    vi.advanceTimersByTime(TRANSIENT_MS / 2);
    notify("error", "Customers: the import failed.", "Customers");
    vi.advanceTimersByTime(TRANSIENT_MS);
    expect(getState().notifications.map((n) => n.text)).toEqual(["Customers: the import failed."]);
  });

  it("clears a topic whose problem was resolved", () => {
    notify("error", "Validate failed.", "ribbon");
    notify("error", "Customers: failed.", "Customers");
    clearTopic("ribbon");
    expect(getState().notifications.map((n) => n.topic)).toEqual(["Customers"]);
  });

  it("hands ribbon requests to a listening pane, and says when none listens", () => {
    expect(requestPane({ kind: "validate" })).toBe(false);
    const seen: string[] = [];
    const stop = listenForPaneRequests((r) => seen.push(r.kind));
    expect(requestPane({ kind: "import" })).toBe(true);
    stop();
    expect(requestPane({ kind: "validate" })).toBe(false);
    expect(seen).toEqual(["import"]);
  });
});
