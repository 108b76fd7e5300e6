/**
 * The pane's sentences for opening balances and a customer's ledger (issue 15), kept beside
 * pane-messages.ts and revert-messages.ts.
 */
const money = (amount: number, currency: string | null): string =>
  `${amount.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ""}`;

export const balanceMessages = {
  money,
  // An import's opening balances (History -> an import).
  balancesHeading: "Opening balances",
  noBalances: "This import booked no opening balances.",
  reversedTag: "reversed",
  balanceLine: (customer: string, amount: number, currency: string | null, date: string) =>
    `${customer}: ${money(amount, currency)} on ${date}`,
  unnamedCustomer: (id: string) => `Customer ${id}`,
  booked: (method: string | null) => `Booked; in the customer's payments as "${method ?? "Opening Balance"}"`,
  reversed: (on: string | null) =>
    `Reversed by a counter-entry${on ? ` on ${on}` : ""} (its period is closed); the payment is reversed beside it`,
  removeButton: (n: number) =>
    n === 1 ? "Delete this opening balance" : `Delete these ${n} opening balances`,
  removeConfirm:
    "Deleting removes each balance's accounting entry and payment and resets the customer's opening balance. A balance in a closed period is not changed: a counter-entry reverses it.",
  confirmRemove: "Delete them",
  cancelRemove: "Keep them",
  removed: (removed: number, reversed: number) =>
    `${removed} deleted${reversed ? `, ${reversed} reversed by a counter-entry (closed period)` : ""}.`,
  notAllowed: "Only an admin, or the person who ran this import, can delete its opening balances.",
  showLedger: (customer: string) => `Ledger of ${customer}`,
  // A customer's ledger.
  ledgerMenu: "Customer ledger",
  ledgerHeading: (customer: string) => `Ledger: ${customer}`,
  ledgerBusy: "Reading the ledger...",
  noEntries: "No accounting entries for this customer.",
  entryLine: (date: string, memo: string) => `${date} ${memo}`,
  debitCredit: (debit: number, credit: number, currency: string | null) =>
    debit ? `Debit ${money(debit, currency)}` : `Credit ${money(credit, currency)}`,
  runningBalance: (balance: number, currency: string | null) => `Balance ${money(balance, currency)}`,
  noSelectedCustomer:
    "Select a row of a customers sheet that has a CRM ID (an imported or downloaded customer) to see its ledger.",
  customerId: "Or type a customer's CRM ID",
  showLedgerOf: "Show ledger",
  selectedRow: "Ledger of the selected row's customer",
} as const;
