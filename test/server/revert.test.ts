// Reverting an import (issue 17): creates deleted, updates restored, balances removed or reversed,
// conflicts kept, dry runs, replayed keys and two reverts at once. Runs on PGlite, and on PostgreSQL
// with DATABASE_URL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revertMessages } from "../../src/domain";
import { migrateTo, migrateToLatest } from "../../src/server/db/migrate";
import { referrersOf } from "../../src/server/repositories/record-references";
import { findRecordsByIds, updateRecords } from "../../src/server/repositories/records";
import {
  customer,
  key,
  openImport,
  openTestDatabase,
  sendRows,
  startHarness,
  type Client,
  type Harness,
} from "./harness";

let h: Harness;
// PGlite's start took over 60 s on the shared 2-core machine under load.
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h.close();
});

interface RevertRowBody {
  ref: string;
  crmId: string | null;
  outcome: string;
  message: string | null;
  before: { version: number; values: Record<string, unknown> } | null;
  current: { version: number; values: Record<string, unknown> } | null;
}
interface RevertBody {
  results: RevertRowBody[];
  next: string | null;
}

/** Opens an import, sends the rows, finishes it; returns its id and results. */
async function imported(c: Client, sheet: string, rows: unknown[], options: Record<string, unknown> = {}) {
  const id = await openImport(c, { sheet, ...options });
  const results = await sendRows(c, id, rows);
  const finished = await c.post(`/api/v1/imports/${id}/finish`);
  expect(finished.status).toBe(200);
  return { id, results };
}

const revertCall = (c: Client, id: string, body: Record<string, unknown>, k: string | null = key()) =>
  c.post(`/api/v1/imports/${id}/revert`, body, k ? { "idempotency-key": k } : {});

