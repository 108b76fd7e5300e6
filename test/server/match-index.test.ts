/**
 * Match tokens are indexed by hash: built-in keys in the records' match columns (migration 0008),
 * custom fields' keys in `match_index` (0007). Records written before either stay findable, a record
 * reached only through a hash collision is never matched, and the hash never changes.
 */
import { sql, type RawBuilder } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { connectDatabase } from "../../src/server/db/connect";
import { migrateTo, migrateToLatest } from "../../src/server/db/migrate";
import { keyHash } from "../../src/server/repositories/key-hash";
import { storedRowsLookup } from "../../src/server/repositories/import-rows";
import {
  MATCH_COLUMNS,
  findRecordsByTokens,
  insertRecords,
  recordsByIdLookup,
  tokenLookup,
} from "../../src/server/repositories/records";
import { keyName, storedKeys } from "../../src/server/services/record-values";
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

const migrated: { destroy(): Promise<void> }[] = [];
afterAll(async () => {
  for (const db of migrated) await db.destroy();
});

/** One app for the tests through the API, started by the first that needs it; each test has its own organisation. */
let shared: Harness | undefined;
const harness = async (): Promise<Harness> => (shared ??= await startHarness());
afterAll(async () => shared?.close());

/** A new embedded database brought to `migration`, closed after the file's tests. */
async function databaseAt(migration: Parameters<typeof migrateTo>[1]) {
  const db = await connectDatabase({ dataDir: "memory://" });
  migrated.push(db);
  await migrateTo(db, migration);
  return db;
}

/**
 * An organisation as an old schema holds it: written by hand, because today's createOrganisation
 * also makes a token with columns (its expiry, migration 0010) that the old schema does not have.
 */
async function organisationBefore(db: Awaited<ReturnType<typeof databaseAt>>, name: string) {
  const org = { id: `org_${name.replace(/\W+/g, "_").toLowerCase()}` };
  await sql`insert into organisations (id, name) values (${org.id}, ${name})`.execute(db);
  return org;
}

describe("migration 0007 over records written before it", () => {
  it("indexes every stored token, so earlier records are still matched", async () => {
    const db = await databaseAt("0006_lean_import_writes");
    const org = await organisationBefore(db, "Before 0007");
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
  });
});

describe("migration 0008 over records written before it", () => {
  it("moves built-in keys into the match columns and keeps custom fields' keys in match_index", async () => {
    const db = await databaseAt("0007_match_index");
    const org = await organisationBefore(db, "Before 0008");
    await sql`insert into custom_fields (org_id, sheet, key, definition)
      values (${org.id}, 'customers', 'cf_vat', ${JSON.stringify({ key: "cf_vat", label: "VAT", kind: "text" })}::jsonb)`.execute(
      db,
    );
    const values = { name: "Old AB", email: "old@example.com", postalCode: "11122", cf_vat: "SE1" };
    await sql`insert into records (id, org_id, sheet, version, values)
      values ('cus_old', ${org.id}, 'customers', 1, ${JSON.stringify(values)}::jsonb)`.execute(db);
    // As 0007 and the code before 0008 indexed it: every offered key, name + postal code included.
    const before = ["email\u001fold@example.com", "name\u001fold ab", "name+postalCode\u001fold ab|11122"];
    await sql`insert into match_index (key_hash, record_id)
      select x, 'cus_old' from unnest(${before.map((t) => String(keyHash(org.id, "customers", t)))}::bigint[]) as x`.execute(
      db,
    );
    await migrateToLatest(db);
    for (const token of ["email\u001fold@example.com", "cf_vat\u001fse1"]) {
      const found = await findRecordsByTokens(db, org.id, "customers", [token]);
      expect(
        found.map((r) => r.id),
        token,
      ).toEqual(["cus_old"]);
    }
    const row = await sql<Record<string, string | null>>`
      select match_1::text, match_2::text, match_3::text, match_4::text from records where id = 'cus_old'`.execute(
      db,
    );
    expect(row.rows[0]).toEqual({
      match_1: String(keyHash(org.id, "customers", "email\u001fold@example.com")),
      match_2: null,
      match_3: null,
      match_4: String(keyHash(org.id, "customers", "name\u001fold ab")),
    });
    const index = await sql<{ key_hash: string }>`select key_hash::text from match_index`.execute(db);
    expect(index.rows.map((r) => r.key_hash)).toEqual([
      String(keyHash(org.id, "customers", "cf_vat\u001fse1")),
    ]);
  });
});

