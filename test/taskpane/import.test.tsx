// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportDetail } from "../../src/domain";
import { ImportStep } from "../../src/taskpane/steps/ImportStep";
import type { ImportSummaryView, PaneImportOptions } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { noteCrmWait, resetStore, setProgress } from "../../src/workflows/store";
import { STALL_MS, crmWaitOf } from "../../src/taskpane/format";
import { fakeActions, renderPane } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const options: PaneImportOptions = {
  sheet: "Customers",
  duplicateAction: "skip",
  matchKeys: [["email"]],
  defaults: {},
};

const summaryOf = (patch: Partial<ImportSummaryView>): ImportSummaryView => ({
  sheet: "Customers",
  importId: "imp-1",
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  conflict: 0,
  invalid: 0,
  notSent: 0,
  ...patch,
});

/** An import the test finishes when it wants, keeping the signal the step passed. */
function controlledImport() {
  let finish: (s: ImportSummaryView) => void = () => undefined;
  let signal: AbortSignal | null = null;
  const importSheet = vi.fn((_: PaneImportOptions, s: AbortSignal) => {
    signal = s;
    return new Promise<ImportSummaryView>((resolve) => (finish = resolve));
  });
  return { importSheet, finish: (s: ImportSummaryView) => finish(s), signal: () => signal };
}