/** Every batch of a revert until its last, `limit` rows each; returns all rows. */
async function revertAll(c: Client, id: string, body: Record<string, unknown> = {}) {
  const rows: RevertRowBody[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await revertCall(c, id, { ...body, ...(after ? { after } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = res.body as RevertBody;
    rows.push(...page.results);
    if (!page.next) return rows;
    after = page.next;
  }
}

const getRecord = (c: Client, sheet: string, id: string) => c.get(`/api/v1/${sheet}/${id}`);
const acme = (ref = "a", extra: Record<string, unknown> = {}) =>
  customer(ref, { name: `Acme ${ref}`, email: `${ref}@acme.example`, ...extra });

async function entriesOf(customerId: string) {
  const { rows } = await sql<{ memo: string; entry_date: string; import_id: string | null }>`
    select memo, entry_date, import_id from journal_entries where customer_id = ${customerId} order by id`.execute(
    h.db,
  );
  return rows;
}

describe("revert: created records", () => {
  it("deletes what the import created, so the same rows create them again", async () => {
    const org = await h.org();
    const first = await imported(org.admin, "customers", [acme("a"), acme("b"), acme("c")]);
    const rows = await revertAll(org.admin, first.id, { limit: 2 });
    expect(rows.map((r) => [r.ref, r.outcome])).toEqual([
      ["a", "deleted"],
      ["b", "deleted"],
      ["c", "deleted"],
    ]);
    for (const r of first.results)
      expect((await getRecord(org.admin, "customers", r.crmId!)).status).toBe(404);
    const again = await imported(org.admin, "customers", [acme("a"), acme("b"), acme("c")]);
    expect(again.results.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
  });

  it("shows the revert in the import's history and records it in the activity log", async () => {
    const org = await h.org();
    const first = await imported(org.admin, "customers", [acme("a"), acme("b")]);
    await revertAll(org.admin, first.id);
    const detail = (await org.admin.get(`/api/v1/imports/${first.id}`)).body as {
      revert: { status: string; counts: Record<string, number>; by: string };
    };
    expect(detail.revert.status).toBe("finished");
    expect(detail.revert.counts).toEqual({ deleted: 2, restored: 0, reversed: 0, conflict: 0 });
    const log = (await org.admin.get("/api/v1/logs?kind=activity")).body as {
      items: { subject: string; message: string }[];
    };
    expect(log.items[0]).toMatchObject({
      subject: "import.reverted",
      message: revertMessages.logged("customers", { deleted: 2, restored: 0, reversed: 0, conflict: 0 }),
    });
  });

  it("deletes a record the import created and then updated again through another row", async () => {
    const org = await h.org();
    const { id, results } = await imported(
      org.admin,
      "customers",
      [acme("a"), acme("b", { email: "a@acme.example", phone: "+46701234567" })],
      {
        duplicateAction: "update",
      },
    );
    expect(results.map((r) => r.outcome)).toEqual(["created", "updated"]);
    const rows = await revertAll(org.admin, id);
    expect(rows.map((r) => r.outcome)).toEqual(["deleted", "deleted"]);
    expect((await getRecord(org.admin, "customers", results[0]!.crmId!)).status).toBe(404);
  });
});

describe("revert: created contacts and sites", () => {
  it("deletes a contact and a site the import created, and only those", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a")]);
    const owner = made.results[0]!.crmId!;
    const contacts = await imported(org.admin, "contacts", [
      customer("p", { customer: owner, firstName: "Ann" }),
      customer("q", { customer: owner, firstName: "Bo", email: "bo@acme.example" }),
    ]);
    const sites = await imported(org.admin, "sites", [
      customer("s", { billingCustomer: owner, siteName: "Depot" }),
    ]);
    expect((await revertAll(org.admin, contacts.id, { limit: 1 })).map((r) => [r.ref, r.outcome])).toEqual([
      ["p", "deleted"],
      ["q", "deleted"],
    ]);
    expect((await revertAll(org.admin, sites.id)).map((r) => r.outcome)).toEqual(["deleted"]);
    for (const r of contacts.results)
      expect((await getRecord(org.admin, "contacts", r.crmId!)).status).toBe(404);
    expect((await getRecord(org.admin, "sites", sites.results[0]!.crmId!)).status).toBe(404);
    // Nothing refers to the customer any more: its own import's revert deletes it.
    expect((await getRecord(org.admin, "customers", owner)).status).toBe(200);
    expect((await revertAll(org.admin, made.id)).map((r) => r.outcome)).toEqual(["deleted"]);
  });
});

describe("revert: updated records", () => {
  it("restores the values as they were before the import, at a new version", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a", { city: "Lund" })]);
    const crmId = made.results[0]!.crmId!;
    const changed = await imported(
      org.admin,
      "customers",
      [{ ref: "u", crmId, values: { name: "Acme Renamed", email: "a@acme.example", city: "Malmö" } }],
      { duplicateAction: "update" },
    );
    expect(changed.results[0]!.outcome).toBe("updated");
    const [row] = await revertAll(org.admin, changed.id);
    expect(row).toMatchObject({ ref: "u", outcome: "restored", before: { version: 1 } });
    const now = (await getRecord(org.admin, "customers", crmId)).body as {
      version: number;
      values: Record<string, unknown>;
    };
    expect(now.version).toBe(3);
    expect(now.values).toMatchObject({ name: "Acme a", city: "Lund" });
  });

  it("a record changed since the import is a conflict with both versions, and is left as it is", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a", { city: "Lund" })]);
    const crmId = made.results[0]!.crmId!;
    const update = (city: string) => ({
      ref: "u",
      crmId,
      values: { name: "Acme a", email: "a@acme.example", city },
    });
    const changed = await imported(org.admin, "customers", [update("Malmö")], { duplicateAction: "update" });
    await imported(org.admin, "customers", [update("Ystad")], { duplicateAction: "update" });
    const [row] = await revertAll(org.admin, changed.id);
    expect(row!.outcome).toBe("conflict");
    expect(row!.message).toBe(revertMessages.changedSince(3, 2));
    expect(row!.before).toMatchObject({ version: 1, values: { city: "Lund" } });
    expect(row!.current).toMatchObject({ version: 3, values: { city: "Ystad" } });
    const now = (await getRecord(org.admin, "customers", crmId)).body as { values: Record<string, unknown> };
    expect(now.values.city).toBe("Ystad");
    const detail = (await org.admin.get(`/api/v1/imports/${changed.id}`)).body as {
      revert: { counts: { conflict: number }; conflicts: RevertRowBody[] };
    };
    expect(detail.revert.counts.conflict).toBe(1);
    expect(detail.revert.conflicts[0]!.current!.values.city).toBe("Ystad");
  });

  it("a record created by the import and edited since is a conflict, not deleted", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a")]);
    const crmId = made.results[0]!.crmId!;
    await imported(
      org.admin,
      "customers",
      [{ ref: "u", crmId, values: { name: "Edited", email: "a@acme.example" } }],
      {
        duplicateAction: "update",
      },
    );
    const [row] = await revertAll(org.admin, made.id);
    expect(row).toMatchObject({ outcome: "conflict", message: revertMessages.changedSince(2, 1) });
    expect((await getRecord(org.admin, "customers", crmId)).status).toBe(200);
  });
});

