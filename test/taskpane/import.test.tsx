// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportDetail } from "../../src/domain";
import { ImportStep } from "../../src/taskpane/steps/ImportStep";
import type { ImportSummaryView, PaneImportOptions } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { resetStore, setProgress } from "../../src/workflows/store";
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
