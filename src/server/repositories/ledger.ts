import { sql } from "kysely";
import { newId } from "../ids";
import type { Db } from "./organisations";

export const ACCOUNTS = {
  receivable: "Accounts Receivable",
  openingEquity: "Opening Balance Equity",
} as const;
export const OPENING_BALANCE_METHOD = "Opening Balance";

export interface OpeningBalance {
  customerId: string;
  amount: number;
  date: string;
}

/**
 * Books opening balances: per customer a journal entry (receivable debit, opening-balance equity
 * credit) and the payment record showing it in the customer's payments, in one statement: the
 * balances are read once, and the entries are inserted before their lines and payments (foreign keys
 * are checked at the statement's end).
 */
export async function insertOpeningBalances(
  db: Db,
  orgId: string,
  importId: string | null,
  balances: readonly OpeningBalance[],
): Promise<void> {
  if (!balances.length) return;
  const rows = balances.map((b) => ({ ...b, entryId: newId("je"), paymentId: newId("pay") }));
  await sql`
    with x as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x("customerId" text, amount numeric, date text, "entryId" text, "paymentId" text)
    ), entries as (
      insert into journal_entries (id, org_id, customer_id, import_id, entry_date, memo)
      select x."entryId", ${orgId}, x."customerId", ${importId}, x.date, 'Opening balance' from x
    ), lines as (
      insert into journal_lines (entry_id, account, debit, credit)
      select x."entryId", ${ACCOUNTS.receivable}, x.amount, 0 from x
      union all
      select x."entryId", ${ACCOUNTS.openingEquity}, 0, x.amount from x
    )
    insert into payments (id, org_id, customer_id, journal_entry_id, import_id, amount, payment_date, method)
    select x."paymentId", ${orgId}, x."customerId", x."entryId", ${importId}, x.amount, x.date, ${OPENING_BALANCE_METHOD}
    from x
  `.execute(db);
}

/** Removes the opening-balance entries (and their payments) of these customers, e.g. before re-booking. */
export async function deleteOpeningBalancesOfCustomers(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
): Promise<void> {
  if (!customerIds.length) return;
  await db
    .deleteFrom("journal_entries")
    .where("org_id", "=", orgId)
    .where("customer_id", "in", customerIds)
    .where("memo", "=", "Opening balance")
    .execute();
}

/** Removes an import's opening-balance entries and payments; returns the customers they belonged to. */
export async function deleteOpeningBalancesOfImport(
  db: Db,
  orgId: string,
  importId: string,
): Promise<string[]> {
  const rows = await db
    .deleteFrom("journal_entries")
    .where("org_id", "=", orgId)
    .where("import_id", "=", importId)
    .where("memo", "=", "Opening balance")
    .returning("customer_id")
    .execute();
  return [...new Set(rows.map((r) => r.customer_id))];
}

export interface LedgerEntry {
  id: string;
  customerId: string;
  date: string;
  lines: { account: string; debit: number; credit: number }[];
  payment: { amount: number; method: string; date: string } | null;
}

export async function listCustomerLedger(db: Db, orgId: string, customerId: string): Promise<LedgerEntry[]> {
  const entries = await db
    .selectFrom("journal_entries")
    .select(["id", "customer_id", "entry_date"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("id")
    .execute();
  if (!entries.length) return [];
  const ids = entries.map((e) => e.id);
  const lines = await db.selectFrom("journal_lines").selectAll().where("entry_id", "in", ids).execute();
  const payments = await db.selectFrom("payments").selectAll().where("journal_entry_id", "in", ids).execute();
  return entries.map((e) => {
    const p = payments.find((x) => x.journal_entry_id === e.id);
    return {
      id: e.id,
      customerId: e.customer_id,
      date: e.entry_date,
      lines: lines
        .filter((l) => l.entry_id === e.id)
        .map((l) => ({ account: l.account, debit: Number(l.debit), credit: Number(l.credit) })),
      payment: p ? { amount: Number(p.amount), method: p.method, date: p.payment_date } : null,
    };
  });
}