describe("revert: references", () => {
  it("a customer referred to since by a contact or a site is a conflict, never a cascade delete", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a"), acme("b"), acme("c")]);
    const [a, b] = made.results;
    const contacts = await imported(org.admin, "contacts", [
      customer("p", { customer: a!.crmId, firstName: "Ann" }),
    ]);
    await imported(org.admin, "sites", [customer("s", { billingCustomer: b!.crmId, siteName: "Depot" })]);
    const rows = await revertAll(org.admin, made.id);
    expect(rows.map((r) => r.outcome)).toEqual(["conflict", "conflict", "deleted"]);
    expect(rows[0]!.message).toBe(revertMessages.referencedSince(1));
    expect((await getRecord(org.admin, "customers", a!.crmId!)).status).toBe(200);
    expect((await getRecord(org.admin, "contacts", contacts.results[0]!.crmId!)).status).toBe(200);
    // Once the contacts' import is reverted, a new revert deletes the customer.
    expect((await revertAll(org.admin, contacts.id)).map((r) => r.outcome)).toEqual(["deleted"]);
    const again = await revertAll(org.admin, made.id);
    expect(again.map((r) => r.outcome)).toEqual(["deleted", "conflict", "deleted"]);
  });

  it("a branch and its headquarters created by the same import are both deleted", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const [hq] = await sendRows(org.admin, id, [acme("hq", { customerNumber: "HQ1" })]);
    const branch = { multiLocation: "Yes", headquarters: "HQ1", locationName: "North", locationCode: "N1" };
    const [br] = await sendRows(org.admin, id, [acme("br", branch)]);
    expect([hq!.outcome, br!.outcome]).toEqual(["created", "created"]);
    expect((await org.admin.post(`/api/v1/imports/${id}/finish`)).status).toBe(200);
    const rows = await revertAll(org.admin, id);
    expect(rows.map((r) => [r.ref, r.outcome])).toEqual([
      ["br", "deleted"],
      ["hq", "deleted"],
    ]);
  });
});

