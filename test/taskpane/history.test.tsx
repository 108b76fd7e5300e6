// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportDetail, ImportSummary } from "../../src/domain";
import App from "../../src/taskpane/App";
import { formatWhen } from "../../src/taskpane/format";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { compareRefs, groupPreview, inRowOrder } from "../../src/workflows/pane-types";
import { WorkflowError } from "../../src/workflows/deps";
import { resetStore, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const importOf = (id: string, createdAt: string, patch: Partial<ImportSummary> = {}): ImportSummary => ({
  id,
  sheet: "customers",
  status: "finished",
  duplicateAction: "skip",
  matchKeys: [["email"]],
  dryRun: false,
  source: "Customers",
  createdAt,
  createdBy: "ann@acme.test",
  finishedAt: createdAt,
  counts: { created: 10, updated: 2, unchanged: 0, skipped: 0, failed: 1, conflict: 0 },
  ...patch,
});

/** A History entry's button: its name starts with "Open the import of <when>", its visible text follows. */
const openName = (when: string) =>
  new RegExp(`^${text.openImport(when).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

describe("History step", () => {
  it("lists past imports with when, who and counts, and opens one to show its failures", async () => {
    const first = importOf("imp-2", "2026-11-20T10:00:00Z");
    const second = importOf("imp-1", "2026-11-19T09:00:00Z", {
      dryRun: true,
      counts: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, conflict: 0 },
    });
    const listImports = vi.fn(() => Promise.resolve({ items: [first, second], next: null }));
    const detail: ImportDetail = {
      ...first,
      failures: [
        {
          ref: "Customers!4",
          outcome: "failed",
          crmId: null,
          version: null,
          errors: [{ field: "name", message: "Client name is required." }],
        },
      ],
    };
    const openImport = vi.fn(() => Promise.resolve(detail));
    renderPane(<App initial={{ kind: "history" }} />, fakeActions({ listImports, openImport }));

    const when = formatWhen(first.createdAt);
    const open = await screen.findByRole("button", { name: openName(when) });
    expect(open.textContent).toContain(text.importWhen(when, "ann@acme.test"));
    expect(open.textContent).toContain(text.importCounts(10, 2, 1));
    expect(
      screen.getByRole("button", { name: openName(formatWhen(second.createdAt)) }).textContent,
    ).toContain(text.dryRunTag);

    await userEvent.click(open);
    const failures = await screen.findByRole("region", { name: text.failuresHeading });
    expect(openImport).toHaveBeenCalledWith("imp-2");
    expect(within(failures).getByRole("listitem").textContent).toBe("Customers!4 Client name is required.");

    await userEvent.click(screen.getByRole("button", { name: text.back }));
    expect(await screen.findByRole("button", { name: openName(when) })).toBeTruthy();
  });

  it("opens an import's report page from its detail; a failure to open is said there", async () => {
    const done = importOf("imp-7", "2026-11-22T10:00:00Z");
    const openReport = vi
      .fn<(id: string) => Promise<void>>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new WorkflowError("Connect to your CRM first."));
    renderPane(
      <App initial={{ kind: "history" }} />,
      fakeActions({
        listImports: vi.fn(() => Promise.resolve({ items: [done], next: null })),
        openImport: vi.fn(() => Promise.resolve({ ...done, failures: [] })),
        openReport,
      }),
    );
    // Not in the list: an entry opens its detail, the report is one step further.
    await screen.findByRole("button", { name: openName(formatWhen(done.createdAt)) });
    expect(screen.queryByRole("button", { name: text.openReport })).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: openName(formatWhen(done.createdAt)) }));
    await userEvent.click(await screen.findByRole("button", { name: text.openReport }));
    expect(openReport).toHaveBeenCalledWith("imp-7");
    expect(screen.queryByRole("alert")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: text.openReport }));
    expect((await screen.findByRole("alert")).textContent).toBe("Connect to your CRM first.");
  });

  it("marks an import that is not finished and says how to continue it", async () => {
    const open = importOf("imp-3", "2026-11-21T10:00:00Z", {
      status: "open",
      finishedAt: null,
      counts: { created: 6000, updated: 0, unchanged: 0, skipped: 0, failed: 0, conflict: 0 },
    });
    const done = importOf("imp-2", "2026-11-20T10:00:00Z");
    const listImports = vi.fn(() => Promise.resolve({ items: [open, done], next: null }));
    const openImport = vi.fn(() => Promise.resolve({ ...open, failures: [] }));
    renderPane(<App initial={{ kind: "history" }} />, fakeActions({ listImports, openImport }));

    const entry = await screen.findByRole("button", { name: openName(formatWhen(open.createdAt)) });
    expect(entry.textContent).toContain(text.notFinishedTag);
    expect(entry.textContent).toContain(text.importCounts(6000, 0, 0));
    expect(
      screen.getByRole("button", { name: openName(formatWhen(done.createdAt)) }).textContent,
    ).not.toContain(text.notFinishedTag);

    await userEvent.click(entry);
    expect(await screen.findByText(text.notFinished("Customers"))).toBeTruthy();
  });

  it("marks an import the CRM stopped answering and a later Import continued: interrupted, resumed", async () => {
    const resumed = importOf("imp-4", "2026-11-22T10:00:00Z", { resumes: 1 });
    const done = importOf("imp-2", "2026-11-20T10:00:00Z");
    const listImports = vi.fn(() => Promise.resolve({ items: [resumed, done], next: null }));
    const openImport = vi.fn(() => Promise.resolve({ ...resumed, failures: [] }));
    renderPane(<App initial={{ kind: "history" }} />, fakeActions({ listImports, openImport }));

    const entry = await screen.findByRole("button", { name: openName(formatWhen(resumed.createdAt)) });
    expect(entry.textContent).toContain(text.resumedTag);
    expect(entry.textContent).not.toContain(text.notFinishedTag);
    expect(
      screen.getByRole("button", { name: openName(formatWhen(done.createdAt)) }).textContent,
    ).not.toContain(text.resumedTag);
    await userEvent.click(entry);
    expect(await screen.findByText(text.resumedNote(1))).toBeTruthy();
  });

  it("loads the next page when there is one", async () => {
    const listImports = vi.fn((after?: string) =>
      Promise.resolve(
        after
          ? { items: [importOf("imp-1", "2026-11-01T08:00:00Z")], next: null }
          : { items: [importOf("imp-2", "2026-11-02T08:00:00Z")], next: "cursor-1" },
      ),
    );
    renderPane(<App initial={{ kind: "history" }} />, fakeActions({ listImports }));
    await userEvent.click(await screen.findByRole("button", { name: text.loadMore }));
    await screen.findByRole("button", { name: openName(formatWhen("2026-11-01T08:00:00Z")) });
    expect(listImports).toHaveBeenLastCalledWith("cursor-1");
    expect(screen.queryByRole("button", { name: text.loadMore })).toBeNull();
  });

  it("names who ran it and what was imported, never their ids", async () => {
    setSchema(testSchema());
    const named = importOf("imp-3", "2026-11-21T10:00:00Z", {
      source: null,
      sheet: "contacts",
      createdBy: "usr_01HZX",
      createdByName: "Anna Berg",
    });
    renderPane(
      <App initial={{ kind: "history" }} />,
      fakeActions({ listImports: () => Promise.resolve({ items: [named], next: null }) }),
    );
    const when = formatWhen(named.createdAt);
    const open = await screen.findByRole("button", { name: openName(when) });
    expect(open.textContent).toContain(text.importWhen(when, "Anna Berg"));
    expect(open.textContent).toContain("Contacts");
    expect(open.textContent).not.toContain("usr_01HZX");
  });
});

describe("Rows in the sheet's order, and a dry run grouped", () => {
  it("orders refs by their row numbers: 10, 13, 105", () => {
    const refs = ["Customers!105", "Customers!13", "Customers!10", "Contacts!2"];
    expect([...refs].sort(compareRefs)).toEqual([
      "Contacts!2",
      "Customers!10",
      "Customers!13",
      "Customers!105",
    ]);
    expect(inRowOrder(refs.map((ref) => ({ ref }))).map((r) => r.ref)).toEqual([...refs].sort(compareRefs));
  });

  it("groups a dry run by outcome and message, with counts and the first rows in order", () => {
    const rows = [
      ...Array.from({ length: 50 }, (_, i) => ({
        ref: `Customers!${105 - i}`,
        outcome: "failed",
        messages: ["Invalid email format."],
      })),
      { ref: "Customers!3", outcome: "created", messages: [] },
      { ref: "Customers!4", outcome: "failed", messages: ["Client name is required."] },
    ];
    expect(groupPreview(rows)).toEqual([
      { outcome: "created", message: "", count: 1, refs: ["Customers!3"] },
      {
        outcome: "failed",
        message: "Invalid email format.",
        count: 50,
        refs: ["Customers!56", "Customers!57", "Customers!58", "Customers!59", "Customers!60"],
      },
      { outcome: "failed", message: "Client name is required.", count: 1, refs: ["Customers!4"] },
    ]);
    expect(text.previewRefs(["Customers!56", "Customers!57"], 50)).toBe(
      "Customers!56, Customers!57 and 48 more",
    );
  });
});
