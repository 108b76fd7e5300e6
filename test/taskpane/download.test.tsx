// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DownloadStep } from "../../src/taskpane/steps/DownloadStep";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { resetStore, setProgress, setSchema } from "../../src/workflows/store";
import type { DownloadChoice, DownloadOutcome } from "../../src/workflows/pane-actions";
import { fakeActions, renderPane, testSchema } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

/** A download the test finishes when it wants, keeping the signal the step passed. */
function controlledDownload() {
  let finish: (o: DownloadOutcome) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  let signal: AbortSignal | null = null;
  const download = vi.fn((_: string, s: AbortSignal, _choice: DownloadChoice) => {
    signal = s;
    return new Promise<DownloadOutcome>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  });
  return {
    download,
    finish: (count: number, sheet = "Customers", kept = { unsent: 0, edited: 0 }) =>
      finish({ count, sheet, kept }),
    fail: (e: unknown) => fail(e),
    signal: () => signal,
  };
}

/** The sheet holds nothing a download could lose: it starts at once. */
const nothingHeld = (sheet: string) => vi.fn(() => Promise.resolve({ sheet, unsent: 0, edited: 0 }));

const bar = () => screen.getByRole("progressbar");

describe("Download step", () => {
  it("counts the records as they arrive, then the rows written of all, and says where they are", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    const onDone = vi.fn();
    renderPane(
      <DownloadStep sheet="contacts" onDone={onDone} />,
      fakeActions({ download: run.download, downloadRisk: nothingHeld("Contacts") }),
    );
    await waitFor(() =>
      expect(run.download).toHaveBeenCalledWith("contacts", expect.any(AbortSignal), "replace"),
    );
    act(() => setProgress({ rowsDone: 12_000, rowsTotal: 0, secondsLeft: null, phase: "receiving" }));
    expect(screen.getByText(text.received(12_000, "contacts"))).toBeTruthy();
    expect(screen.getByText("12,000 contacts received from the CRM")).toBeTruthy();
    // No total yet: the bar moves without claiming a fraction.
    expect(bar().getAttribute("aria-valuenow")).toBeNull();
    expect(screen.getByRole("button", { name: text.cancel }).hasAttribute("disabled")).toBe(false);

    act(() => setProgress({ rowsDone: 10_000, rowsTotal: 30_000, secondsLeft: null, phase: "writing" }));
    expect(screen.getByText("Writing into the sheet: 10,000 of 30,000 rows")).toBeTruthy();
    expect(Number(bar().getAttribute("aria-valuenow"))).toBeCloseTo(1 / 3);
    // Half a download is never left in the sheet: no Cancel once the writing started.
    expect(screen.getByRole("button", { name: text.cancel }).hasAttribute("disabled")).toBe(true);

    await act(async () => run.finish(30_000, "Contacts"));
    expect(await screen.findByRole("region", { name: text.downloadDoneHeading })).toBeTruthy();
    expect(screen.getByText(text.downloadedInto(30_000, "contacts", "Contacts"))).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.done }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it("Cancel aborts the download and says nothing was written", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    renderPane(
      <DownloadStep sheet="customers" onDone={vi.fn()} />,
      fakeActions({ download: run.download, downloadRisk: nothingHeld("Customers") }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.cancel }));
    expect(run.signal()?.aborted).toBe(true);
    expect(screen.getByText(text.downloadCancelling)).toBeTruthy();
    await act(async () => run.fail(new Error("cancelled")));
    expect(await screen.findByText(text.downloadCancelled)).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says it is waiting for the CRM when no page came for a while, and shows a failure", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    let clock = 0;
    renderPane(
      <DownloadStep sheet="sites" onDone={vi.fn()} now={() => clock} />,
      fakeActions({ download: run.download, downloadRisk: nothingHeld("Sites") }),
    );
    await waitFor(() => expect(run.download).toHaveBeenCalled());
    clock = 3_000;
    act(() => setProgress({ rowsDone: 1_000, rowsTotal: 0, secondsLeft: null, phase: "receiving" }));
    clock = 9_500;
    act(() => setProgress({ rowsDone: 1_000, rowsTotal: 0, secondsLeft: null, phase: "receiving" }));
    expect(screen.getByText(text.downloadWaiting(6))).toBeTruthy();
    await act(async () => run.fail(new Error("x")));
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
    expect(screen.getByRole("button", { name: text.done })).toBeTruthy();
  });

  it("asks first when the sheet holds unsent or edited rows, with their counts, and downloads only as chosen", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    const downloadRisk = vi.fn(() => Promise.resolve({ sheet: "Customers", unsent: 12, edited: 3 }));
    renderPane(
      <DownloadStep sheet="customers" onDone={vi.fn()} />,
      fakeActions({ download: run.download, downloadRisk }),
    );
    expect(await screen.findByRole("region", { name: text.downloadChoiceHeading("Customers") })).toBeTruthy();
    expect(screen.getByText(text.downloadChoiceIntro({ unsent: 12, edited: 3 }))).toBeTruthy();
    expect(text.downloadChoiceIntro({ unsent: 12, edited: 3 })).toMatch(
      /^12 rows not yet imported, 3 edited since download\./,
    );
    expect(screen.getByText(text.replaceRowsHint({ unsent: 12, edited: 3 }))).toBeTruthy();
    expect(run.download).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: text.mergeAround }));
    expect(run.download).toHaveBeenCalledWith("customers", expect.any(AbortSignal), "merge");
    expect(screen.getByRole("region", { name: text.downloadHeading("customers") })).toBeTruthy();
    await act(async () => run.finish(40, "Customers", { unsent: 12, edited: 3 }));
    expect(await screen.findByText(text.downloadedInto(40, "customers", "Customers"))).toBeTruthy();
    expect(screen.getByText(text.keptRows({ unsent: 12, edited: 3 }))).toBeTruthy();
  });

  it.each([
    [text.downloadNewSheet, "newSheet"],
    [text.replaceRows, "replace"],
  ] as const)(
    "%s downloads with that choice, and says which sheet got the records",
    async (label, choice) => {
      setSchema(testSchema());
      const run = controlledDownload();
      const downloadRisk = vi.fn(() => Promise.resolve({ sheet: "Customers", unsent: 1, edited: 0 }));
      renderPane(
        <DownloadStep sheet="customers" onDone={vi.fn()} />,
        fakeActions({ download: run.download, downloadRisk }),
      );
      await userEvent.click(await screen.findByRole("button", { name: label }));
      expect(run.download).toHaveBeenCalledWith("customers", expect.any(AbortSignal), choice);
      await act(async () => run.finish(2, "Customers (2)"));
      expect(await screen.findByText(text.downloadedInto(2, "customers", "Customers (2)"))).toBeTruthy();
    },
  );

  it("Cancel on the question downloads nothing", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    const onDone = vi.fn();
    const downloadRisk = vi.fn(() => Promise.resolve({ sheet: "Customers", unsent: 0, edited: 2 }));
    renderPane(
      <DownloadStep sheet="customers" onDone={onDone} />,
      fakeActions({ download: run.download, downloadRisk }),
    );
    await screen.findByText(text.downloadChoiceIntro({ unsent: 0, edited: 2 }));
    await userEvent.click(screen.getByRole("button", { name: text.cancel }));
    expect(onDone).toHaveBeenCalledOnce();
    expect(run.download).not.toHaveBeenCalled();
  });
});