describe("the match columns", () => {
  it("are each sheet's stored built-in keys, in a fixed order", () => {
    for (const sheet of ["customers", "contacts", "sites"] as const)
      expect(MATCH_COLUMNS[sheet]).toEqual(storedKeys(sheet, []).map(keyName));
  });
});

describe("the batch's match lookup", () => {
  it("probes its indexes once per token, id or ref with plain index scans, on the engine under test", async () => {
    const h = await harness();
    const org = await h.org();
    const tokens = Array.from({ length: 50 }, (_, i) => `email\u001fc${i}@example.com`);
    await insertRecords(
      h.db,
      org.id,
      "customers",
      tokens.map((t, i) => ({
        id: `cus_plan${i}`,
        version: 1,
        values: { name: `C${i}` },
        tokens: [t, `cf_size\u001f${i}`],
      })),
    );
    const planOf = async (query: RawBuilder<unknown>) =>
      (await sql<Record<string, string>>`explain ${query}`.execute(h.db)).rows
        .map((r) => Object.values(r).join(""))
        .join("\n");
    const ids = tokens.map((_, i) => `cus_plan${i}`);
    const plans = {
      tokens: await planOf(tokenLookup(org.id, "customers", [...tokens, "cf_size\u001f1"])),
      ids: await planOf(recordsByIdLookup(org.id, "customers", ids)),
      refs: await planOf(storedRowsLookup("imp_plan", ids)),
    };
    expect(plans.tokens).toMatch(/Index Scan using records_match_1/);
    expect(plans.tokens).toMatch(/Index Scan using match_index_hash/);
    expect(plans.ids).toMatch(/Index Scan using records_(pkey|page)/);
    expect(plans.refs).toMatch(/Index Scan using import_rows_pkey/);
    // A bitmap heap scan asks the table's size at every rescan (an fstat per probe on PGlite); a
    // sequential scan reads the whole table for every batch.
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Bitmap|Seq Scan/);
  });
});

describe("index entries per record", () => {
  /** The record's index entries: its match columns that are set, and its `match_index` rows. */
  const entriesOf = async (id: string) => {
    const { rows } = await sql<{ columns: number; rows: string }>`
      select (match_1 is not null)::int + (match_2 is not null)::int + (match_3 is not null)::int
        + (match_4 is not null)::int as columns,
        (select count(*) from match_index where record_id = ${id}) as rows
      from records where id = ${id}`.execute((await harness()).db);
    return { columns: Number(rows[0]!.columns), rows: Number(rows[0]!.rows) };
  };

  it("a composite key that holds an offered single field is found through that field's entries", async () => {
    const h = await harness();
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
    expect(await entriesOf(c!.crmId!)).toEqual({ columns: 4, rows: 0 });
    const [contact] = await importRows(org.admin, "contacts", [
      customer("p", { customer: c!.crmId, firstName: "Ana", lastName: "Berg", email: "ana@example.com" }),
    ]);
    // E-mail and customer + first + last name: customer + e-mail is looked up through e-mail.
    expect(await entriesOf(contact!.crmId!)).toEqual({ columns: 2, rows: 0 });

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

    // A custom field's key has no column: its entry is a match_index row.
    const created = await org.admin.post("/api/v1/custom-fields", {
      sheet: "customers",
      key: "cf_vat",
      label: "VAT",
      kind: "text",
    });
    expect(created.status).toBe(201);
    const [vat] = await importRows(org.admin, "customers", [
      customer("v", { name: "Vat AB", email: "vat@example.com", cf_vat: "SE9" }),
    ]);
    expect(vat).toMatchObject({ outcome: "created", errors: [] });
    expect(await entriesOf(vat!.crmId!)).toEqual({ columns: 2, rows: 1 });
    const byVat = await importRows(
      org.admin,
      "customers",
      [customer("v2", { name: "Other AB", email: "v2@example.com", cf_vat: "SE9" })],
      {
        matchKeys: [["cf_vat"]],
        duplicateAction: "skip",
      },
    );
    expect(byVat[0]).toMatchObject({ outcome: "skipped", crmId: vat!.crmId });
  });
});

