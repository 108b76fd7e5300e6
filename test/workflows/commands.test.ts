import { beforeEach, describe, expect, it, vi } from "vitest";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { commandNames } from "../../src/commands/command-names";
import { handlerFor } from "../../src/commands/handlers";
import { getState, resetStore, setSchema } from "../../src/workflows";
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
      { id: expect.any(Number), level: "error", text: text.notOurSheet("Sheet1") },
    ]);
  });

  it("ask for a connection before an import when none is set", async () => {
    const { env } = simEnv();
    const event = { completed: vi.fn() };
    await handlerFor(commandNames.import, () => ({ env }))(event);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(getState().notifications.at(-1)?.text).toBe(text.noConnection);
  });
});
