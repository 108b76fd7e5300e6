/**
 * `npm run soak`: the full reliability campaigns. 200 seeded fault runs of 5,000 rows through the
 * fault proxy, 10,000 fuzz cases each for validateSheet and the rows endpoint, and crash runs (PGlite
 * on disk; PostgreSQL too when DATABASE_URL is set). Prints figures, then as its LAST line one JSON
 * object. Sizes can be lowered for a quick look: SOAK_RUNS, SOAK_ROWS, SOAK_FUZZ, SOAK_CRASH_RUNS
 * (`SOAK_RUNS=0 SOAK_CRASH_RUNS=0` runs the fuzzing alone).
 */
import { z } from "zod";
import { createOrganisation } from "../src/server/services/provision";
import {
  addFaults,
  emptyFaults,
  runFaultRun,
  startCampaignServer,
  type CampaignServer,
} from "../test/reliability/campaign";
import { runCrashRun } from "../test/reliability/crash-campaign";
import { runServerProperty, runValidateProperty } from "../test/reliability/fuzz-properties";
import { openTestDatabase } from "../test/server/harness";

const env = z
  .object({
    SOAK_RUNS: z.coerce.number().int().min(0).default(200),
    SOAK_ROWS: z.coerce.number().int().min(1).default(5_000),
    SOAK_FUZZ: z.coerce.number().int().min(1).default(10_000),
    SOAK_CRASH_RUNS: z.coerce.number().int().min(0).default(4),
    SOAK_FIRST_SEED: z.coerce.number().int().default(1_000),
    DATABASE_URL: z.string().optional(),
  })
  .parse(process.env);

/** A fresh in-memory database every so many runs keeps the soak's memory flat. */
const RUNS_PER_SERVER = 20;

async function faultCampaign() {
  const faults = emptyFaults();
  const totals = {
    runs: 0,
    rows: 0,
    created: 0,
    failed: 0,
    duplicates: 0,
    lost: 0,
    mismatches: 0,
    unconfirmed: 0,
    unconfirmedSaved: 0,
    reconciledBatches: 0,
    revertedRows: 0,
    revertDuplicates: 0,
    revertLost: 0,
    wrongImages: 0,
  };
  const failedSeeds: number[] = [];
  let server: CampaignServer | null = null;
  for (let i = 0; i < env.SOAK_RUNS; i++) {
    if (i % RUNS_PER_SERVER === 0) {
      await server?.close();
      server = await startCampaignServer();
    }
    const seed = env.SOAK_FIRST_SEED + i;
    const f = await runFaultRun(server!, {
      seed,
      rows: env.SOAK_ROWS,
      batchSize: 100,
      faultRate: 0.3,
      timeoutMs: 1_500,
    });
    addFaults(faults, f.faults);
    totals.runs++;
    totals.rows += f.rows;
    totals.created += f.created;
    totals.failed += f.failed;
    totals.duplicates += f.duplicates;
    totals.lost += f.lost;
    totals.mismatches += f.mismatches.length;
    totals.unconfirmed += f.unconfirmed;
    totals.unconfirmedSaved += f.unconfirmedSaved;
    totals.reconciledBatches += f.reconciledBatches;
    totals.revertedRows += f.revertedRows;
    totals.revertDuplicates += f.revertDuplicates;
    totals.revertLost += f.revertLost;
    totals.wrongImages += f.wrongImages;
    if (f.duplicates || f.lost || f.mismatches.length || f.revertProblems.length) {
      failedSeeds.push(seed);
      console.log(`  seed ${seed} FAILED: ${[...f.mismatches, ...f.revertProblems].slice(0, 3).join("; ")}`);
    }
    if ((i + 1) % 10 === 0)
      console.log(`  fault runs ${i + 1}/${env.SOAK_RUNS}: ${JSON.stringify({ ...totals, faults })}`);
  }
  await server?.close();
  return { ...totals, faults, failedSeeds };
}

async function fuzzCampaign() {
  const validateCases = runValidateProperty(env.SOAK_FUZZ);
  console.log(`  validateSheet: ${validateCases} cases, no throw, every issue on a real cell`);
  const server = await startCampaignServer();
  try {
    const { token } = await createOrganisation(server.db, `Soak fuzz ${Date.now()}`);
    const s = await runServerProperty({ app: server.app, token }, env.SOAK_FUZZ);
    console.log(
      `  rows endpoint: ${s.cases} cases, answers by status ${JSON.stringify(s.byStatus)}, ${s.textRefusals} refused for text the CRM cannot store`,
    );
    return { validateCases, serverCases: s.cases, serverAnswers: s.byStatus, textRefusals: s.textRefusals };
  } finally {
    await server.close();
  }
}

