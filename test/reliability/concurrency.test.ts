/**
 * Two people edit the same download and import at the same time: for each customer one update wins,
 * the other is a conflict, and the stored values are exactly the winner's. Nothing is overwritten
 * silently. Runs on PostgreSQL too when DATABASE_URL is set (real parallel transactions there).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { key, openImport, sendRows, startHarness, type Harness, type RowResultBody } from "../server/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

interface Downloaded {
  id: string;
  version: number;
  values: Record<string, unknown>;
}

const COUNT = 60;
const BATCH = 10;

/** One person's import of the edited download, its batches sent concurrently. */
async function importEdits(
  c: Awaited<ReturnType<Harness["org"]>>["admin"],
  rows: Downloaded[],
  city: string,
): Promise<RowResultBody[]> {
  const id = await openImport(c, { sheet: "customers", duplicateAction: "update" });
  const batches: Downloaded[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
  const answers = await Promise.all(
    batches.map((b) =>
      sendRows(
        c,
        id,
        b.map((r) => ({
          ref: `Customers!${r.id}`,
          crmId: r.id,
          version: r.version,
          values: { ...r.values, city },
        })),
        key(),
      ),
    ),
  );
  return answers.flat();
}

describe("two imports updating the same customers at once", () => {
  it("versions let exactly one update through per customer; the other is a conflict; the stored city is the winner's", async () => {
    const org = await h.org();
    const seed = await openImport(org.admin, { sheet: "customers" });
    const created = await sendRows(
      org.admin,
      seed,
      Array.from({ length: COUNT }, (_, i) => ({
        ref: `s${i}`,
        values: { name: `Shared ${i}`, email: `shared${i}@example.com`, city: "Start" },
      })),
    );
    expect(created.every((r) => r.outcome === "created")).toBe(true);
    const download = ((await org.admin.get("/api/v1/customers?limit=1000")).body as { items: Downloaded[] })
      .items;
    expect(download).toHaveLength(COUNT);

    const importer = await org.as("importer");
    // Interleave the two: each person's rows in a different order so their batches collide.
    const [a, b] = await Promise.all([
      importEdits(org.admin, download, "Alice"),
      importEdits(importer, [...download].reverse(), "Bob"),
    ]);

    const after = ((await org.admin.get("/api/v1/customers?limit=1000")).body as { items: Downloaded[] })
      .items;
    const byId = new Map(after.map((r) => [r.id, r]));
    const outcomeOf = (results: RowResultBody[], id: string) =>
      results.find((r) => r.crmId === id || r.ref === `Customers!${id}`)!;
    let conflicts = 0;
    for (const d of download) {
      const ra = outcomeOf(a, d.id);
      const rb = outcomeOf(b, d.id);
      const outcomes = [ra.outcome, rb.outcome].sort();
      expect([d.id, outcomes]).toEqual([d.id, ["conflict", "updated"]]);
      const winner = ra.outcome === "updated" ? "Alice" : "Bob";
      const stored = byId.get(d.id)!;
      expect([d.id, stored.values.city, stored.version]).toEqual([d.id, winner, d.version + 1]);
      const loser = ra.outcome === "conflict" ? ra : rb;
      expect(loser.errors.length).toBeGreaterThan(0);
      conflicts++;
    }
    expect(conflicts).toBe(COUNT);
  });

  it("the loser's edit goes through once it is made on the fresh download", async () => {
    const org = await h.org();
    const seed = await openImport(org.admin, { sheet: "customers" });
    const [c] = await sendRows(org.admin, seed, [
      { ref: "s", values: { name: "Solo AB", email: "solo@example.com" } },
    ]);
    const first = (await org.admin.get(`/api/v1/customers/${c!.crmId}`)).body as Downloaded;
    const [winner, loser] = await Promise.all(
      ["Alice", "Bob"].map(async (city) => (await importEdits(org.admin, [first], city))[0]!),
    );
    const lost = winner!.outcome === "conflict" ? winner! : loser!;
    expect(lost.outcome).toBe("conflict");
    const fresh = (await org.admin.get(`/api/v1/customers/${c!.crmId}`)).body as Downloaded;
    const [retry] = await importEdits(org.admin, [fresh], "Carol");
    expect([retry!.outcome, retry!.version]).toEqual(["updated", first.version + 2]);
  });
});
