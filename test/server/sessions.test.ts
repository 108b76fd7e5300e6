/**
 * Concurrent transactions on one database (on PGlite, one session shared by the whole server): each
 * commits or rolls back on its own, and writers of one sheet wait for each other.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase } from "../../src/server/db/connect";
import { lockSheet } from "../../src/server/repositories/records";
import { openTestDatabase, type TestDatabase } from "./harness";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
  await sql`create table session_probe (id text primary key, writer text not null)`.execute(t.db);
});
afterAll(async () => t.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("concurrent transactions", () => {
  it("a rollback undoes only its own transaction's writes", async () => {
    const kept = t.db.transaction().execute(async (trx) => {
      await sql`insert into session_probe values ('a1', 'kept')`.execute(trx);
      await pause(30);
      await sql`insert into session_probe values ('a2', 'kept')`.execute(trx);
    });
    const undone = t.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into session_probe values ('b1', 'undone')`.execute(trx);
        await pause(10);
        throw new Error("this batch fails");
      })
      .catch((e: unknown) => (e as Error).message);
    expect(await undone).toBe("this batch fails");
    await kept;
    const rows = await sql<{ id: string }>`select id from session_probe order by id`.execute(t.db);
    expect(rows.rows.map((r) => r.id)).toEqual(["a1", "a2"]);
  });

  it("a transaction whose first statement fails writes nothing and leaves the session usable", async () => {
    // On PGlite, BEGIN travels with the first statement.
    const failed = await t.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into session_probe values ('c1', 'failed'), ('c1', 'failed')`.execute(trx);
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: "23505" });
    await t.db.transaction().execute(async () => undefined); // no statement: nothing to send
    await t.db.transaction().execute(async (trx) => {
      await sql`insert into session_probe values ('c2', 'kept')`.execute(trx);
      await sql`insert into session_probe values ('c3', 'kept')`.execute(trx);
    });
    const rows = await sql<{
      id: string;
    }>`select id from session_probe where id like 'c%' order by id`.execute(t.db);
    expect(rows.rows.map((r) => r.id)).toEqual(["c2", "c3"]);
    // Outside a transaction again: a failing statement does not take the next one with it.
    await expect(sql`select * from no_such_table`.execute(t.db)).rejects.toMatchObject({ code: "42P01" });
    expect((await sql<{ n: number }>`select 1 as n`.execute(t.db)).rows[0]!.n).toBe(1);
  });

  it("a second writer of the same sheet waits for the first to commit", async () => {
    const order: string[] = [];
    const first = t.db.transaction().execute(async (trx) => {
      await lockSheet(trx, "org_probe", "customers");
      order.push("first locked");
      await pause(40);
      order.push("first done");
    });
    await pause(5);
    const second = t.db.transaction().execute(async (trx) => {
      await lockSheet(trx, "org_probe", "customers");
      order.push("second locked");
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["first locked", "first done", "second locked"]);
  });
});

describe("the embedded database", () => {
  it("runs in its own thread with PGlite's defaults and the settings chosen for it", async () => {
    const db = await connectDatabase({ dataDir: "memory://" });
    try {
      const show = async (name: string) =>
        (await sql<{ setting: string }>`select setting from pg_settings where name = ${name}`.execute(db))
          .rows[0]?.setting;
      expect(await show("fsync")).toBe("off"); // PGlite's own default
      expect(await show("full_page_writes")).toBe("off");
      expect(await show("wal_level")).toBe("minimal");
      expect(await show("synchronous_commit")).toBe("on");
      const error = await sql`select * from no_such_table`.execute(db).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "42P01" }); // PostgreSQL's fields survive the thread hop
    } finally {
      await db.destroy();
    }
  });
});
