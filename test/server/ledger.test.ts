// Opening balances as accounting entries, closed periods, and removing an import's balances.
import { sql, type RawBuilder } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { importEntries } from "../../src/server/repositories/revert-ledger";
import { CONTEXT_KEYS } from "../../src/server/db/migrations/0009_context_keys";
import { customer, openImport, sendRows, startHarness, type Client, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface Ledger {
  items: {
    date: string;
    lines: { account: string; debit: number; credit: number }[];
    payment: { amount: number; method: string; date: string } | null;
  }[];
}
const ledgerOf = async (c: Client, id: string) =>
  (await c.get(`/api/v1/customers/${id}/ledger`)).body as Ledger;

describe("opening balances", () => {
  it("books a journal entry (receivable against opening-balance equity) and an 'Opening Balance' payment", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [r] = await sendRows(org.admin, id, [
      customer("r", {
        name: "Acme",
        email: "a@example.com",
        openingBalance: "1250.50",
        openingBalanceDate: "2026-01-31",
      }),
    ]);
    const ledger = await ledgerOf(org.admin, r!.crmId!);
    expect(ledger.items).toHaveLength(1);
    const [entry] = ledger.items;
    expect(entry!.date).toBe("2026-01-31");
    expect(entry!.lines).toEqual(
      expect.arrayContaining([
        { account: "Accounts Receivable", debit: 1250.5, credit: 0 },
        { account: "Opening Balance Equity", debit: 0, credit: 1250.5 },
      ]),
    );
    expect(entry!.payment).toEqual({ amount: 1250.5, method: "Opening Balance", date: "2026-01-31" });
  });

  it("a date inside the closed period fails with 'Invalid opening balance date.' and books nothing", async () => {
    const org = await h.org();
    await org.admin.put("/api/v1/closed-period", { through: "2025-12-31" });
    const id = await openImport(org.admin, { sheet: "customers" });
    const [closed, open] = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 10,
        openingBalanceDate: "2025-12-31",
      }),
      customer("b", {
        name: "B",
        email: "b@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-01-01",
      }),
    ]);
    expect(closed!.outcome).toBe("failed");
    expect(closed!.errors).toEqual([
      { field: "openingBalanceDate", message: messages.openingBalance.dateClosed("2025-12-31") },
    ]);
    expect(open!.outcome).toBe("created");
    expect((await ledgerOf(org.admin, open!.crmId!)).items).toHaveLength(1);
  });

  it("a changed opening balance replaces the customer's entry rather than adding a second", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [r] = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-02-01",
      }),
    ]);
    const update = await openImport(org.admin, { sheet: "customers", duplicateAction: "update" });
    await sendRows(org.admin, update, [customer("a", { email: "a@example.com", openingBalance: 20 })]);
    const ledger = await ledgerOf(org.admin, r!.crmId!);
    expect(ledger.items.map((e) => e.payment?.amount)).toEqual([20]);
  });

  it("deleting an import's opening balances removes entries and payments and resets the balances", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const results = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-02-01",
      }),
      customer("b", {
        name: "B",
        email: "b@example.com",
        openingBalance: 20,
        openingBalanceDate: "2026-02-01",
      }),
      customer("c", { name: "C", email: "c@example.com" }),
    ]);
    const res = await org.admin.del(`/api/v1/imports/${id}/opening-balances`);
    expect(res.body).toEqual({ removed: 2, reversed: 0 });
    for (const r of results) {
      expect((await ledgerOf(org.admin, r.crmId!)).items).toEqual([]);
      const stored = (await org.admin.get(`/api/v1/customers/${r.crmId}`)).body as {
        values: Record<string, unknown>;
      };
      expect(stored.values.openingBalance).toBeUndefined();
      expect(stored.values.openingBalanceDate).toBeUndefined();
    }
  });

  it("lists an import's balances with customer, amount, currency, date and state", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [a, b] = await sendRows(org.admin, id, [
      customer("a", {
        name: "Beta AB",
        email: "b@example.com",
        currency: "SEK",
        openingBalance: 99.5,
        openingBalanceDate: "2026-03-02",
      }),
      customer("b", {
        name: "Alfa",
        email: "a@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-03-01",
      }),
      customer("c", { name: "No balance", email: "c@example.com" }),
    ]);
    const res = await org.admin.get(`/api/v1/imports/${id}/opening-balances`);
    expect(res.status).toBe(200);
    const body = res.body as { items: Record<string, unknown>[]; canRemove: boolean };
    expect(body.canRemove).toBe(true);
    expect(body.items.map(({ entryId: _e, ...rest }) => rest)).toEqual([
      {
        customerId: b!.crmId,
        customerName: "Alfa",
        amount: 10,
        currency: null,
        date: "2026-03-01",
        state: "booked",
        reversedOn: null,
        paymentMethod: "Opening Balance",
      },
      {
        customerId: a!.crmId,
        customerName: "Beta AB",
        amount: 99.5,
        currency: "SEK",
        date: "2026-03-02",
        state: "booked",
        reversedOn: null,
        paymentMethod: "Opening Balance",
      },
    ]);
  });

  it("a balance in a period closed since is reversed by a counter-entry, never rewritten; a second removal does nothing", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [closed, open] = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 40,
        openingBalanceDate: "2026-01-15",
      }),
      customer("b", {
        name: "B",
        email: "b@example.com",
        openingBalance: 7,
        openingBalanceDate: "2026-02-15",
      }),
    ]);
    const [original] = (await ledgerOf(org.admin, closed!.crmId!)).items;
    await org.admin.put("/api/v1/closed-period", { through: "2026-01-31" });
    const first = await org.admin.del(`/api/v1/imports/${id}/opening-balances`);
    expect(first.body).toEqual({ removed: 1, reversed: 1 });
    const ledger = (await ledgerOf(org.admin, closed!.crmId!)).items as (Ledger["items"][number] & {
      memo: string;
    })[];
    // The original entry stays as it was; a counter-entry on an open day takes it back.
    expect(ledger[0]).toEqual(original);
    expect(ledger).toHaveLength(2);
    expect(ledger[1]!.memo).toBe("Opening balance reversed");
    expect(ledger[1]!.date > "2026-01-31").toBe(true);
    expect(ledger[1]!.lines).toEqual(
      expect.arrayContaining([
        { account: "Accounts Receivable", debit: 0, credit: 40 },
        { account: "Opening Balance Equity", debit: 40, credit: 0 },
      ]),
    );
    expect(ledger[1]!.payment?.amount).toBe(-40);
    expect((await ledgerOf(org.admin, open!.crmId!)).items).toEqual([]);

    const listed = (await org.admin.get(`/api/v1/imports/${id}/opening-balances`)).body as {
      items: { customerId: string; state: string; reversedOn: string | null }[];
    };
    expect(listed.items).toEqual([
      expect.objectContaining({ customerId: closed!.crmId, state: "reversed", reversedOn: ledger[1]!.date }),
    ]);

    const again = await org.admin.del(`/api/v1/imports/${id}/opening-balances`);
    expect(again.body).toEqual({ removed: 0, reversed: 0 });
    expect((await ledgerOf(org.admin, closed!.crmId!)).items).toHaveLength(2);
  });

  it("a revert after the removal does not reverse the balance a second time", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [r] = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 40,
        openingBalanceDate: "2026-01-15",
      }),
    ]);
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    await org.admin.put("/api/v1/closed-period", { through: "2026-01-31" });
    expect((await org.admin.del(`/api/v1/imports/${id}/opening-balances`)).body).toEqual({
      removed: 0,
      reversed: 1,
    });
    // What a revert takes back: nothing left standing for the customer.
    expect(await importEntries(h.db, org.id, id, [r!.crmId!])).toEqual([]);
    await org.admin.post(`/api/v1/imports/${id}/revert`, {}, { "idempotency-key": "rv-1" });
    expect((await ledgerOf(org.admin, r!.crmId!)).items).toHaveLength(2);
  });

  it("only an admin or the importer who ran it may remove an import's balances", async () => {
    const org = await h.org();
    const ran = await org.as("importer");
    const other = await org.as("importer");
    const viewer = await org.as("viewer");
    const id = await openImport(ran, { sheet: "customers" });
    await sendRows(ran, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 5,
        openingBalanceDate: "2026-03-01",
      }),
    ]);
    const canRemove = async (c: Client) =>
      ((await c.get(`/api/v1/imports/${id}/opening-balances`)).body as { canRemove: boolean }).canRemove;
    expect(await canRemove(viewer)).toBe(false);
    expect(await canRemove(other)).toBe(false);
    expect(await canRemove(ran)).toBe(true);
    expect((await viewer.del(`/api/v1/imports/${id}/opening-balances`)).status).toBe(403);
    const refused = await other.del(`/api/v1/imports/${id}/opening-balances`);
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /person who ran this import/,
    );
    expect((await ran.del(`/api/v1/imports/${id}/opening-balances`)).body).toEqual({
      removed: 1,
      reversed: 0,
    });
  });

  it("a dry run books nothing", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers", dryRun: true });
    const [r] = await sendRows(org.admin, id, [
      customer("a", {
        name: "A",
        email: "a@example.com",
        openingBalance: 10,
        openingBalanceDate: "2026-02-01",
      }),
    ]);
    expect(r!.outcome).toBe("created");
    const rows = await h.db.selectFrom("journal_entries").select("id").where("org_id", "=", org.id).execute();
    expect(rows).toEqual([]);
  });
});

