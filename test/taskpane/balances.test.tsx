// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportBalances, ImportDetail, LedgerEntry } from "../../src/domain";
import App from "../../src/taskpane/App";
import { withRunningBalance } from "../../src/workflows/balances";
import { WorkflowError } from "../../src/workflows/deps";
import type { CustomerLedger } from "../../src/workflows/pane-actions";
import { balanceMessages as text, diagnosticMessages, paneMessages } from "../../src/workflows/pane-types";
import { resetStore } from "../../src/workflows/store";
import { fakeActions, renderPane } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const detail: ImportDetail = {
  id: "imp-1",
  sheet: "customers",
  status: "finished",
  duplicateAction: "skip",
  matchKeys: [["email"]],
  dryRun: false,
  source: "Customers",
  createdAt: "2026-11-20T10:00:00Z",
  createdBy: "u1",
  createdByName: "Ann Berg",
  finishedAt: "2026-11-20T10:01:00Z",
  counts: { created: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0, conflict: 0 },
  failures: [],
};

const balance = (patch: Partial<ImportBalances["items"][number]>): ImportBalances["items"][number] => ({
  entryId: "je-1",
  customerId: "cus-1",
  customerName: "Acme AB",
  amount: 1250.5,
  currency: "SEK",
  date: "2026-01-31",
  state: "booked",
  reversedOn: null,
  paymentMethod: "Opening Balance",
  ...patch,
});

const entry = (id: string, date: string, memo: string, debit: number, credit: number): LedgerEntry => ({
  id,
  customerId: "cus-1",
  date,
  memo,
  importId: "imp-1",
  lines: [
    { account: "Accounts Receivable", debit, credit },
    { account: "Opening Balance Equity", debit: credit, credit: debit },
  ],
  payment: null,
});

describe("an import's opening balances", () => {
  it("lists each customer's balance with amount, currency, date and state, and deletes them once confirmed", async () => {
    const before: ImportBalances = {
      items: [
        balance({}),
        balance({
          entryId: "je-2",
          customerId: "cus-2",
          customerName: null,
          amount: 40,
          currency: null,
          date: "2025-12-01",
          state: "reversed",
          reversedOn: "2026-02-01",
        }),
        balance({ entryId: "je-3", customerId: "cus-3", customerName: "Bolt Ltd", amount: 7 }),
      ],
      canRemove: true,
    };
    const after: ImportBalances = { items: [before.items[1]!], canRemove: true };
    const importBalances = vi.fn().mockResolvedValueOnce(before).mockResolvedValueOnce(after);
    const removeImportBalances = vi.fn(() => Promise.resolve({ removed: 2, reversed: 0 }));
    renderPane(
      <App initial={{ kind: "importDetail", importId: "imp-1" }} />,
      fakeActions({ openImport: () => Promise.resolve(detail), importBalances, removeImportBalances }),
    );

    const part = await screen.findByRole("region", { name: text.balancesHeading });
    const items = await within(part).findAllByRole("listitem");
    expect(importBalances).toHaveBeenCalledWith("imp-1");
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining("Acme AB: 1,250.50 SEK on 2026-01-31"),
      expect.stringContaining("Customer cus-2: 40.00 on 2025-12-01"),
      expect.stringContaining("Bolt Ltd: 7.00 SEK on 2026-01-31"),
    ]);
    expect(items[0]!.textContent).toContain(text.booked("Opening Balance"));
    expect(items[1]!.textContent).toContain(text.reversed("2026-02-01"));

    // Two stand: deleting asks first, and Keep them changes nothing.
    await userEvent.click(within(part).getByRole("button", { name: text.removeButton(2) }));
    expect(within(part).getByText(text.removeConfirm)).toBeTruthy();
    await userEvent.click(within(part).getByRole("button", { name: text.cancelRemove }));
    expect(removeImportBalances).not.toHaveBeenCalled();

    await userEvent.click(within(part).getByRole("button", { name: text.removeButton(2) }));
    await userEvent.click(within(part).getByRole("button", { name: text.confirmRemove }));
    expect(await within(part).findByText(text.removed(2, 0))).toBeTruthy();
    expect(removeImportBalances).toHaveBeenCalledWith("imp-1");
    // The list is read again: only the reversed one is left, and nothing more to delete.
    expect(within(part).getAllByRole("listitem")).toHaveLength(1);
    expect(within(part).queryByRole("button", { name: /^Delete/ })).toBeNull();
  });

  it("offers no delete to a user who may not, and says who may", async () => {
    renderPane(
      <App initial={{ kind: "importDetail", importId: "imp-1" }} />,
      fakeActions({
        openImport: () => Promise.resolve(detail),
        importBalances: () => Promise.resolve({ items: [balance({})], canRemove: false }),
      }),
    );
    const part = await screen.findByRole("region", { name: text.balancesHeading });
    expect(await within(part).findByText(text.notAllowed)).toBeTruthy();
    expect(within(part).queryByRole("button", { name: /^Delete/ })).toBeNull();
  });

  it("opens a customer's ledger from its balance, with the balance after each entry", async () => {
    const ledger: CustomerLedger = {
      customerId: "cus-1",
      name: "Acme AB",
      currency: "SEK",
      rows: withRunningBalance([
        entry("je-1", "2026-01-31", "Opening balance", 1250.5, 0),
        entry("je-9", "2026-02-01", "Opening balance reversed", 0, 1250.5),
      ]),
    };
    const customerLedger = vi.fn(() => Promise.resolve(ledger));
    renderPane(
      <App initial={{ kind: "importDetail", importId: "imp-1" }} />,
      fakeActions({
        openImport: () => Promise.resolve(detail),
        importBalances: () => Promise.resolve({ items: [balance({})], canRemove: true }),
        customerLedger,
      }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.showLedger("Acme AB") }));
    const list = await screen.findByRole("list", { name: text.ledgerHeading("Acme AB") });
    expect(customerLedger).toHaveBeenCalledWith("cus-1");
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((i) => i.textContent),
    ).toEqual([
      "2026-01-31 Opening balanceDebit 1,250.50 SEK · Balance 1,250.50 SEK",
      "2026-02-01 Opening balance reversedCredit 1,250.50 SEK · Balance 0.00 SEK",
    ]);
    await userEvent.click(screen.getByRole("button", { name: paneMessages.back }));
    expect(await screen.findByRole("region", { name: text.balancesHeading })).toBeTruthy();
  });
});

