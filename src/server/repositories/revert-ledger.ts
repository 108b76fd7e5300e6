/** The ledger side of a revert: an import's opening-balance entries, removed or reversed. */
import { sql } from "kysely";
import { revertMessages } from "../../domain";
import { newId } from "../ids";
import { ACCOUNTS, OPENING_BALANCE_MEMO, openingBalanceParts, type OpeningBalance } from "./ledger";
import type { Db } from "./organisations";
import { runParts } from "../db/statements";

/** An opening-balance entry an import booked, with its amount. */
export interface ImportEntry {
  id: string;
  customerId: string;
  date: string;
  amount: number;
}

/**
 * The opening-balance entries the import booked for these customers (every customer when
 * `customerIds` is null) that still stand: an entry a counter-entry of the same import reversed
 * (a revert, or a removal of the import's balances, in a closed period) is left out, so neither
 * ever reverses it twice. Counter-entries are paired with a customer's entries oldest first.
 */
export async function importEntries(
  db: Db,
  orgId: string,
  importId: string,
  customerIds: readonly string[] | null,
): Promise<ImportEntry[]> {
  return (await importBalanceEntries(db, orgId, importId, customerIds)).filter((e) => e.reversedOn === null);
}

/** An import's opening-balance entry and, when a counter-entry reversed it, that entry's date. */
export interface BalanceEntry extends ImportEntry {
  reversedOn: string | null;
}

/** Every opening-balance entry the import booked, reversed or not (see `importEntries`). */
export async function importBalanceEntries(
  db: Db,
  orgId: string,
  importId: string,
  customerIds: readonly string[] | null,
): Promise<BalanceEntry[]> {
  if (customerIds && !customerIds.length) return [];
  const only = customerIds ? sql`and e.customer_id = any(${[...new Set(customerIds)]}::text[])` : sql``;
  const { rows } = await sql<{
    id: string;
    customer_id: string;
    entry_date: string;
    memo: string;
    amount: string | number;
  }>`
    select e.id, e.customer_id, e.entry_date, e.memo,
      coalesce((select sum(l.debit) from journal_lines l where l.entry_id = e.id), 0) as amount
    from journal_entries e
    where e.import_id = ${importId} and e.org_id = ${orgId}
      and e.memo in (${OPENING_BALANCE_MEMO}, ${revertMessages.counterEntryMemo}) ${only}
    order by e.created_at, e.id`.execute(db);
  const counters = new Map<string, string[]>();
  for (const r of rows)
    if (r.memo !== OPENING_BALANCE_MEMO)
      (counters.get(r.customer_id) ?? counters.set(r.customer_id, []).get(r.customer_id)!).push(r.entry_date);
  return rows
    .filter((r) => r.memo === OPENING_BALANCE_MEMO)
    .map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      date: r.entry_date,
      amount: Number(r.amount),
      reversedOn: counters.get(r.customer_id)?.shift() ?? null,
    }));
}

/** Customers among these with ledger entries other than this import's: the ledger refers to them. */
export async function customersInOtherEntries(
  db: Db,
  orgId: string,
  importId: string,
  customerIds: readonly string[],
): Promise<Set<string>> {
  if (!customerIds.length) return new Set();
  const { rows } = await sql<{ customer_id: string }>`
    select distinct e.customer_id
    from unnest(${[...new Set(customerIds)]}::text[]) as t(id)
    cross join lateral (
      select e.customer_id from journal_entries e
      where e.org_id = ${orgId} and e.customer_id = t.id
        and (e.import_id is null or e.import_id <> ${importId}) offset 0
    ) as e`.execute(db);
  return new Set(rows.map((r) => r.customer_id));
}

/** The first open day: today, or the day after the closed period when that is later. */
export function openDay(closedThrough: string | null): string {
  const today = new Date().toISOString().slice(0, 10);
  if (!closedThrough || closedThrough < today) return today;
  const d = new Date(`${closedThrough}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Removes entries in open periods; their lines and payments go with them (on delete cascade). */
export async function deleteEntries(db: Db, orgId: string, entryIds: readonly string[]): Promise<void> {
  if (!entryIds.length) return;
  await db
    .deleteFrom("journal_entries")
    .where("org_id", "=", orgId)
    .where("id", "in", [...entryIds])
    .execute();
}

/**
 * Books a counter-entry for each entry of a closed period, dated `date` (an open day): receivable
 * credited, opening-balance equity debited, and a negative payment beside the original one. The
 * original entry is never changed.
 */
export async function bookCounterEntries(
  db: Db,
  orgId: string,
  importId: string,
  entries: readonly ImportEntry[],
  date: string,
): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((e) => ({ ...e, entryId: newId("je"), paymentId: newId("pay") }));
  const json = JSON.stringify(rows);
  await runParts(db, [
    {
      name: "counters",
      materialized: true,
      query: sql`select * from jsonb_to_recordset(${json}::jsonb)
        as x("customerId" text, amount numeric, "entryId" text, "paymentId" text)`,
    },
    {
      name: "counter_entries",
      query: sql`insert into journal_entries (id, org_id, customer_id, import_id, entry_date, memo)
        select x."entryId", ${orgId}, x."customerId", ${importId}, ${date},
          ${revertMessages.counterEntryMemo} from counters x`,
    },
    {
      name: "counter_lines",
      query: sql`insert into journal_lines (entry_id, account, debit, credit)
        select x."entryId", ${ACCOUNTS.receivable}, 0, x.amount from counters x
        union all
        select x."entryId", ${ACCOUNTS.openingEquity}, x.amount, 0 from counters x`,
    },
    {
      name: "counter_payments",
      query: sql`insert into payments
          (id, org_id, customer_id, journal_entry_id, import_id, amount, payment_date, method)
        select x."paymentId", ${orgId}, x."customerId", x."entryId", ${importId}, -x.amount, ${date},
          ${revertMessages.counterPaymentMethod}
        from counters x`,
    },
  ]);
}

/** Books restored opening balances again (a before-image's balance the import had replaced). */
export async function bookBalances(
  db: Db,
  orgId: string,
  balances: readonly OpeningBalance[],
): Promise<void> {
  await runParts(db, openingBalanceParts(orgId, null, balances));
}
