/**
 * Match tokens are indexed by hash (migration 0007): records written before it stay findable, a
 * record reached only through a hash collision is never matched, and the hash never changes.
 */
import { sql, type RawBuilder } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase } from "../../src/server/db/connect";
import { migrateTo, migrateToLatest } from "../../src/server/db/migrate";
import { keyHash } from "../../src/server/repositories/key-hash";
import { storedRowsLookup } from "../../src/server/repositories/imports";
import {
  findRecordsByTokens,
  insertRecords,
  recordsByIdLookup,
  tokenLookup,
} from "../../src/server/repositories/records";
import { createOrganisation } from "../../src/server/services/provision";
import { customer, importRows, openImport, sendRows, startHarness, type Harness } from "./harness";

describe("keyHash", () => {
  it("is stable: stored hashes must still find their records after an upgrade", () => {
    // Pinned: a change here needs a migration that rebuilds match_index.
    expect(keyHash("org_1", "customers", "email\u001fa@b.se")).toBe(PINNED);
    expect(keyHash("org_1", "customers", "")).not.toBe(keyHash("org_1", "customer", "s"));
    expect(keyHash("org_2", "customers", "email\u001fa@b.se")).not.toBe(PINNED);
    expect(Number.isSafeInteger(PINNED)).toBe(true);
  });

  it("spreads 100,000 tokens with no collision", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(keyHash("org_1", "customers", `email\u001fc${i}@example.com`));
    expect(seen.size).toBe(100_000);
  });
});

/** The hash of ("org_1", "customers", "email\u001fa@b.se") as first stored. */
const PINNED = 1139380205515738;

describe("migration 0007 over records written before it", () => {
  const dbs: { destroy(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.destroy();
  });

  it("indexes every stored token, so earlier records are still matched", async () => {
    const db = await connectDatabase({ dataDir: "memory://" });
    dbs.push(db);
    await migrateTo(db, "0006_lean_import_writes");
    const { org } = await createOrganisation(db, "Before 0007");
    for (const [id, email] of [
      ["cus_old1", "old1@example.com"],
      ["cus_old2", "old2@example.com"],
    ] as const) {
      const tokens = [`email\u001f${email}`, `name\u001f${id}`];
      await sql`insert into records (id, org_id, sheet, version, values, match_tokens)
        values (${id}, ${org.id}, 'customers', 1, ${JSON.stringify({ name: id, email })}::jsonb, ${tokens}::text[])`.execute(
        db,
      );
      await sql`insert into record_keys (org_id, sheet, token, record_id)
        select ${org.id}, 'customers', t, ${id} from unnest(${tokens}::text[]) as t`.execute(db);
    }
    await migrateToLatest(db);
    const found = await findRecordsByTokens(db, org.id, "customers", ["email\u001fold2@example.com"]);
    expect(found.map((r) => r.id)).toEqual(["cus_old2"]);
    const tables = await sql<{ n: string }>`select count(*) as n from match_index`.execute(db);
    expect(Number(tables.rows[0]!.n)).toBe(4);
  });
});

describe("the batch's match lookup", () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it("probes its indexes once per token, id or ref with plain index scans, on the engine under test", async () => {
    h = await startHarness();
    const org = await h.org();
    const tokens = Array.from({ length: 50 }, (_, i) => `email\u001fc${i}@example.com`);
    await insertRecords(
      h.db,
      org.id,
      "customers",
      tokens.map((t, i) => ({ id: `cus_plan${i}`, version: 1, values: { name: `C${i}` }, tokens: [t] })),
    );
    const planOf = async (query: RawBuilder<unknown>) =>
      (await sql<Record<string, string>>`explain ${query}`.execute(h.db)).rows
        .map((r) => Object.values(r).join(""))
        .join("\n");
    const ids = tokens.map((_, i) => `cus_plan${i}`);
    const plans = {
      tokens: await planOf(tokenLookup(org.id, "customers", tokens)),
      ids: await planOf(recordsByIdLookup(org.id, "customers", ids)),
      refs: await planOf(storedRowsLookup("imp_plan", ids)),
    };
    expect(plans.tokens).toMatch(/Index Scan using match_index_hash/);
    expect(plans.ids).toMatch(/Index Scan using records_(pkey|page)/);
    expect(plans.refs).toMatch(/Index Scan using import_rows_pkey/);
    // A bitmap heap scan asks the table's size at every rescan (an fstat per probe on PGlite); a
    // sequential scan reads the whole table for every batch.
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Bitmap|Seq Scan/);
  });
});

describe("index entries per record", () => {
  let h: Harness;
  afterAll(async () => h?.close());

  const entriesOf = async (id: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from match_index where record_id = ${id}`.execute(h.db))
        .rows[0]!.n,
    );

  it("a composite key that holds an offered single field is found through that field's entries", async () => {
    h = await startHarness();
    const org = await h.org();
    const [c] = await importRows(org.admin, "customers", [
      customer("c", {
        name: "Nord AB",
        customerNumber: "N-1",
        email: "nord@example.com",
        phone: "+46812345678",
        postalCode: "22100",
      }),
    ]);
    // E-mail, phone, customer number, name: name + postal code is looked up through name.
    expect(await entriesOf(c!.crmId!)).toBe(4);
    const [contact] = await importRows(org.admin, "contacts", [
      customer("p", { customer: c!.crmId, firstName: "Ana", lastName: "Berg", email: "ana@example.com" }),
    ]);
    // E-mail and customer + first + last name: customer + e-mail is looked up through e-mail.
    expect(await entriesOf(contact!.crmId!)).toBe(2);

    const again = await importRows(
      org.admin,
      "customers",
      [
        customer("same", { name: "NORD AB", postalCode: "22100", email: "other@example.com" }),
        customer("elsewhere", { name: "Nord AB", postalCode: "99999", email: "x@example.com" }),
      ],
      { matchKeys: [["name", "postalCode"]], duplicateAction: "update" },
    );
    expect(again.map((r) => [r.outcome, r.crmId === c!.crmId])).toEqual([
      ["updated", true],
      ["created", false],
    ]);
    const contacts = await importRows(org.admin, "contacts", [
      customer("p2", { customer: "N-1", firstName: "Ana", email: "ANA@example.com" }),
    ]);
    expect(contacts[0]).toMatchObject({ outcome: "skipped", crmId: contact!.crmId });
  });
});

describe("a hash collision", () => {
  let h: Harness;
  afterAll(async () => h?.close());

  it("never makes a row match a record whose values do not give the token", async () => {
    h = await startHarness();
    const org = await h.org();
    // A stored record indexed under the new row's e-mail token, as a colliding hash would be.
    await insertRecords(h.db, org.id, "customers", [
      {
        id: "cus_collider",
        version: 1,
        values: { name: "Other AB", email: "other@example.com" },
        tokens: ["email\u001fnew@example.com"],
      },
    ]);
    const id = await openImport(org.admin, { sheet: "customers" });
    const [result] = await sendRows(org.admin, id, [
      customer("Customers!3", { name: "New AB", email: "new@example.com" }),
    ]);
    expect(result).toMatchObject({ outcome: "created" });
    expect(result!.crmId).not.toBe("cus_collider");
  });
});
