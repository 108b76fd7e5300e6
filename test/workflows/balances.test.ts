// Opening balances and a customer's ledger from the pane's workflows, against the live CRM on the
// simulated workbook: the selected row names its customer; the ledger's running balance; removal.
import { describe, expect, it } from "vitest";
import { balanceMessages } from "../../src/domain/balance-messages";
import { selectCell } from "../../src/excel";
import { importSheet } from "../../src/workflows";
import { importOptionsFor } from "../../src/workflows/validate-sheet";
import {
  customerLedger,
  importBalances,
  removeImportBalances,
  selectedCustomerId,
} from "../../src/workflows/balances";
import { customersSheet, useLiveCrm } from "./customers-sheet";
import { typeRow } from "./sheet";

const crm = useLiveCrm();

describe("balances and ledgers in the pane", () => {
  it("the selected row's customer, its ledger with the balance after each entry, and the import's balances removed", async () => {
    const { book, env, deps, customers, C } = await customersSheet(crm());
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se" });
    await typeRow(book, customers, 4, {
      name: "Beta Ltd",
      email: "beta@beta.se",
      openingBalance: 300.25,
      openingBalanceDate: "2026-03-01",
    });
    const summary = await importSheet(deps);
    expect(summary.created).toBe(2);
    const beta = String(book.cell(C("crmId", 4)).value);

    await selectCell(env, C("email", 4));
    expect(await selectedCustomerId(deps)).toBe(beta);
    // The header row names no customer.
    await selectCell(env, C("email", 1));
    await expect(selectedCustomerId(deps)).rejects.toThrow(balanceMessages.noSelectedCustomer);

    const ledger = await customerLedger(deps, beta);
    expect(ledger).toMatchObject({ customerId: beta, name: "Beta Ltd" });
    expect(ledger.rows.map((r) => [r.date, r.memo, r.debit, r.credit, r.balance])).toEqual([
      ["2026-03-01", "Opening balance", 300.25, 0, 300.25],
    ]);

    const listed = await importBalances(deps, summary.importId!);
    expect(listed.canRemove).toBe(true);
    expect(listed.items.map((b) => [b.customerName, b.amount, b.state])).toEqual([
      ["Beta Ltd", 300.25, "booked"],
    ]);
    expect(await removeImportBalances(deps, summary.importId!)).toEqual({ removed: 1, reversed: 0 });
    expect((await customerLedger(deps, beta)).rows).toEqual([]);
    expect((await importBalances(deps, summary.importId!)).items).toEqual([]);
  });

  it("the importer's opt-out from the summary e-mail reaches the CRM, which remembers it, not the sheet", async () => {
    const { book, deps, client, customers } = await customersSheet(crm());
    expect((await client.getMe()).importMail).toBe(true);
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se" });
    await importSheet(deps, { mailMe: false });
    expect((await client.getMe()).importMail).toBe(false);
    expect(importOptionsFor("Customers")).not.toHaveProperty("mailMe");
  });
});
