// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DownloadStep } from "../../src/taskpane/steps/DownloadStep";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { resetStore, setProgress, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

/** A download the test finishes when it wants, keeping the signal the step passed. */
function controlledDownload() {
  let finish: (n: number) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  let signal: AbortSignal | null = null;
  const download = vi.fn((_: string, s: AbortSignal) => {
    signal = s;
    return new Promise<number>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  });
  return { download, finish: (n: number) => finish(n), fail: (e: unknown) => fail(e), signal: () => signal };
}

const bar = () => screen.getByRole("progressbar");

describe("Download step", () => {
  it("counts the records as they arrive, then the rows written of all, and says where they are", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    const onDone = vi.fn();
    renderPane(<DownloadStep sheet="contacts" onDone={onDone} />, fakeActions({ download: run.download }));
    expect(run.download).toHaveBeenCalledWith("contacts", expect.any(AbortSignal));
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

    await act(async () => run.finish(30_000));
    expect(await screen.findByRole("region", { name: text.downloadDoneHeading })).toBeTruthy();
    expect(screen.getByText(text.downloadedInto(30_000, "contacts", "Contacts"))).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.done }));
    expect(onDone).toHaveBeenCalledOnce();
  });

  it("Cancel aborts the download and says nothing was written", async () => {
    setSchema(testSchema());
    const run = controlledDownload();
    renderPane(<DownloadStep sheet="customers" onDone={vi.fn()} />, fakeActions({ download: run.download }));
    await userEvent.click(screen.getByRole("button", { name: text.cancel }));
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
      fakeActions({ download: run.download }),
    );
    clock = 3_000;
    act(() => setProgress({ rowsDone: 1_000, rowsTotal: 0, secondsLeft: null, phase: "receiving" }));
    clock = 9_500;
    act(() => setProgress({ rowsDone: 1_000, rowsTotal: 0, secondsLeft: null, phase: "receiving" }));
    expect(screen.getByText(text.downloadWaiting(6))).toBeTruthy();
    await act(async () => run.fail(new Error("x")));
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
    expect(screen.getByRole("button", { name: text.done })).toBeTruthy();
  });
});
