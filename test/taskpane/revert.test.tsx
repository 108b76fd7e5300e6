// @vitest-environment jsdom
// History -> an import -> Revert: the dry run's sentence and conflicts first, then the revert with
// progress and Cancel.
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportSummary, RevertRow } from "../../src/domain";
import App from "../../src/taskpane/App";
import type { ImportHistoryDetail, RevertReport } from "../../src/workflows/pane-actions";
import { revertMessages as text } from "../../src/workflows/pane-types";
import { resetStore } from "../../src/workflows/store";
import { fakeActions, renderPane } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const summary: ImportSummary = {
  id: "imp-1",
  sheet: "customers",
  status: "finished",
  duplicateAction: "update",
  matchKeys: [["email"]],
  dryRun: false,
  source: "Customers",
  createdAt: "2026-11-20T10:00:00Z",
  createdBy: "ann@acme.test",
  finishedAt: "2026-11-20T10:00:00Z",
  counts: { created: 12, updated: 32, unchanged: 0, skipped: 0, failed: 0, conflict: 0 },
};
const detail: ImportHistoryDetail = { ...summary, failures: [], revert: null };

const conflict: RevertRow = {
  ref: "Customers!7",
  crmId: "cus-7",
  outcome: "conflict",
  message: "Changed since the import (now version 3, the import left version 2): kept as it is.",
  before: { version: 1, values: { name: "Old" } },
  current: { version: 3, values: { name: "Newer" } },
};
const report = (patch: Partial<RevertReport> = {}): RevertReport => ({
  counts: { deleted: 12, restored: 30, reversed: 0, conflict: 2 },
  conflicts: [conflict, { ...conflict, ref: "Customers!9", crmId: "cus-9" }],
  done: 44,
  cancelled: false,
  marked: 0,
  ...patch,
});

describe("Revert step", () => {
  it("shows the dry run first, then reverts with progress and reports what it did", async () => {
    const previewRevert = vi.fn(() => Promise.resolve(report()));
    let finish: (r: RevertReport) => void = () => undefined;
    const revertImport = vi.fn(
      (_id: string, _sheet: string, _signal: AbortSignal, onProgress: (done: number) => void) => {
        onProgress(20);
        return new Promise<RevertReport>((resolve) => (finish = resolve));
      },
    );
    const openImport = vi.fn(() => Promise.resolve(detail));
    renderPane(
      <App initial={{ kind: "importDetail", importId: "imp-1" }} />,
      fakeActions({ openImport, previewRevert, revertImport }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.revertButton }));
    expect(await screen.findByText(text.preview(report().counts))).toBeTruthy();
    expect(text.preview(report().counts)).toBe(
      "12 created will be deleted, 30 updated restored, 2 conflicts: these rows changed since.",
    );
    const list = screen.getByRole("region", { name: text.conflictsHeading });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      text.conflictRow("Customers!7", conflict.message!),
      text.conflictRow("Customers!9", conflict.message!),
    ]);
    expect(revertImport).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: text.start }));
    expect(revertImport).toHaveBeenCalledWith(
      "imp-1",
      "customers",
      expect.any(AbortSignal),
      expect.any(Function),
    );
    expect(await screen.findByText(text.progress(20, 44))).toBeTruthy();
    finish(report({ marked: 42 }));
    expect(await screen.findByText(text.done(report().counts, 42))).toBeTruthy();
  });

  it("Cancel aborts the revert's signal and says how far it got", async () => {
    let signal: AbortSignal | null = null;
    const revertImport = vi.fn((_id: string, _sheet: string, s: AbortSignal) => {
      signal = s;
      return new Promise<RevertReport>((resolve) =>
        s.addEventListener("abort", () => resolve(report({ cancelled: true, done: 20 }))),
      );
    });
    renderPane(
      <App initial={{ kind: "revert", importId: "imp-1", sheet: "customers", total: 44 }} />,
      fakeActions({ previewRevert: vi.fn(() => Promise.resolve(report())), revertImport }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.start }));
    await userEvent.click(await screen.findByRole("button", { name: text.cancel }));
    expect(signal!.aborted).toBe(true);
    expect(await screen.findByText(text.cancelled(20, 44))).toBeTruthy();
  });

  it("an import that wrote nothing, or a dry run, offers no revert", async () => {
    const openImport = vi.fn(() => Promise.resolve({ ...detail, dryRun: true }));
    renderPane(<App initial={{ kind: "importDetail", importId: "imp-1" }} />, fakeActions({ openImport }));
    await screen.findByText(/Customers/);
    expect(screen.queryByRole("button", { name: text.revertButton })).toBeNull();
  });
});