const figure = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe("Import step", () => {
  it("says the import stopped when the CRM stopped answering, and counts those rows apart from failures", async () => {
    const run = controlledImport();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    await act(async () => run.finish(summaryOf({ created: 1_000, noAnswer: 3_000 })));
    expect(await screen.findByRole("region", { name: text.summaryStoppedHeading })).toBeTruthy();
    expect(figure(text.counts.noAnswer)).toBe((3_000).toLocaleString());
    expect(figure(text.counts.failed)).toBe("0");
    // What Import again does is said once, below the counts (not in the label: 320 px).
    expect(screen.getAllByText(text.noAnswerNote)).toHaveLength(1);
  });

  it("opens the finished import's report page from its summary", async () => {
    const run = controlledImport();
    const openReport = vi.fn(() => Promise.resolve());
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet, openReport }),
    );
    expect(screen.queryByRole("button", { name: text.openReport })).toBeNull();
    await act(async () => run.finish(summaryOf({ importId: "imp-9", created: 4 })));
    await userEvent.click(await screen.findByRole("button", { name: text.openReport }));
    expect(openReport).toHaveBeenCalledWith("imp-9");
  });

  it("offers no report when no import was opened (nothing to send)", async () => {
    const run = controlledImport();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    await act(async () => run.finish(summaryOf({ importId: null, invalid: 3 })));
    expect(await screen.findByRole("region", { name: text.summaryHeading })).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.openReport })).toBeNull();
  });

  it("says nothing of unanswered rows when every batch was answered", async () => {
    const run = controlledImport();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    await act(async () => run.finish(summaryOf({ created: 4 })));
    expect(await screen.findByRole("region", { name: text.summaryHeading })).toBeTruthy();
    expect(screen.queryByText(text.counts.noAnswer)).toBeNull();
    expect(screen.queryByText(text.noAnswerNote)).toBeNull();
  });

  it("shows rows done of total, the rate and the time left from the shared progress", async () => {
    const run = controlledImport();
    let clock = 10_000;
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} now={() => clock} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    expect(run.importSheet).toHaveBeenCalledWith(options, expect.any(AbortSignal));
    clock = 14_000;
    act(() => setProgress({ rowsDone: 2_000, rowsTotal: 5_000, secondsLeft: null }));
    expect(screen.getByText(text.rowsOf(2_000, 5_000))).toBeTruthy();
    expect(screen.getByText(text.rate(500))).toBeTruthy();
    expect(screen.getByText(text.timeLeft(6))).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.4");
  });

  it("says it waits for the CRM when the progress stops moving, instead of a stale time left", () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const run = controlledImport();
      let clock = 10_000;
      renderPane(
        <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} now={() => clock} />,
        fakeActions({ importSheet: run.importSheet }),
      );
      clock = 12_000;
      act(() => setProgress({ rowsDone: 2_000, rowsTotal: 10_000, secondsLeft: 4 }));
      expect(screen.getByText(text.timeLeft(4))).toBeTruthy();
      clock = 12_000 + STALL_MS + 2_000;
      act(() => void vi.advanceTimersByTime(1_000));
      expect(screen.getByText(text.waitingAnswer(7))).toBeTruthy();
      expect(screen.queryByText(text.timeLeft(4))).toBeNull();
      // The next batch's answer: the wait is over and the estimate is back.
      act(() => setProgress({ rowsDone: 4_000, rowsTotal: 10_000, secondsLeft: 3 }));
      expect(screen.queryByText(text.waitingAnswer(7))).toBeNull();
      expect(screen.getByText(text.timeLeft(3))).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it("says when the client will try the CRM again", () => {
    const run = controlledImport();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} now={() => Date.now()} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    act(() => noteCrmWait(8_000));
    expect(screen.getByText(text.waitingRetry(8))).toBeTruthy();
  });

  it("works out the wait from the clock, the retry time and the last move", () => {
    expect(crmWaitOf(10_000, 13_500, 9_000)).toEqual({ kind: "retry", seconds: 4 });
    expect(crmWaitOf(10_000, 9_000, 9_000)).toBe(null);
    expect(crmWaitOf(10_000, null, 10_000 - STALL_MS)).toEqual({ kind: "noAnswer", seconds: 5 });
    expect(crmWaitOf(10_000, null, 10_000 - STALL_MS + 1)).toBe(null);
  });

  it("Cancel aborts the import's signal and the summary counts the rows not sent", async () => {
    const run = controlledImport();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet }),
    );
    await userEvent.click(screen.getByRole("button", { name: text.cancel }));
    expect(run.signal()?.aborted).toBe(true);
    expect(screen.getByText(text.cancelling)).toBeTruthy();
    act(() => run.finish(summaryOf({ created: 1_000, notSent: 4_000 })));
    await screen.findByText(text.summaryHeading);
    expect(figure(text.counts.created)).toBe("1,000");
    expect(figure(text.counts.notSent)).toBe("4,000");
  });

  it("lists the failed rows from the import's record, and offers the next sheet of the queue", async () => {
    const run = controlledImport();
    const detail = {
      failures: [
        {
          ref: "Customers!7",
          outcome: "failed",
          crmId: null,
          version: null,
          errors: [{ field: "email", message: "matches 2 existing customers" }],
        },
      ],
    } as unknown as ImportDetail;
    const openImport = vi.fn(() => Promise.resolve(detail));
    const onNext = vi.fn();
    renderPane(
      <ImportStep
        options={options}
        queue={[{ sheet: "Contacts", target: "contacts" }]}
        onNext={onNext}
        onDone={vi.fn()}
      />,
      fakeActions({ importSheet: run.importSheet, openImport }),
    );
    act(() => run.finish(summaryOf({ created: 5, failed: 1 })));
    await screen.findByText("matches 2 existing customers");
    expect(openImport).toHaveBeenCalledWith("imp-1");
    expect(screen.getByText("Customers!7")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.continueWith("Contacts") }));
    await waitFor(() => expect(onNext).toHaveBeenCalledWith([{ sheet: "Contacts", target: "contacts" }]));
  });

  it("lists the skipped rows with why, in the step (not a toast), and says how many more the sheet has", async () => {
    const run = controlledImport();
    const openImport = vi.fn();
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={vi.fn()} />,
      fakeActions({ importSheet: run.importSheet, openImport }),
    );
    const why = "matches customer Acme AB (CUST-12) on Phone";
    const skippedRows = [
      { ref: "Customers!3", reason: why },
      { ref: "Customers!9", reason: "Row 4 is imported instead (same Email)." },
    ];
    act(() => run.finish(summaryOf({ created: 1, skipped: 60, skippedRows })));
    const list = await screen.findByRole("region", { name: text.skippedRows });
    expect(figure(text.counts.skipped)).toBe("60");
    expect([...list.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      `Customers!3 ${why}`,
      "Customers!9 Row 4 is imported instead (same Email).",
    ]);
    expect(list.textContent).toContain(text.moreRows(58));
    // Nothing failed: the import's record is not fetched for a list of failures.
    expect(openImport).not.toHaveBeenCalled();
  });

  it("shows why an import could not run, and lets the user leave", async () => {
    const { WorkflowError } = await import("../../src/workflows/deps");
    const onDone = vi.fn();
    const importSheet = vi.fn(() => Promise.reject(new WorkflowError("Connect to your CRM first.")));
    renderPane(
      <ImportStep options={options} queue={[]} onNext={vi.fn()} onDone={onDone} />,
      fakeActions({ importSheet }),
    );
    expect((await screen.findByRole("alert")).textContent).toBe("Connect to your CRM first.");
    await userEvent.click(screen.getByRole("button", { name: text.done }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
