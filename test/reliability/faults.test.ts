/**
 * Seeded fault campaign (a sample; `npm run soak` runs 200 x 5,000): through the fault proxy, every
 * row ends created exactly once or failed with its reason, and what the client reports is what the
 * database holds. A failing run names its seed; FAULT_SEED=<n> replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFaults, emptyFaults, runFaultRun, startCampaignServer, type CampaignServer } from "./campaign";

let server: CampaignServer;
beforeAll(async () => {
  server = await startCampaignServer();
});
afterAll(async () => {
  await server.close();
});

const firstSeed = Number(process.env.FAULT_SEED ?? 101);
const seeds = process.env.FAULT_SEED ? [firstSeed] : [0, 1, 2, 3, 4].map((i) => firstSeed + i);

describe("imports through a faulty network", () => {
  it.each(seeds)(
    "seed %i: 500 rows, no duplicate, no lost row, statuses match the database",
    async (seed) => {
      const figures = await runFaultRun(server, {
        seed,
        rows: 500,
        batchSize: 50,
        faultRate: 0.35,
        timeoutMs: 400,
      });
      console.log(
        `fault run seed=${seed}: ${JSON.stringify({ ...figures, mismatches: figures.mismatches.length })}`,
      );
      expect({
        seed,
        duplicates: figures.duplicates,
        lost: figures.lost,
        mismatches: figures.mismatches.slice(0, 5),
      }).toEqual({
        seed,
        duplicates: 0,
        lost: 0,
        mismatches: [],
      });
      expect(figures.created + figures.failed).toBe(500);
      expect(figures.failed).toBeGreaterThan(0);
    },
  );

  it("the sample meets every kind of fault", async () => {
    const total = emptyFaults();
    const figures = await runFaultRun(server, {
      seed: 7,
      rows: 300,
      batchSize: 20,
      faultRate: 0.5,
      timeoutMs: 400,
    });
    addFaults(total, figures.faults);
    expect(Object.values(total).every((n) => n > 0)).toBe(true);
    expect(figures.lost + figures.duplicates + figures.mismatches.length).toBe(0);
  });
});
