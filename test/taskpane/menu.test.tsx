// @vitest-environment jsdom
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../../src/taskpane/App";
import { diagnosticMessages, paneMessages as text } from "../../src/workflows/pane-types";
import { getState, resetStore } from "../../src/workflows/store";
import { fakeActions, renderPane } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const connected = () => Promise.resolve({ url: "https://crm.example.com", via: "sign-in" as const });

describe("the pane's menu", () => {
  it("has Clear marks, which clears the active sheet's marks", async () => {
    const clearMarks = vi.fn(() => Promise.resolve());
    renderPane(<App />, fakeActions({ loadConnection: connected, clearMarks }));
    await screen.findByRole("region", { name: text.startHeading });
    await userEvent.click(screen.getByRole("button", { name: diagnosticMessages.menu }));
    await userEvent.click(await screen.findByRole("menuitem", { name: text.clearMarks }));
    await waitFor(() => expect(clearMarks).toHaveBeenCalledWith());
  });

  it("says why when Clear marks fails", async () => {
    const clearMarks = vi.fn(() => Promise.reject(new Error("The sheet is protected.")));
    renderPane(<App />, fakeActions({ loadConnection: connected, clearMarks }));
    await screen.findByRole("region", { name: text.startHeading });
    await userEvent.click(screen.getByRole("button", { name: diagnosticMessages.menu }));
    await userEvent.click(await screen.findByRole("menuitem", { name: text.clearMarks }));
    await waitFor(() => expect(getState().notifications.map((n) => n.level)).toContain("error"));
  });
});