describe("an update that changes match values", () => {
  it("is found by its new values only, in its columns and in match_index", async () => {
    const h = await harness();
    const org = await h.org();
    const created = await org.admin.post("/api/v1/custom-fields", {
      sheet: "customers",
      key: "cf_vat",
      label: "VAT",
      kind: "text",
    });
    expect(created.status).toBe(201);
    const [c] = await importRows(org.admin, "customers", [
      customer("c", { name: "Moved AB", email: "old@example.com", cf_vat: "OLD1" }),
    ]);
    const [moved] = await importRows(
      org.admin,
      "customers",
      [{ ref: "u", crmId: c!.crmId!, values: { email: "new@example.com", cf_vat: "NEW1" } }],
      { duplicateAction: "update" },
    );
    expect(moved).toMatchObject({ outcome: "updated", crmId: c!.crmId });
    const probe = (ref: string, values: Record<string, string>, matchKeys: string[][]) =>
      importRows(org.admin, "customers", [customer(ref, { name: `Probe ${ref}`, ...values })], {
        matchKeys,
        duplicateAction: "skip",
      });
    const [byNewEmail] = await probe("p1", { email: "new@example.com" }, [["email"]]);
    const [byNewVat] = await probe("p2", { email: "p2@example.com", cf_vat: "NEW1" }, [["cf_vat"]]);
    const [byOldEmail] = await probe("p3", { email: "old@example.com" }, [["email"]]);
    const [byOldVat] = await probe("p4", { email: "p4@example.com", cf_vat: "OLD1" }, [["cf_vat"]]);
    expect([byNewEmail, byNewVat].map((r) => [r!.outcome, r!.crmId])).toEqual([
      ["skipped", c!.crmId],
      ["skipped", c!.crmId],
    ]);
    expect([byOldEmail!.outcome, byOldVat!.outcome]).toEqual(["created", "created"]);
  });
});

describe("a match key that holds a reference", () => {
  it("matches on the resolved CRM ID, however the sheet names the customer", async () => {
    const h = await harness();
    const org = await h.org();
    const [hotel] = await importRows(org.admin, "customers", [
      customer("c", { name: "Hotel AB", customerNumber: "H-1", email: "hotel@example.com" }),
    ]);
    const [site] = await importRows(org.admin, "sites", [
      customer("s1", { billingCustomer: "H-1", siteName: "Annex" }),
    ]);
    expect(site).toMatchObject({ outcome: "created" });
    // Sites match on billing customer + site name: the reference is resolved before the lookup.
    for (const billingCustomer of ["Hotel AB", "h-1", hotel!.crmId!]) {
      const [again] = await importRows(org.admin, "sites", [
        customer(`again-${billingCustomer}`, { billingCustomer, siteName: "annex" }),
      ]);
      expect([billingCustomer, again!.outcome, again!.crmId]).toEqual([
        billingCustomer,
        "skipped",
        site!.crmId,
      ]);
    }
  });
});

describe("a hash collision", () => {
  it("never makes a row match a record whose values do not give the token", async () => {
    const h = await harness();
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
