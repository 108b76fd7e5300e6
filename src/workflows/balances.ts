/**
 * Opening balances and ledgers in the pane (issue 15): an import's balances, removing them, and a
 * customer's accounting entries with a running balance, for a customer named by id or by the sheet
 * row the user selected.
 */
import type { BalancesRemoved, ImportBalances, LedgerEntry } from "../domain";
import { balanceMessages as text } from "../domain/balance-messages";
import { activeCellRow } from "../excel";
import { clientOf, WorkflowError, type WorkflowDeps } from "./deps";
import { assessSheet } from "./validate-sheet";

/** The receivable account: what the customer owes moves on it. */
const RECEIVABLE = "Accounts Receivable";

export interface LedgerRow {
  id: string;
  date: string;
  memo: string;
  /** The entry's receivable debit and credit. */
  debit: number;
  credit: number;
  /** What the customer owes after this entry. */
  balance: number;
  payment: LedgerEntry["payment"];
}

export interface CustomerLedger {
  customerId: string;
  name: string | null;
  currency: string | null;
  rows: LedgerRow[];
}

/** Entries in order, each with the receivable balance after it (cents, so 0.1 + 0.2 stays 0.30). */
export function withRunningBalance(entries: readonly LedgerEntry[]): LedgerRow[] {
  let cents = 0;
  return entries.map((e) => {
    const on = e.lines.filter((l) => l.account === RECEIVABLE);
    const debit = on.reduce((s, l) => s + l.debit, 0);
    const credit = on.reduce((s, l) => s + l.credit, 0);
    cents += Math.round(debit * 100) - Math.round(credit * 100);
    return { id: e.id, date: e.date, memo: e.memo, debit, credit, balance: cents / 100, payment: e.payment };
  });
}

export async function importBalances(deps: WorkflowDeps, importId: string): Promise<ImportBalances> {
  return (await clientOf(deps)).importBalances(importId);
}

export async function removeImportBalances(deps: WorkflowDeps, importId: string): Promise<BalancesRemoved> {
  return (await clientOf(deps)).removeImportBalances(importId);
}

const textOf = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function customerLedger(deps: WorkflowDeps, customerId: string): Promise<CustomerLedger> {
  const client = await clientOf(deps);
  const [customer, entries] = await Promise.all([
    client.getRecord("customers", customerId, deps.signal),
    client.customerLedger(customerId),
  ]);
  return {
    customerId,
    name: textOf(customer.values.name),
    currency: textOf(customer.values.currency),
    rows: withRunningBalance(entries),
  };
}

/**
 * The CRM ID of the customer on the selected row: the row is read through the sheet's mapping, as
 * Validate reads it (a CSV's added CRM ID column too). Only a customers sheet's row names a customer.
 */
export async function selectedCustomerId(deps: WorkflowDeps): Promise<string> {
  const at = await activeCellRow(deps.env);
  const a = await assessSheet(deps, { sheet: at.sheet });
  const row = a.sheet.name === "customers" ? a.rows.find((r) => r.sheetRow === at.row) : undefined;
  if (!row?.crmId) throw new WorkflowError(text.noSelectedCustomer);
  return row.crmId;
}
