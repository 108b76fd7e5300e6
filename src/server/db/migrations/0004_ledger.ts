import type { Kysely } from "kysely";
import { runStatements } from "../statements";

/** Opening balances as accounting: a journal entry with its two lines, and the payment it explains. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create table journal_entries (
      id text primary key,
      org_id text not null references organisations(id),
      customer_id text not null references records(id),
      import_id text references imports(id),
      entry_date text not null,
      memo text not null,
      created_at timestamptz not null default now()
    );
    create index journal_entries_customer on journal_entries (org_id, customer_id);
    create index journal_entries_import on journal_entries (import_id);
    create table journal_lines (
      entry_id text not null references journal_entries(id) on delete cascade,
      account text not null,
      debit numeric(14, 2) not null,
      credit numeric(14, 2) not null
    );
    create index journal_lines_entry on journal_lines (entry_id);
    create table payments (
      id text primary key,
      org_id text not null references organisations(id),
      customer_id text not null references records(id),
      journal_entry_id text not null references journal_entries(id) on delete cascade,
      import_id text references imports(id),
      amount numeric(14, 2) not null,
      payment_date text not null,
      method text not null
    );
    create index payments_customer on payments (org_id, customer_id);
  `,
  );
}
