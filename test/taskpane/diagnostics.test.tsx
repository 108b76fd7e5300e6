// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../../src/taskpane/App";
import { copyText } from "../../src/taskpane/clipboard";
import { DiagnosticsStep } from "../../src/taskpane/steps/DiagnosticsStep";
import type { DiagnosticsReport } from "../../src/workflows/pane-actions";
import { diagnosticMessages as text, paneMessages } from "../../src/workflows/pane-types";
import { resetStore } from "../../src/workflows/store";
import { fakeActions, renderPane } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
  vi.unstubAllGlobals();
});

const report: DiagnosticsReport = {
  host: { host: "Excel", platform: "OfficeOnline", version: "16.0.1" },
  checkedAt: "2026-12-01T22:00:00.000Z",
  results: [
    { id: "requirementSets", status: "pass", detail: "ExcelApi up to 1.18; SharedRuntime 1.1: yes." },
    { id: "formatUnboundedArray", status: "fail", detail: "InvalidArgument: The argument is invalid." },
    { id: "notes", status: "skipped", detail: "This Excel has no ExcelApi 1.18." },
  ],
};

/** jsdom has no Clipboard API: install one that records what it was given, or refuses. */
function stubClipboard(refuse: boolean): string[] {
  const written: string[] = [];
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: {
      writeText: (value: string) => {
        if (refuse) return Promise.reject(new DOMException("Denied", "NotAllowedError"));
        written.push(value);
        return Promise.resolve();
      },
    },
  });
  return written;
}

describe("Check this Excel", () => {
  it("is reachable from the pane's menu, and Back returns to where the user was", async () => {
    const actions = fakeActions({
      loadConnection: () => Promise.resolve({ url: "https://crm.example.com", token: "t" }),
    });
    renderPane(<App />, actions);
    await screen.findByRole("region", { name: paneMessages.startHeading });
    await userEvent.click(screen.getByRole("button", { name: text.menu }));
    await userEvent.click(await screen.findByRole("menuitem", { name: text.menuItem }));
    expect(await screen.findByRole("region", { name: text.heading })).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.menu })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: paneMessages.back }));
    expect(await screen.findByRole("region", { name: paneMessages.startHeading })).toBeTruthy();
  });

  it("is reachable before connecting too: checking Excel needs no CRM", async () => {
    renderPane(<App />, fakeActions({ loadConnection: () => Promise.resolve(null) }));
    await screen.findByRole("region", { name: paneMessages.connectHeading });
    await userEvent.click(screen.getByRole("button", { name: text.menu }));
    await userEvent.click(await screen.findByRole("menuitem", { name: text.menuItem }));
    expect(await screen.findByRole("region", { name: text.heading })).toBeTruthy();
  });

  it("runs the probes and shows pass, fail and skipped per probe with what was found", async () => {
    const runDiagnostics = vi.fn(() => Promise.resolve(report));
    renderPane(<DiagnosticsStep />, fakeActions({ runDiagnostics }));
    expect(screen.queryByRole("list")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: text.run }));
    const list = await screen.findByRole("list", { name: text.heading });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.dataset.status)).toEqual(["pass", "fail", "skipped"]);
    expect(items[1]?.textContent).toContain(text.probes.formatUnboundedArray);
    expect(items[1]?.textContent).toContain("InvalidArgument: The argument is invalid.");
    expect(screen.getByText(text.summary(1, 1, 1))).toBeTruthy();
    expect(runDiagnostics).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole("button", { name: text.runAgain }));
    await waitFor(() => expect(runDiagnostics).toHaveBeenCalledTimes(2));
  });

  it("shows the failure in the user's words when the checks cannot run", async () => {
    const { WorkflowError } = await import("../../src/workflows/deps");
    const runDiagnostics = vi.fn(() => Promise.reject(new WorkflowError("Excel is busy.")));
    renderPane(<DiagnosticsStep />, fakeActions({ runDiagnostics }));
    await userEvent.click(screen.getByRole("button", { name: text.run }));
    expect((await screen.findByRole("alert")).textContent).toContain("Excel is busy.");
  });

  it("copies the whole report to the clipboard", async () => {
    const written = stubClipboard(false);
    renderPane(<DiagnosticsStep />, fakeActions({ runDiagnostics: () => Promise.resolve(report) }));
    await userEvent.click(screen.getByRole("button", { name: text.run }));
    await userEvent.click(await screen.findByRole("button", { name: text.copy }));
    expect(await screen.findByText(text.copied)).toBeTruthy();
    expect(written).toHaveLength(1);
    const lines = written[0]!.split("\n");
    expect(lines[0]).toBe(text.reportTitle);
    expect(lines).toContain(text.reportHost("Excel", "OfficeOnline", "16.0.1"));
    expect(lines).toContain(
      `[FAIL] ${text.probes.formatUnboundedArray}: InvalidArgument: The argument is invalid.`,
    );
    expect(lines).toContain(`[SKIPPED] ${text.probes.notes}: This Excel has no ExcelApi 1.18.`);
  });

  it("shows the report selected for Ctrl+C when the host refuses every way of copying", async () => {
    stubClipboard(true);
    renderPane(<DiagnosticsStep />, fakeActions({ runDiagnostics: () => Promise.resolve(report) }));
    await userEvent.click(screen.getByRole("button", { name: text.run }));
    await userEvent.click(await screen.findByRole("button", { name: text.copy }));
    expect(await screen.findByText(text.copyByHand)).toBeTruthy();
    const area = screen.getByRole<HTMLTextAreaElement>("textbox", { name: text.reportLabel });
    expect(area.value).toContain(text.reportTitle);
    await waitFor(() => expect(area.selectionEnd - area.selectionStart).toBe(area.value.length));
  });
});

describe("copyText", () => {
  it("falls back to a selected textarea and execCommand when the Clipboard API refuses", async () => {
    stubClipboard(true);
    const copied: string[] = [];
    const exec = vi.fn((command: string) => {
      const active = document.activeElement;
      if (command === "copy" && active instanceof HTMLTextAreaElement) {
        copied.push(active.value.slice(active.selectionStart, active.selectionEnd));
      }
      return true;
    });
    Object.defineProperty(document, "execCommand", { configurable: true, value: exec });
    try {
      expect(await copyText("report text")).toBe(true);
    } finally {
      Reflect.deleteProperty(document, "execCommand");
    }
    expect(copied).toEqual(["report text"]);
    expect(document.querySelectorAll("textarea")).toHaveLength(0);
  });
});