describe("revert: the references table (migration 0015)", () => {
  /** What `record_references` holds for these records, as "record -> record (kind)", sorted. */
  async function referencesOf(db: typeof h.db, recordIds: readonly string[]) {
    const { rows } = await sql<{ record_id: string; target_id: string; kind: string }>`
      select record_id, target_id, kind from record_references where record_id = any(${[...recordIds]}::text[])`.execute(
      db,
    );
    return rows.map((r) => `${r.record_id} -> ${r.target_id} (${r.kind})`).sort();
  }

  it("follows contacts, sites, branches and equipment through create, update, revert and delete", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a"), acme("b"), acme("c")]);
    const [a, b, c] = made.results.map((r) => r.crmId!);
    const contacts = await imported(org.admin, "contacts", [
      customer("p", { customer: a, firstName: "Ann" }),
      customer("q", { customer: a, firstName: "Bo", email: "bo@acme.example" }),
    ]);
    const sites = await imported(org.admin, "sites", [
      customer("s", { billingCustomer: b, siteName: "Depot" }),
    ]);
    const branch = { multiLocation: "Yes", headquarters: c, locationName: "North", locationCode: "N1" };
    const branches = await imported(org.admin, "customers", [acme("br", branch)]);
    const [p, s, br] = [contacts, sites, branches].map((i) => i.results[0]!.crmId!);
    const equipment = await imported(org.admin, "equipment", [
      customer("e", { name: "Boiler", serialNumber: "SN-1", customer: b, site: s }),
    ]);
    expect(equipment.results[0]!.outcome).toBe("created");
    const q = contacts.results[1]!.crmId!;
    const e = equipment.results[0]!.crmId!;
    const all = [a!, b!, c!, p!, q, s!, br!, e];
    // A customer naming no headquarters has no row.
    expect(await referencesOf(h.db, all)).toEqual(
      [
        `${p} -> ${a} (customer)`,
        `${q} -> ${a} (customer)`,
        `${s} -> ${b} (billingCustomer)`,
        `${br} -> ${c} (headquarters)`,
        `${e} -> ${b} (customer)`,
        `${e} -> ${s} (site)`,
      ].sort(),
    );

    // The contact moves to another customer: its row follows, and its before-image is the stored row.
    const moved = await imported(
      org.admin,
      "contacts",
      [{ ref: "u", crmId: p, values: { customer: b, firstName: "Ann" } }],
      { duplicateAction: "update" },
    );
    expect(moved.results[0]!.outcome).toBe("updated");
    expect(await referencesOf(h.db, [p!])).toEqual([`${p} -> ${b} (customer)`]);
    const referrers = await referrersOf(h.db, org.id, "customers", [a!, b!, c!]);
    expect(referrers.get(a!)).toEqual([q]);
    expect([...referrers.get(b!)!].sort()).toEqual([p!, s!, e].sort());
    expect(referrers.get(c!)).toEqual([br]);
    expect((await referrersOf(h.db, org.id, "sites", [s!])).get(s!)).toEqual([e]);
    const { rows: images } = await sql<{
      version: number;
      values: Record<string, unknown>;
      after_version: number;
    }>`
      select version, values, after_version from import_before_images where import_id = ${moved.id}`.execute(
      h.db,
    );
    expect(images).toEqual([{ version: 1, values: { customer: a, firstName: "Ann" }, after_version: 2 }]);

    // Reverting the update restores the contact's customer, and its row with it.
    expect((await revertAll(org.admin, moved.id)).map((r) => r.outcome)).toEqual(["restored"]);
    expect(await referencesOf(h.db, [p!])).toEqual([`${p} -> ${a} (customer)`]);

    // The branch's headquarters erased, named again, erased again by a write of the records (the
    // repository's, as opening balances and reverts write), with and without the stored values.
    for (const [headquarters, stored] of [
      [null, true],
      [c!, false],
      [null, false],
    ] as const) {
      const [now] = await findRecordsByIds(h.db, org.id, "customers", [br!]);
      await updateRecords(h.db, org.id, "customers", [
        {
          id: br!,
          version: now!.version + 1,
          values: { ...now!.values, headquarters },
          ...(stored ? { stored: now!.values } : {}),
        },
      ]);
      expect(await referencesOf(h.db, [br!])).toEqual(headquarters ? [`${br} -> ${c} (headquarters)`] : []);
    }

    // Reverting the creates deletes the records they still are and their rows (the contact changed
    // since is a conflict); a revert of the customers then finds what still refers to them.
    const rows = [];
    for (const i of [contacts, equipment, sites]) rows.push(...(await revertAll(org.admin, i.id)));
    expect(rows.map((r) => [r.ref, r.outcome])).toEqual([
      ["p", "conflict"],
      ["q", "deleted"],
      ["e", "deleted"],
      ["s", "deleted"],
    ]);
    expect(await referencesOf(h.db, all)).toEqual([`${p} -> ${a} (customer)`]);
    expect((await revertAll(org.admin, made.id)).map((r) => r.outcome)).toEqual([
      "conflict",
      "deleted",
      "deleted",
    ]);
  });

  it("is filled from the records stored before it, and the expression indexes on values are gone", async () => {
    const t = await openTestDatabase({ migrate: false });
    try {
      await migrateTo(t.db, "0014_import_mail");
      await sql`insert into organisations (id, name) values ('org_m15', 'Before 0015')`.execute(t.db);
      const rows = [
        ["cus_1", "customers", { name: "One" }],
        ["cus_2", "customers", { name: "Two", headquarters: "cus_1" }],
        ["con_1", "contacts", { customer: "cus_1", firstName: "Ann" }],
        ["con_2", "contacts", { customer: "", firstName: "Blank" }],
        ["sit_1", "sites", { billingCustomer: "cus_2", siteName: "Depot" }],
        ["equ_1", "equipment", { name: "Boiler", customer: "cus_2", site: "sit_1" }],
        ["equ_2", "equipment", { name: "Pump", customer: "cus_1" }],
      ] as const;
      for (const [id, sheet, values] of rows)
        await sql`insert into records (id, org_id, sheet, version, values)
          values (${id}, 'org_m15', ${sheet}, 1, ${JSON.stringify(values)}::jsonb)`.execute(t.db);
      await migrateToLatest(t.db);
      expect(
        await referencesOf(
          t.db,
          rows.map((r) => r[0]),
        ),
      ).toEqual([
        "con_1 -> cus_1 (customer)",
        "cus_2 -> cus_1 (headquarters)",
        "equ_1 -> cus_2 (customer)",
        "equ_1 -> sit_1 (site)",
        "equ_2 -> cus_1 (customer)",
        "sit_1 -> cus_2 (billingCustomer)",
      ]);
      const { rows: indexes } = await sql<{ indexname: string }>`
        select indexname from pg_indexes where tablename = 'records' and indexdef like '%values%'`.execute(
        t.db,
      );
      expect(indexes).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe("revert: opening balances", () => {
  const withBalance = (ref: string, date: string) =>
    acme(ref, { openingBalance: 250, openingBalanceDate: date });

  it("deletes a created customer's opening-balance entry and payment with it", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [withBalance("a", "2026-03-01")]);
    const crmId = made.results[0]!.crmId!;
    expect(await entriesOf(crmId)).toHaveLength(1);
    const [row] = await revertAll(org.admin, made.id);
    expect(row!.outcome).toBe("deleted");
    expect(await entriesOf(crmId)).toEqual([]);
    const { rows } = await sql`select 1 from payments where customer_id = ${crmId}`.execute(h.db);
    expect(rows).toEqual([]);
  });

  it("in a period closed since, books a counter-entry, never rewrites the entry, and keeps the customer", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [withBalance("a", "2026-03-01")]);
    const crmId = made.results[0]!.crmId!;
    expect((await org.admin.put("/api/v1/closed-period", { through: "2026-06-30" })).status).toBe(200);
    const [row] = await revertAll(org.admin, made.id);
    expect(row).toMatchObject({ outcome: "reversed", message: revertMessages.closedPeriod("2026-06-30") });
    const entries = await entriesOf(crmId);
    expect(entries.map((e) => [e.memo, e.entry_date])).toEqual([
      ["Opening balance", "2026-03-01"],
      [revertMessages.counterEntryMemo, expect.any(String)],
    ]);
    expect(entries[1]!.entry_date > "2026-06-30").toBe(true);
    const ledger = (await org.admin.get(`/api/v1/customers/${crmId}/ledger`)).body as {
      items: { lines: { debit: number; credit: number }[]; payment: { amount: number } | null }[];
    };
    const net = ledger.items.flatMap((e) => e.lines).reduce((s, l) => s + l.debit - l.credit, 0);
    expect(net).toBe(0);
    expect(ledger.items.map((e) => e.payment?.amount)).toEqual([250, -250]);
    const now = (await getRecord(org.admin, "customers", crmId)).body as { values: Record<string, unknown> };
    expect(now.values.openingBalance).toBeUndefined();
  });

  it("restoring an update books the balance it replaced again", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [withBalance("a", "2026-03-01")]);
    const crmId = made.results[0]!.crmId!;
    const changed = await imported(
      org.admin,
      "customers",
      [
        {
          ref: "u",
          crmId,
          values: {
            name: "Acme a",
            email: "a@acme.example",
            openingBalance: 900,
            openingBalanceDate: "2026-04-01",
          },
        },
      ],
      { duplicateAction: "update" },
    );
    expect(changed.results[0]!.outcome).toBe("updated");
    expect((await revertAll(org.admin, changed.id))[0]!.outcome).toBe("restored");
    const ledger = (await org.admin.get(`/api/v1/customers/${crmId}/ledger`)).body as {
      items: { date: string; payment: { amount: number } | null }[];
    };
    expect(ledger.items.map((e) => [e.date, e.payment?.amount])).toEqual([["2026-03-01", 250]]);
  });
});

