/**
 * The sentences of an import's revert (issue 17): a row's reason in the CRM's answer, the pane's
 * and the sheet's words. Kept beside messages.ts, pane-messages.ts and sheet-messages.ts.
 */
export const revertMessages = {
  changedSince: (version: number, expected: number) =>
    `Changed since the import (now version ${version}, the import left version ${expected}): kept as it is.`,
  referencedSince: (count: number) =>
    `${count === 1 ? "A record refers" : `${count} records refer`} to it since the import (a contact, a site, a branch, equipment or a ledger entry): kept, nothing deleted.`,
  goneSince: "No longer in the CRM: nothing to restore.",
  noBeforeImage: "Imported before reverts were possible: its earlier values were not kept.",
  closedPeriod: (through: string) =>
    `Its opening balance is in the closed period (through ${through}): a counter-entry reverses it, and the customer stays because the ledger refers to it.`,

  // The API's refusals.
  notFinished: "This import is still open: finish it before reverting it.",
  dryRunImport: "A dry run wrote nothing: there is nothing to revert.",
  notYours: "Only an admin, or the person who ran this import, can revert it.",
  windowPassed: (days: number) =>
    `Imports can be reverted by their importer for ${days} days: ask a CRM admin to revert this one.`,
  keyReused: "This Idempotency-Key was already used with a different revert batch: use a new key.",

  // The ledger.
  counterEntryMemo: "Opening balance reversed",
  counterPaymentMethod: "Opening Balance reversal",

  // The sheet's status column.
  statusDeleted: "Reverted: deleted from the CRM",
  statusRestored: "Reverted: earlier values restored in the CRM",
  statusReversed: "Reverted: opening balance reversed in the CRM",
  statusConflict: (why: string) => `Not reverted: ${why}`,

  // The pane.
  revertButton: "Revert this import",
  revertHeading: "Revert this import",
  checking: "Checking what a revert would do...",
  preview: (c: { deleted: number; restored: number; reversed: number; conflict: number }) =>
    [
      `${c.deleted} created will be deleted`,
      `${c.restored} updated restored`,
      ...(c.reversed ? [`${c.reversed} opening balances reversed (closed period)`] : []),
      c.conflict ? `${c.conflict} conflicts: these rows changed since` : "no conflicts",
    ].join(", ") + ".",
  nothingToRevert: "Nothing to revert: this import created and updated no records.",
  conflictsHeading: "Not reverted: changed or referenced since the import",
  conflictRow: (ref: string, why: string) => `${ref}: ${why}`,
  start: "Revert now",
  progress: (done: number, total: number) => `Reverting: ${done} of ${total} rows...`,
  cancel: "Cancel",
  done: (c: { deleted: number; restored: number; reversed: number; conflict: number }, marked: number) =>
    `Reverted: ${c.deleted} deleted, ${c.restored} restored, ${c.reversed} reversed, ${c.conflict} conflicts; ${marked} rows marked in the sheet.`,
  cancelled: (done: number, total: number) =>
    `Cancelled after ${done} of ${total} rows: those are reverted and marked; revert again to finish.`,
  countLabels: { deleted: "Deleted", restored: "Restored", reversed: "Reversed", conflict: "Not reverted" },
  historyTag: (status: "started" | "finished") => (status === "finished" ? "Reverted" : "Partly reverted"),

  // The import log and activity log.
  logged: (sheet: string, c: { deleted: number; restored: number; reversed: number; conflict: number }) =>
    `Revert of an import of ${sheet}: ${c.deleted} deleted, ${c.restored} restored, ${c.reversed} reversed, ${c.conflict} conflicts.`,
} as const;
