/**
 * The server process is killed (SIGKILL) in the middle of an import and started again on the same
 * data; importing the same rows again ends with no duplicate and no lost row. Then the re-run's
 * import is reverted with another kill mid-revert, and resent: nothing taken back twice or lost. PGlite on disk always;
 * PostgreSQL as well when DATABASE_URL is set (unreachable = failure, never a skip).
 * CRASH_SEED=<n> replays one seed.
 */
import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../server/harness";
import { runCrashRun, type CrashFigures } from "./crash-campaign";

const seeds = process.env.CRASH_SEED ? [Number(process.env.CRASH_SEED)] : [11];

function expectClean(figures: CrashFigures): void {
  console.log(`crash run: ${JSON.stringify({ ...figures, problems: figures.problems.length })}`);
  expect({
    seed: figures.seed,
    duplicates: figures.duplicates,
    lost: figures.lost,
    problems: figures.problems.slice(0, 5),
    revertDuplicates: figures.revertDuplicates,
    revertLost: figures.revertLost,
    revertProblems: figures.revertProblems.slice(0, 5),
  }).toEqual({
    seed: figures.seed,
    duplicates: 0,
    lost: 0,
    problems: [],
    revertDuplicates: 0,
    revertLost: 0,
    revertProblems: [],
  });
  // The kill really came mid-import: some rows were saved before it, not all.
  expect(figures.savedBeforeKill).toBeGreaterThan(0);
  expect(figures.savedBeforeKill).toBeLessThan(figures.rows);
}

describe("a server killed mid-import, PGlite on disk", () => {
  it.each(seeds)(
    "seed %i: the re-run finishes with no duplicate and no lost row",
    { timeout: 400_000 },
    async (seed) => {
      expectClean(await runCrashRun({ seed, rows: 1_000, batchSize: 50 }));
    },
  );
});

if (process.env.DATABASE_URL) {
  describe("a server killed mid-import, PostgreSQL", () => {
    it.each(seeds)(
      "seed %i: the re-run finishes with no duplicate and no lost row",
      { timeout: 400_000 },
      async (seed) => {
        const database = await openTestDatabase();
        try {
          await database.db.destroy();
          expectClean(await runCrashRun({ seed, rows: 1_000, batchSize: 50, databaseUrl: database.url! }));
        } finally {
          await database.close().catch(() => undefined);
        }
      },
    );
  });
}
