/**
 * A batch may be let in with the principal, import and schema this instance read a few seconds ago
 * (`recent-reads.ts`), so that on PGlite its checks run while another batch's transaction holds the
 * database. Its transaction checks the token, its role and the import again: a change made through
 * another instance stops the batch before it writes anything; one made through this instance is
 * seen at once.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { newToken } from "../../src/server/ids";
import { RecentCache } from "../../src/server/recent-reads";
import { insertToken, insertUser } from "../../src/server/repositories/organisations";
import { client, customer, key, openImport, startHarness, type Harness } from "./harness";

describe("a batch let in with what this instance read recently", () => {
  let h: Harness;
  afterAll(async () => h?.close());

  /** An importer's client, an open import it has sent one batch to, and a way to count records. */
  async function arrange() {
    h ??= await startHarness();
    const org = await h.org();
    const user = await insertUser(h.db, org.id, { name: "Ida", email: "ida@example.com", role: "importer" });
    const { token } = newToken();
    const tokenId = await insertToken(h.db, user, token);
    const importer = client(h.app, token);
    const id = await openImport(importer, { sheet: "customers" });
    const send = (ref: string) =>
      importer.post(
        `/api/v1/imports/${id}/rows`,
        { rows: [customer(ref, { name: `Customer ${ref}`, email: `${ref}@example.com` })] },
        { "idempotency-key": key() },
      );
    expect((await send("first")).status).toBe(200);
    const count = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from records where org_id = ${org.id}`.execute(h.db))
          .rows[0]!.n,
      );
    return { org, user, tokenId, token, id, send, count };
  }

  const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;

  it("a token revoked through another instance: 401, nothing written", async () => {
    const a = await arrange();
    await sql`delete from api_tokens where id = ${a.tokenId}`.execute(h.db);
    const res = await a.send("second");
    expect([res.status, errorOf(res.body).code]).toEqual([401, "unauthenticated"]);
    expect(await a.count()).toBe(1);
  });

  it("a role lowered to viewer through another instance: 403, nothing written", async () => {
    const a = await arrange();
    await sql`update users set role = 'viewer' where id = ${a.user.id}`.execute(h.db);
    const res = await a.send("second");
    expect([res.status, errorOf(res.body).code]).toEqual([403, "forbidden"]);
    expect(errorOf(res.body).message).toMatch(/viewer/);
    expect(await a.count()).toBe(1);
  });

  it("an import finished through another instance: 409, nothing written", async () => {
    const a = await arrange();
    const other = await buildApp({ db: h.db });
    try {
      const finished = await client(other, a.token).post(`/api/v1/imports/${a.id}/finish`);
      expect(finished.status).toBe(200);
    } finally {
      await other.close();
    }
    const res = await a.send("second");
    expect([res.status, errorOf(res.body).code]).toEqual([409, "import_finished"]);
    expect(await a.count()).toBe(1);
  });

  it("an admin change through this instance is seen by the very next batch", async () => {
    const a = await arrange();
    const row = customer("gold", { name: "Gold AB", email: "gold@example.com", category: "Gold" });
    const sendGold = async () =>
      (await a.org.admin.post(`/api/v1/imports/${a.id}/rows`, { rows: [row] }, { "idempotency-key": key() }))
        .body as { results: { outcome: string }[] };
    // With a list of categories, a category not on it is refused.
    expect((await a.org.admin.post("/api/v1/picklists/category/values", { value: "Silver" })).status).toBe(
      200,
    );
    expect((await sendGold()).results[0]!.outcome).toBe("failed");
    const added = await a.org.admin.post("/api/v1/picklists/category/values", { value: "Gold" });
    expect(added.status).toBe(200);
    expect((await sendGold()).results[0]!.outcome).toBe("created");
  });
});

describe("RecentCache", () => {
  it("keeps a value for its time, then forgets it", () => {
    let now = 1_000;
    const cache = new RecentCache<string>(5_000, 10, () => now);
    cache.set("a", "A");
    now += 4_999;
    expect(cache.get("a")).toBe("A");
    now += 1;
    expect(cache.get("a")).toBeUndefined();
  });

  it("drops the oldest entry past its size", () => {
    const cache = new RecentCache<number>(60_000, 2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
  });
});