describe("the accounting tables' keys (migration 0009)", () => {
  const constraintsOf = async (table: string) =>
    (
      await sql<{ name: string }>`select conname as name from pg_constraint
        where conrelid = ${table}::regclass and contype = 'f' order by conname`.execute(h.db)
    ).rows.map((r) => r.name);

  it("the organisation and import columns of rows written per imported row carry no foreign key", async () => {
    for (const [table, key] of CONTEXT_KEYS) expect(await constraintsOf(table)).not.toContain(key);
    // Whatever the engine named them: these two tables had no other foreign key.
    expect(await constraintsOf("records")).toEqual([]);
    expect(await constraintsOf("import_rows")).toEqual([]);
  });

  it("an entry's customer, a line's entry and a payment's entry and customer must exist", async () => {
    expect(await constraintsOf("journal_entries")).toEqual(["journal_entries_customer_id_fkey"]);
    expect(await constraintsOf("journal_lines")).toEqual(["journal_lines_entry_id_fkey"]);
    expect(await constraintsOf("payments")).toEqual([
      "payments_customer_id_fkey",
      "payments_journal_entry_id_fkey",
    ]);
    const org = await h.org();
    const refused = (q: RawBuilder<unknown>) =>
      h.db
        .transaction()
        .execute((trx) => q.execute(trx))
        .then(
          () => "written",
          (e: { code?: string }) => e.code,
        );
    expect(
      await refused(sql`insert into journal_entries (id, org_id, customer_id, import_id, entry_date, memo)
        values ('je_orphan', ${org.id}, 'cus_missing', null, '2026-01-01', 'Opening balance')`),
    ).toBe("23503");
    expect(
      await refused(sql`insert into journal_lines (entry_id, account, debit, credit)
        values ('je_missing', 'Accounts Receivable', 1, 0)`),
    ).toBe("23503");
  });
});
