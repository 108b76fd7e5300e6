import { beforeEach, describe, expect, it, vi } from "vitest";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { commandNames } from "../../src/commands/command-names";
import { handlerFor } from "../../src/commands/handlers";
import {
  getState,
  listenForPaneRequests,
  resetStore,
  setSchema,
  type PaneRequest,
} from "../../src/workflows";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../excel/schema";

beforeEach(() => {
  resetStore();
  setSchema(testSchema());
});

describe("ribbon commands", () => {
  it("run the workflow and complete the event", async () => {
    const { book, env } = simEnv();
    const event = { completed: vi.fn() };
    await handlerFor(commandNames.newTemplate, () => ({ env }))(event);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(book.sheetNames()).toContain("Customers");
    expect(getState().notifications.map((n) => n.level)).toEqual(["success"]);
    expect(getState().busy).toBe(null);
  });

  it("turn a failure into a notification for the pane, and still complete the event", async () => {
    const { env } = simEnv();
    const event = { completed: vi.fn() };
    await handlerFor(commandNames.validate, () => ({ env }))(event);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(getState().notifications).toEqual([
      { id: expect.any(Number), level: "error", text: text.notOurSheet("Sheet1"), topic: "ribbon" },
    ]);
  });

  it("ask for a connection before an import when none is set", async () => {
    const { env } = simEnv();
    const event = { completed: vi.fn() };
    await handlerFor(commandNames.import, () => ({ env }))(event);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(getState().notifications.at(-1)?.text).toBe(text.noConnection);
  });

  it("hand Validate, Import and Download to a listening pane, open it, and run nothing themselves", async () => {
    const { book, env } = simEnv();
    const seen: PaneRequest[] = [];
    const stop = listenForPaneRequests((r) => seen.push(r));
    const showPane = vi.fn(() => Promise.resolve());
    const deps = vi.fn(() => ({ env }));
    try {
      for (const name of [commandNames.validate, commandNames.import, commandNames.downloadCustomers]) {
        const event = { completed: vi.fn() };
        await handlerFor(name, deps, showPane)(event);
        expect(event.completed).toHaveBeenCalledOnce();
      }
    } finally {
      stop();
    }
    expect(seen).toEqual([
      { kind: "validate" },
      { kind: "import" },
      { kind: "download", sheet: "customers" },
    ]);
    expect(showPane).toHaveBeenCalledTimes(3);
    expect(deps).not.toHaveBeenCalled();
    expect(book.stats.syncs).toBe(0);
    expect(getState().notifications).toEqual([]);
  });

  it("say so when the pane cannot be opened, and still complete the event", async () => {
    const stop = listenForPaneRequests(() => undefined);
    const event = { completed: vi.fn() };
    try {
      await handlerFor(commandNames.validate, vi.fn(), () => Promise.reject(new Error("No pane here.")))(
        event,
      );
    } finally {
      stop();
    }
    expect(event.completed).toHaveBeenCalledOnce();
    expect(getState().notifications.map((n) => [n.level, n.topic])).toEqual([["error", "ribbon"]]);
  });

  it("clear an earlier ribbon failure once a command succeeds", async () => {
    const { env } = simEnv();
    await handlerFor(commandNames.validate, () => ({ env }))({ completed: vi.fn() });
    expect(getState().notifications.map((n) => n.topic)).toEqual(["ribbon"]);
    await handlerFor(commandNames.newTemplate, () => ({ env }))({ completed: vi.fn() });
    expect(getState().notifications.map((n) => n.topic)).toEqual(["template"]);
  });
});