describe("revert: dry run, keys and concurrency", () => {
  it("a dry run answers what each row would do and writes nothing", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a"), acme("b")]);
    const rows = await revertAll(org.admin, made.id, { dryRun: true });
    expect(rows.map((r) => r.outcome)).toEqual(["deleted", "deleted"]);
    for (const r of made.results)
      expect((await getRecord(org.admin, "customers", r.crmId!)).status).toBe(200);
    const detail = (await org.admin.get(`/api/v1/imports/${made.id}`)).body as { revert: unknown };
    expect(detail.revert).toBeNull();
    // A dry run needs no key.
    expect((await revertCall(org.admin, made.id, { dryRun: true }, null)).status).toBe(200);
  });

  it("a dry run of restores, conflicts and a closed period writes nothing, and the revert then does what it said", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [
      acme("a", { openingBalance: 40, openingBalanceDate: "2026-03-01" }),
      acme("b"),
      acme("c", { city: "Lund" }),
    ]);
    const c = made.results[2]!.crmId!;
    const edit = await imported(
      org.admin,
      "customers",
      [{ ref: "u", crmId: c, values: { name: "Acme c", email: "c@acme.example", city: "Malmö" } }],
      { duplicateAction: "update" },
    );
    await org.admin.put("/api/v1/closed-period", { through: "2026-06-30" });
    const countRows = async () =>
      (await sql`select 1 from import_revert_rows where import_id in (${made.id}, ${edit.id})`.execute(h.db))
        .rows.length;

    const dryMade = await revertAll(org.admin, made.id, { dryRun: true });
    const dryEdit = await revertAll(org.admin, edit.id, { dryRun: true });
    expect(dryMade.map((r) => r.outcome)).toEqual(["reversed", "deleted", "conflict"]);
    expect(dryEdit.map((r) => r.outcome)).toEqual(["restored"]);
    expect(dryEdit[0]!.before).toMatchObject({ version: 1, values: { city: "Lund" } });
    // Nothing written: no counter-entry, every record as it was, no outcome stored, no revert shown.
    expect(await entriesOf(made.results[0]!.crmId!)).toHaveLength(1);
    for (const r of made.results)
      expect((await getRecord(org.admin, "customers", r.crmId!)).status).toBe(200);
    const now = (await getRecord(org.admin, "customers", c)).body as {
      version: number;
      values: { city: string };
    };
    expect([now.version, now.values.city]).toEqual([2, "Malmö"]);
    expect(await countRows()).toBe(0);
    expect(
      ((await org.admin.get(`/api/v1/imports/${edit.id}`)).body as { revert: unknown }).revert,
    ).toBeNull();

    // The reverts do what the dry runs said (c stays a conflict: its restore moved its version again).
    expect((await revertAll(org.admin, edit.id)).map((r) => r.outcome)).toEqual(["restored"]);
    expect((await revertAll(org.admin, made.id)).map((r) => r.outcome)).toEqual([
      "reversed",
      "deleted",
      "conflict",
    ]);
  });

  it("a replayed key answers the first answer and deletes nothing twice; another body under it is refused", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [acme("a"), acme("b")]);
    const k = key();
    const first = await revertCall(org.admin, made.id, {}, k);
    const replay = await revertCall(org.admin, made.id, {}, k);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect((await revertCall(org.admin, made.id, { limit: 1 }, k)).status).toBe(422);
    // Resent under a new key (the first answer was lost): the stored outcomes, nothing done again.
    const resent = await revertCall(org.admin, made.id, {});
    expect(resent.body).toEqual(first.body);
    const { rows } = await sql`select 1 from import_revert_rows where import_id = ${made.id}`.execute(h.db);
    expect(rows).toHaveLength(2);
    const log = (await org.admin.get("/api/v1/logs?kind=activity")).body as { items: { subject: string }[] };
    expect(log.items.filter((i) => i.subject === "import.reverted")).toHaveLength(2);
    expect((await revertCall(org.admin, made.id, {}, null)).status).toBe(400);
  });

  it("two reverts at once: each row is taken back once, both answers agree", async () => {
    const org = await h.org();
    const made = await imported(org.admin, "customers", [
      acme("a", { openingBalance: 5, openingBalanceDate: "2026-03-01" }),
      acme("b"),
      acme("c"),
    ]);
    await org.admin.put("/api/v1/closed-period", { through: "2026-06-30" });
    const [x, y] = await Promise.all([
      revertCall(org.admin, made.id, {}),
      revertCall(org.admin, made.id, {}),
    ]);
    expect(x.status).toBe(200);
    expect(y.body).toEqual(x.body);
    expect((x.body as RevertBody).results.map((r) => r.outcome)).toEqual(["reversed", "deleted", "deleted"]);
    // One counter-entry, not two.
    expect(await entriesOf(made.results[0]!.crmId!)).toHaveLength(2);
  });
});

