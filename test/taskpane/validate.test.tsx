// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ValidateStep } from "../../src/taskpane/steps/ValidateStep";
import type { ValidationReport } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { fakeActions, renderPane } from "./harness";

afterEach(cleanup);

const report: ValidationReport = {
  sheet: "Customers",
  rows: 12,
  ready: 9,
  create: 7,
  update: 2,
  unchanged: 0,
  skip: 0,
  checkedWithCrm: true,
  errorRows: 3,
  warningRows: 1,
  byMessage: [
    {
      message: "Invalid email format.",
      severity: "error",
      count: 2,
      cells: ["Customers!E4", "Customers!E9"],
    },
    { message: "Client name is required.", severity: "error", count: 1, cells: ["Customers!C7"] },
    {
      message: "Phone is not a valid phone number (too short).",
      severity: "warning",
      count: 1,
      cells: ["Customers!F5"],
    },
  ],
};

const figure = (label: string) => screen.getByText(label).nextElementSibling?.textContent;

describe("Validate step", () => {
  it("validates the sheet it is given and shows the counts and the problems grouped by message", async () => {
    const validate = vi.fn(() => Promise.resolve(report));
    renderPane(<ValidateStep sheet="Customers" onContinue={vi.fn()} />, fakeActions({ validate }));
    await screen.findByText("Invalid email format.");
    expect(validate).toHaveBeenCalledWith("Customers");
    expect([
      figure(text.rows),
      figure(text.ready),
      figure(text.withErrors),
      figure(text.withWarnings),
    ]).toEqual(["12", "9", "3", "1"]);
    const groups = within(screen.getByRole("region", { name: text.errorsByMessage })).getAllByRole(
      "listitem",
    );
    expect(groups.map((g) => g.textContent)).toEqual([
      "Error 2 Invalid email format. E4E9",
      "Error 1 Client name is required. C7",
      "Warning 1 Phone is not a valid phone number (too short). F5",
    ]);
  });

  it("selects a problem's cell when it is clicked", async () => {
    const selectCell = vi.fn(() => Promise.resolve());
    renderPane(
      <ValidateStep sheet="Customers" onContinue={vi.fn()} />,
      fakeActions({ validate: () => Promise.resolve(report), selectCell }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.goToCell("Customers!C7") }));
    expect(selectCell).toHaveBeenCalledWith("Customers!C7");
  });

  it("walks the error cells with next and previous, wrapping at the ends, skipping warnings", async () => {
    const selectCell = vi.fn(() => Promise.resolve());
    renderPane(
      <ValidateStep sheet="Customers" onContinue={vi.fn()} />,
      fakeActions({ validate: () => Promise.resolve(report), selectCell }),
    );
    const next = await screen.findByRole("button", { name: text.nextError });
    await userEvent.click(next);
    await userEvent.click(next);
    await userEvent.click(next);
    await userEvent.click(next);
    await userEvent.click(screen.getByRole("button", { name: text.previousError }));
    expect(selectCell.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      "Customers!E4",
      "Customers!E9",
      "Customers!C7",
      "Customers!E4",
      "Customers!C7",
    ]);
    expect(screen.getByText(text.errorPosition(3, 3))).toBeTruthy();
  });

  it("shows why validation failed", async () => {
    const { WorkflowError } = await import("../../src/workflows/deps");
    const validate = vi.fn(() =>
      Promise.reject(new WorkflowError('"Sheet9" is not a Customers, Contacts or Sites sheet.')),
    );
    renderPane(<ValidateStep sheet="Sheet9" onContinue={vi.fn()} />, fakeActions({ validate }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain('"Sheet9" is not'));
  });

  it("offers a choice for in-file duplicates, validates again with it and shows the one chosen", async () => {
    const withGroups = (choice: "first" | "merge" | "all" | null): ValidationReport => ({
      ...report,
      inFileDuplicates: { groups: 2, rows: 5, choice },
    });
    const validate = vi.fn((_sheet: string, choice?: "first" | "merge" | "all") =>
      Promise.resolve(withGroups(choice ?? null)),
    );
    renderPane(<ValidateStep sheet="Customers" onContinue={vi.fn()} />, fakeActions({ validate }));
    const group = await screen.findByRole("radiogroup", { name: text.inFileDuplicates(2, 5) });
    const radio = (c: "first" | "merge" | "all") =>
      within(group).getByRole<HTMLInputElement>("radio", { name: text.inFileDuplicateChoices[c] });
    expect([radio("first").checked, radio("merge").checked, radio("all").checked]).toEqual([
      false,
      false,
      false,
    ]);
    await userEvent.click(radio("merge"));
    await waitFor(() => expect(validate).toHaveBeenLastCalledWith("Customers", "merge"));
    await waitFor(() => expect(radio("merge").checked).toBe(true));
    await userEvent.click(radio("all"));
    await waitFor(() => expect(validate).toHaveBeenLastCalledWith("Customers", "all"));
    await waitFor(() => expect(radio("all").checked).toBe(true));
    expect(validate).toHaveBeenCalledTimes(3);
  });

  it("offers no duplicate choice when the sheet has no in-file duplicates", async () => {
    renderPane(
      <ValidateStep sheet="Customers" onContinue={vi.fn()} />,
      fakeActions({ validate: () => Promise.resolve(report) }),
    );
    await screen.findByText("Invalid email format.");
    expect(screen.queryByRole("radiogroup")).toBeNull();
  });
});
