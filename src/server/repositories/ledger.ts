import { sql } from "kysely";
import type { StatementPart } from "../db/statements";
import { newId } from "../ids";
import type { LedgerEntry } from "../../domain";
import type { Db } from "./organisations";

export const ACCOUNTS = {
  receivable: "Accounts Receivable",
  openingEquity: "Opening Balance Equity",
} as const;
export const OPENING_BALANCE_METHOD = "Opening Balance";
export const OPENING_BALANCE_MEMO = "Opening balance";

export interface OpeningBalance {
  customerId: string;
  amount: number;
  date: string;
}

/**
 * Booking opening balances, as parts of a statement: per customer a journal entry (receivable
 * debit, opening-balance equity credit) and the payment record showing it in the customer's
 * payments. The balances are read once; the entries' lines and payments reference them (foreign
 * keys are checked at the statement's end).
 */
export function openingBalanceParts(
  orgId: string,
  importId: string | null,
  balances: readonly OpeningBalance[],
): StatementPart[] {
  if (!balances.length) return [];
  const rows = balances.map((b) => ({ ...b, entryId: newId("je"), paymentId: newId("pay") }));
  return [
    {
      name: "balances",
      materialized: true,
      query: sql`select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x("customerId" text, amount numeric, date text, "entryId" text, "paymentId" text)`,
    },
    {
      name: "balance_entries",
      query: sql`insert into journal_entries (id, org_id, customer_id, import_id, entry_date, memo)
        select x."entryId", ${orgId}, x."customerId", ${importId}, x.date, ${OPENING_BALANCE_MEMO} from balances x`,
    },
    {
      name: "balance_lines",
      query: sql`insert into journal_lines (entry_id, account, debit, credit)
        select x."entryId", ${ACCOUNTS.receivable}, x.amount, 0 from balances x
        union all
        select x."entryId", ${ACCOUNTS.openingEquity}, 0, x.amount from balances x`,
    },
    {
      name: "balance_payments",
      query: sql`insert into payments
          (id, org_id, customer_id, journal_entry_id, import_id, amount, payment_date, method)
        select x."paymentId", ${orgId}, x."customerId", x."entryId", ${importId}, x.amount, x.date,
          ${OPENING_BALANCE_METHOD}
        from balances x`,
    },
  ];
}

/**
 * Removing the opening-balance entries of these customers (their lines and payments go with them),
 * e.g. before re-booking, as a part of a statement.
 */
export function removeOpeningBalancesParts(orgId: string, customerIds: readonly string[]): StatementPart[] {
  if (!customerIds.length) return [];
  return [
    {
      name: "balances_removed",
      query: sql`delete from journal_entries
        where org_id = ${orgId} and customer_id = any(${[...customerIds]}::text[])
          and memo = ${OPENING_BALANCE_MEMO}`,
    },
  ];
}

/** A customer's journal entries in date order (then as booked), with their lines and payment. */
export async function listCustomerLedger(db: Db, orgId: string, customerId: string): Promise<LedgerEntry[]> {
  const entries = await db
    .selectFrom("journal_entries")
    .select(["id", "customer_id", "entry_date", "memo", "import_id"])
    .where("org_id", "=", orgId)
    .where("customer_id", "=", customerId)
    .orderBy("entry_date")
    .orderBy("created_at")
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
      memo: e.memo,
      importId: e.import_id,
      lines: lines
        .filter((l) => l.entry_id === e.id)
        .map((l) => ({ account: l.account, debit: Number(l.debit), credit: Number(l.credit) })),
      payment: p ? { amount: Number(p.amount), method: p.method, date: p.payment_date } : null,
    };
  });
}
