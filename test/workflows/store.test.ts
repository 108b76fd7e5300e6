import { beforeEach, describe, expect, it } from "vitest";
import {
  dismiss,
  getState,
  loadConnection,
  notify,
  resetStore,
  saveConnection,
  subscribe,
} from "../../src/workflows";
import { simEnv } from "../excel/helpers";

beforeEach(() => resetStore());

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
});