describe("revert: who may", () => {
  it("an importer reverts their own import within the window; not another's, not after it", async () => {
    const org = await h.org();
    const importer = await org.as("importer");
    const other = await org.as("importer");
    const viewer = await org.as("viewer");
    const made = await imported(importer, "customers", [acme("a")]);
    expect((await revertCall(viewer, made.id, { dryRun: true })).status).toBe(403);
    const refused = await revertCall(other, made.id, {});
    expect(refused.status).toBe(403);
    expect((refused.body as { error: { message: string } }).error.message).toBe(revertMessages.notYours);
    // A dry run only reads: any importer may see what a revert would do.
    expect((await revertCall(other, made.id, { dryRun: true })).status).toBe(200);
    expect((await org.admin.put("/api/v1/revert-window", { days: 0 })).status).toBe(200);
    const late = await revertCall(importer, made.id, {});
    expect(late.status).toBe(403);
    expect((late.body as { error: { message: string } }).error.message).toBe(revertMessages.windowPassed(0));
    expect((await importer.put("/api/v1/revert-window", { days: 7 })).status).toBe(403);
    await org.admin.put("/api/v1/revert-window", { days: 7 });
    const own = await revertCall(importer, made.id, {});
    expect((own.body as RevertBody).results.map((r) => r.outcome)).toEqual(["deleted"]);
    expect((await getRecord(org.admin, "customers", made.results[0]!.crmId!)).status).toBe(404);
  });

  it("an open import or a dry-run import is not reverted", async () => {
    const org = await h.org();
    const open = await openImport(org.admin, { sheet: "customers" });
    await sendRows(org.admin, open, [acme("a")]);
    expect((await revertCall(org.admin, open, {})).status).toBe(409);
    const dry = await imported(org.admin, "customers", [acme("b")], { dryRun: true });
    expect((await revertCall(org.admin, dry.id, {})).status).toBe(409);
  });
});