describe("a customer's ledger from the menu", () => {
  it("shows the selected row's customer, or says what to select", async () => {
    const selectedCustomerId = vi
      .fn()
      .mockRejectedValueOnce(new WorkflowError(text.noSelectedCustomer))
      .mockResolvedValueOnce("cus-7");
    const customerLedger = vi.fn(() =>
      Promise.resolve({ customerId: "cus-7", name: "Cobalt", currency: null, rows: [] } as CustomerLedger),
    );
    renderPane(<App initial={{ kind: "start" }} />, fakeActions({ selectedCustomerId, customerLedger }));
    await userEvent.click(await screen.findByRole("button", { name: diagnosticMessages.menu }));
    await userEvent.click(await screen.findByRole("menuitem", { name: text.ledgerMenu }));
    await userEvent.click(await screen.findByRole("button", { name: text.selectedRow }));
    expect((await screen.findByRole("alert")).textContent).toContain(text.noSelectedCustomer);
    expect(customerLedger).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: text.selectedRow }));
    expect(await screen.findByText(text.noEntries)).toBeTruthy();
    expect(customerLedger).toHaveBeenCalledWith("cus-7");
    expect(screen.getByRole("heading", { name: text.ledgerHeading("Cobalt") })).toBeTruthy();
  });

  it("shows a customer whose CRM ID is typed", async () => {
    const customerLedger = vi.fn(() =>
      Promise.resolve({ customerId: "cus-8", name: null, currency: null, rows: [] } as CustomerLedger),
    );
    renderPane(<App initial={{ kind: "ledger" }} />, fakeActions({ customerLedger }));
    await userEvent.type(screen.getByRole("textbox", { name: text.customerId }), " cus-8 ");
    await userEvent.click(screen.getByRole("button", { name: text.showLedgerOf }));
    expect(await screen.findByRole("heading", { name: text.ledgerHeading("cus-8") })).toBeTruthy();
    expect(customerLedger).toHaveBeenCalledWith("cus-8");
  });
});

describe("withRunningBalance", () => {
  it("keeps the receivable's balance after each entry in cents", () => {
    const rows = withRunningBalance([
      entry("a", "2026-01-01", "Opening balance", 0.1, 0),
      entry("b", "2026-01-02", "Opening balance", 0.2, 0),
      entry("c", "2026-01-03", "Opening balance reversed", 0, 0.1),
    ]);
    expect(rows.map((r) => [r.debit, r.credit, r.balance])).toEqual([
      [0.1, 0, 0.1],
      [0.2, 0, 0.3],
      [0, 0.1, 0.2],
    ]);
  });
});
