import { beforeEach, describe, expect, it } from "vitest";
import { dismiss, getState, notify, resetStore, subscribe } from "../../src/workflows";

beforeEach(() => resetStore());

describe("the shared store", () => {
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
