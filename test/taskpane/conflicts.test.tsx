// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConflictChoices } from "../../src/taskpane/steps/ConflictChoices";
import type { ConflictView } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { fakeActions, renderPane } from "./harness";

afterEach(cleanup);

const conflict = (name: string, row: number): ConflictView => ({
  sheet: "Customers",
  target: "customers",
  row,
  crmId: `c_${row}`,
  name,
  version: 3,
  fields: [{ key: "city", label: "City", col: 11, mine: "Malmö", theirs: "" }],
});

describe("the conflict choices", () => {
  it("show each row's fields, the user's value beside the CRM's, and settle a row with its choice", async () => {
    const resolveConflict = vi.fn(() => Promise.resolve());
    const alpha = conflict("Alpha AB", 2);
    const bravo = conflict("Bravo AB", 3);
    renderPane(<ConflictChoices conflicts={[alpha, bravo]} />, fakeActions({ resolveConflict }));
    const row = screen.getByRole("listitem", { name: text.conflictRow("Alpha AB", 3) });
    expect(within(row).getByText("Malmö").getAttribute("data-side")).toBe("mine");
    expect(within(row).getByText(text.conflictEmpty).getAttribute("data-side")).toBe("theirs");
    await userEvent.click(within(row).getByRole("button", { name: text.keepMine }));
    await waitFor(() => expect(resolveConflict).toHaveBeenCalledWith(alpha, "keepMine"));
    await waitFor(() =>
      expect(screen.queryByRole("listitem", { name: text.conflictRow("Alpha AB", 3) })).toBeNull(),
    );
    const other = screen.getByRole("listitem", { name: text.conflictRow("Bravo AB", 4) });
    await userEvent.click(within(other).getByRole("button", { name: text.takeTheirs }));
    await waitFor(() => expect(resolveConflict).toHaveBeenCalledWith(bravo, "takeTheirs"));
    expect(await screen.findByText(text.conflictsSettled)).toBeTruthy();
  });

  it("keep a row whose choice failed, and say why", async () => {
    const resolveConflict = vi.fn(() => Promise.reject(new Error("The CRM did not answer.")));
    renderPane(<ConflictChoices conflicts={[conflict("Alpha AB", 2)]} />, fakeActions({ resolveConflict }));
    await userEvent.click(screen.getByRole("button", { name: text.takeTheirs }));
    expect((await screen.findByRole("alert")).textContent).toBe("The CRM did not answer.");
    expect(screen.getByRole("listitem", { name: text.conflictRow("Alpha AB", 3) })).toBeTruthy();
  });
});