async function crashCampaign() {
  const runs: {
    engine: string;
    seed: number;
    duplicates: number;
    lost: number;
    savedBeforeKill: number;
    revertDuplicates: number;
    revertLost: number;
  }[] = [];
  const engines = env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  for (const engine of engines)
    for (let i = 0; i < env.SOAK_CRASH_RUNS; i++) {
      const seed = env.SOAK_FIRST_SEED + i;
      const database = engine === "postgres" ? await openTestDatabase() : null;
      await database?.db.destroy();
      try {
        const f = await runCrashRun({
          seed,
          rows: env.SOAK_ROWS,
          batchSize: 250,
          ...(database?.url ? { databaseUrl: database.url } : {}),
        });
        runs.push({
          engine,
          seed,
          duplicates: f.duplicates,
          lost: f.lost,
          savedBeforeKill: f.savedBeforeKill,
          revertDuplicates: f.revertDuplicates,
          revertLost: f.revertLost,
        });
        console.log(
          `  crash ${engine} seed ${seed}: killed after ${f.killedAfterRows} rows answered, ${f.duplicates} duplicates, ${f.lost} lost; revert killed after ${f.revertKilledAfterBatches} batches, ${f.revertDuplicates} taken back twice, ${f.revertLost} lost`,
        );
      } finally {
        await database?.close().catch(() => undefined);
      }
    }
  return runs;
}

const started = Date.now();
console.log(`Fault campaign: ${env.SOAK_RUNS} runs x ${env.SOAK_ROWS} rows through the fault proxy`);
const faults = await faultCampaign();
console.log(
  `  rows ${faults.rows}: created ${faults.created}, failed with a reason ${faults.failed}; duplicates ${faults.duplicates}, lost ${faults.lost}, status mismatches ${faults.mismatches}; not confirmed (may or may not be saved) ${faults.unconfirmed}, of them saved ${faults.unconfirmedSaved}`,
);
console.log(
  `  reverts: ${faults.revertedRows} rows answered; taken back twice ${faults.revertDuplicates}, lost ${faults.revertLost}, wrong images ${faults.wrongImages}`,
);
console.log(`  faults injected: ${JSON.stringify(faults.faults)}`);
console.log(`Fuzzing: ${env.SOAK_FUZZ} cases each`);
const fuzz = await fuzzCampaign();
console.log(`Crash campaign: ${env.SOAK_CRASH_RUNS} runs per engine x ${env.SOAK_ROWS} rows`);
const crashes = await crashCampaign();
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`Done in ${seconds} s.`);
console.log(
  JSON.stringify({
    runs: faults.runs,
    rowsPerRun: env.SOAK_ROWS,
    rows: faults.rows,
    created: faults.created,
    failedWithReason: faults.failed,
    faultsInjected: faults.faults,
    faultsTotal: Object.values(faults.faults).reduce((a, b) => a + b, 0),
    duplicatesFound: faults.duplicates + crashes.reduce((n, c) => n + c.duplicates, 0),
    rowsLost: faults.lost + crashes.reduce((n, c) => n + c.lost, 0),
    statusMismatches: faults.mismatches,
    unconfirmedRows: faults.unconfirmed,
    unconfirmedSaved: faults.unconfirmedSaved,
    failedSeeds: faults.failedSeeds,
    fuzzCases: { validateSheet: fuzz.validateCases, rowsEndpoint: fuzz.serverCases },
    fuzzServerAnswers: fuzz.serverAnswers,
    fuzzTextRefusals: fuzz.textRefusals,
    crashRuns: crashes.length,
    crashDuplicates: crashes.reduce((n, c) => n + c.duplicates, 0),
    crashLost: crashes.reduce((n, c) => n + c.lost, 0),
    revertedRows: faults.revertedRows,
    revertDuplicates: faults.revertDuplicates + crashes.reduce((n, c) => n + c.revertDuplicates, 0),
    revertLost: faults.revertLost + crashes.reduce((n, c) => n + c.revertLost, 0),
    wrongImages: faults.wrongImages,
    seconds,
  }),
);
process.exit(
  faults.duplicates ||
    faults.lost ||
    faults.mismatches ||
    faults.revertDuplicates ||
    faults.revertLost ||
    faults.wrongImages ||
    crashes.some((c) => c.duplicates || c.lost || c.revertDuplicates || c.revertLost)
    ? 1
    : 0,
);
