/**
 * An import's opening balances (Daftra's imported balances): listed for History, and removed in bulk.
 * Removing takes the revert's ledger road: an entry in an open period is deleted with its payment, one
 * in the closed period is never rewritten but reversed by a counter-entry on the first open day
 * (`splitEntries`, `bookCounterEntries`). Only standing entries are acted on, so a second removal,
 * or a revert after it, changes nothing twice.
 */
import type { Kysely } from "kysely";
import type { BalancesRemoved, ImportBalance } from "../../domain";
import type { Database } from "../db/types";
import type { ImportState } from "../repositories/imports";
import { OPENING_BALANCE_METHOD } from "../repositories/ledger";
import { insertLog } from "../repositories/logs";
import { getOrganisation, type Db } from "../repositories/organisations";
import { findRecordsByIds, lockSheet, updateRecords } from "../repositories/records";
import {
  bookCounterEntries,
  deleteEntries,
  importBalanceEntries,
  importEntries,
  openDay,
  type ImportEntry,
} from "../repositories/revert-ledger";
import { balanceOf, splitEntries } from "./revert-plan";

const textOf = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The opening balances the import booked, by date then customer, with each customer's name and currency. */
export async function listImportBalances(db: Db, orgId: string, importId: string): Promise<ImportBalance[]> {
  const entries = await importBalanceEntries(db, orgId, importId, null);
  const customers = await findRecordsByIds(db, orgId, "customers", [
    ...new Set(entries.map((e) => e.customerId)),
  ]);
  const byId = new Map(customers.map((c) => [c.id, c]));
  return entries
    .map((e): ImportBalance => {
      const c = byId.get(e.customerId);
      return {
        entryId: e.id,
        customerId: e.customerId,
        customerName: textOf(c?.values.name),
        amount: e.amount,
        currency: textOf(c?.values.currency),
        date: e.date,
        state: e.reversedOn === null ? "booked" : "reversed",
        reversedOn: e.reversedOn,
        paymentMethod: OPENING_BALANCE_METHOD,
      };
    })
    .sort(
      (a, b) => a.date.localeCompare(b.date) || (a.customerName ?? "").localeCompare(b.customerName ?? ""),
    );
}

/**
 * Removes the import's standing opening balances, in one transaction under the customers' lock (the
 * revert's first lock, so the two never wait on each other in a circle), and logs it.
 */
export async function removeImportBalances(
  db: Kysely<Database>,
  imp: ImportState,
  userId: string,
): Promise<BalancesRemoved> {
  return db.transaction().execute(async (trx) => {
    await lockSheet(trx, imp.orgId, "customers");
    const org = await getOrganisation(trx, imp.orgId);
    const through = org?.closedPeriodThrough ?? null;
    const entries = await importEntries(trx, imp.orgId, imp.id, null);
    const ledger = splitEntries(entries, through);
    await deleteEntries(
      trx,
      imp.orgId,
      ledger.remove.map((e) => e.id),
    );
    await bookCounterEntries(trx, imp.orgId, imp.id, ledger.counter, openDay(through));
    await resetOpeningBalances(trx, imp.orgId, entries);
    const answer = { removed: ledger.remove.length, reversed: ledger.counter.length };
    if (entries.length) {
      const message = `Opening balances of import ${imp.id}: ${answer.removed} removed, ${answer.reversed} reversed by a counter-entry.`;
      const details = { importId: imp.id, ...answer };
      await insertLog(trx, imp.orgId, {
        kind: "activity",
        userId,
        subject: "import.balances_removed",
        message,
        details,
      });
    }
    return answer;
  });
}

/**
 * After their entries are removed or reversed, the customers' opening balance and its date are blank
 * again, where the customer still carries the balance the entry booked (a balance changed since is
 * another entry's, and stays).
 */
async function resetOpeningBalances(trx: Db, orgId: string, entries: readonly ImportEntry[]): Promise<void> {
  const customers = await findRecordsByIds(trx, orgId, "customers", [
    ...new Set(entries.map((e) => e.customerId)),
  ]);
  const changed = customers
    .filter((c) => {
      const b = balanceOf(c.values);
      return b && entries.some((e) => e.customerId === c.id && e.amount === b.amount && e.date === b.date);
    })
    .map((c) => {
      const { openingBalance: _b, openingBalanceDate: _d, ...values } = c.values;
      return { id: c.id, version: c.version + 1, values, stored: c.values };
    });
  await updateRecords(trx, orgId, "customers", changed);
}
