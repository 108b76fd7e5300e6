/**
 * Seeded random faults on every batch request: whatever happens, each row is reported created (and
 * written exactly once) or failed with a reason, and a failure said to be definite wrote nothing.
 * Resending an unconfirmed batch with its kept key then tells the truth without writing twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createCrmClient, importRows } from "../../src/client";
import { rowsOf, startFakeCrm, TOKEN, type FakeCrm, type Fault, type FaultContext } from "./fake-crm";

let fake: FakeCrm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A number in [0, 1) from a string, the same on every run (FNV-1a then a xorshift mix). */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

const faultKinds = ["dropBefore", "dropAfterCommit", "status500", "status429", "delayAfterCommit"] as const;
type FaultKind = (typeof faultKinds)[number];

const faultOf: Record<FaultKind, Fault> = {
  dropBefore: { kind: "dropBefore" },
  dropAfterCommit: { kind: "dropAfterCommit" },
  status500: { kind: "status", status: 500 },
  status429: { kind: "status", status: 429, headers: { "retry-after": "1" } },
  delayAfterCommit: { kind: "delayAfterCommit", ms: 250 },
};

/** Decided by seed, batch and attempt, not by arrival order, so a seed replays the same faults. */
function seededFaults(seed: number, injected: Map<FaultKind, number>, on: () => boolean) {
  return ({ rows }: FaultContext): Fault | undefined => {
    if (!rows || !on()) return undefined;
    const roll = unitHash(`${seed}:${rows.refs[0]}:${rows.attemptOfKey}`);
    if (roll >= 0.4) return undefined;
    const kind = faultKinds[Math.floor((roll / 0.4) * faultKinds.length)]!;
    injected.set(kind, (injected.get(kind) ?? 0) + 1);
    return faultOf[kind];
  };
}

describe("a seeded fault campaign on importRows", () => {
  it("never loses or duplicates a row, and every status matches what was written", async () => {
    const injected = new Map<FaultKind, number>();
    let failedRows = 0;
    let resentRows = 0;
    for (let seed = 1; seed <= 16; seed++) {
      let faultsOn = true;
      fake = await startFakeCrm({ fault: seededFaults(seed, injected, () => faultsOn) });
      const client = createCrmClient({
        baseUrl: fake.url,
        token: TOKEN,
        retries: 2,
        timeoutMs: 120,
        sleep: async () => {},
      });
      const rows = rowsOf(240);
      const outcome = await importRows(client, "imp-1", rows, { batchSize: 20, concurrency: 3 });

      expect(outcome.results.map((r) => r.ref)).toEqual(rows.map((r) => r.ref));
      const definite = new Set(outcome.failedBatches.filter((b) => !b.unconfirmed).flatMap((b) => b.refs));
      for (const result of outcome.results) {
        const written = fake.writes.get(result.ref) ?? 0;
        expect(written).toBeLessThanOrEqual(1);
        if (result.outcome === "created") expect(written).toBe(1);
        else {
          expect(result.outcome).toBe("failed");
          expect(result.errors[0]?.message).toMatch(/^(Not imported|Not confirmed by the CRM)/);
          if (definite.has(result.ref)) expect(written).toBe(0);
          failedRows++;
        }
      }

      // Faults over, resending each unconfirmed batch with its own key learns its real fate.
      faultsOn = false;
      const resend = createCrmClient({ baseUrl: fake.url, token: TOKEN, sleep: async () => {} });
      for (const batch of outcome.failedBatches.filter((b) => b.unconfirmed)) {
        const batchRows = rows.filter((r) => batch.refs.includes(r.ref));
        const answer = await resend.sendBatch("imp-1", batchRows, batch.idempotencyKey);
        resentRows += answer.length;
        expect(answer.every((r) => r.outcome === "created")).toBe(true);
      }
      expect([...fake.writes.values()].every((n) => n === 1)).toBe(true);
      await fake.close();
      fake = undefined;
    }
    for (const kind of faultKinds) expect(injected.get(kind) ?? 0).toBeGreaterThan(0);
    expect(failedRows).toBeGreaterThan(0);
    expect(resentRows).toBeGreaterThan(0);
  });
});
