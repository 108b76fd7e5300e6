// `npm run bench -- import-server`: 100,000 customers in batches of 1,000 over HTTP on loopback into
// the CRM API, on PGlite (on disk) and on PostgreSQL when reachable; then the same customers again
// with a changed city in a second import with duplicate action "update" (matched by e-mail: each
// update keeps the record's before-image, issue 17). Last line: JSON with rows/s of both passes.
// The server runs in a worker thread with the production process's young generation (`_server.ts`),
// the sender in another, as the add-in runs in Excel, and keeps two batches in flight, the add-in
// client's default (`src/client/options.ts`).
import { Worker } from "node:worker_threads";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "../src/server/db/connect";
import { startServerThread } from "./_server";

const TOTAL = Number(process.env.BENCH_ROWS ?? 100_000);
const BATCH = 1_000;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 2);
const PG_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** `BENCH_ENGINE=pglite` or `postgres` runs one engine only (for profiling); both by default. */
const ENGINE = process.env.BENCH_ENGINE ?? "both";

function customerRow(i: number, city = "Stockholm") {
  return {
    ref: `Customers!${i + 2}`,
    values: {
      customerNumber: `B${i}`,
      name: `Customer ${i} AB`,
      type: "Company",
      email: `customer${i}@example.com`,
      phone: `+4681${String(i).padStart(7, "0")}`,
      street: `Storgatan ${i % 100}`,
      city,
      postalCode: "11122",
      country: "SE",
      currency: "SEK",
    },
  };
}

interface Result {
  rows: number;
  seconds: number;
  /** This process's CPU (client, server and PGlite; PostgreSQL's own processes are not counted). */
  cpuSeconds: number;
  rowsPerSecond: number;
  created: number;
  /** The machine is shared: the 1-minute load average when the engine's run ended. */
  load: number;
  /** The second pass: the same customers updated (a before-image each). */
  update: { seconds: number; cpuSeconds: number; rowsPerSecond: number; updated: number };
}

/** Imports TOTAL customers through the CRM API in its own thread, then updates them all in a second import. */
async function importOverHttp(database: DatabaseConfig): Promise<Result> {
  const server = await startServerThread({ database, picklists: {} });
  const base = `http://127.0.0.1:${server.port}/api/v1`;
  const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/json" };
  const open = async (body: Record<string, unknown>) =>
    (
      (await (
        await fetch(`${base}/imports`, { method: "POST", headers, body: JSON.stringify(body) })
      ).json()) as { id: string }
    ).id;
  const bodiesOf = (city: string) =>
    Array.from({ length: TOTAL / BATCH }, (_, b) =>
      JSON.stringify({ rows: Array.from({ length: BATCH }, (_, i) => customerRow(b * BATCH + i, city)) }),
    );
  /** Sends every batch to a new import; answers the time, this process's CPU and the rows so answered. */
  const pass = async (body: Record<string, unknown>, city: string, outcome: string) => {
    const id = await open(body);
    const bodies = bodiesOf(city);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const counted = await send(`${base}/imports/${id}/rows`, headers, bodies, outcome);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, counted };
  };
  try {
    const created = await pass({ sheet: "customers" }, "Stockholm", "created");
    const load = loadavg()[0] ?? 0;
    const updated = await pass({ sheet: "customers", duplicateAction: "update" }, "Göteborg", "updated");
    return {
      rows: TOTAL,
      seconds: created.seconds,
      cpuSeconds: created.cpuSeconds,
      rowsPerSecond: Math.round(TOTAL / created.seconds),
      created: created.counted,
      load,
      update: {
        seconds: updated.seconds,
        cpuSeconds: updated.cpuSeconds,
        rowsPerSecond: Math.round(TOTAL / updated.seconds),
        updated: updated.counted,
      },
    };
  } finally {
    await server.close();
  }
}

/** The add-in's side: posts every batch, IN_FLIGHT at a time, from a worker thread; answers the rows with `outcome`. */
function send(
  url: string,
  headers: Record<string, string>,
  bodies: string[],
  outcome: string,
): Promise<number> {
  const code = `
    const { parentPort, workerData: w } = require("node:worker_threads");
    let next = 0;
    let counted = 0;
    async function lane() {
      while (next < w.bodies.length) {
        const b = next++;
        const res = await fetch(w.url, {
          method: "POST",
          headers: { ...w.headers, "idempotency-key": "batch-" + b },
          body: w.bodies[b],
        });
        const answer = await res.json();
        if (!res.ok || !answer.results)
          throw new Error("batch " + b + " failed: " + res.status + " " + JSON.stringify(answer).slice(0, 300));
        counted += answer.results.filter((r) => r.outcome === w.outcome).length;
      }
    }
    Promise.all(Array.from({ length: w.inFlight }, lane)).then(
      () => parentPort.postMessage({ created: counted }),
      (e) => parentPort.postMessage({ error: String(e) }),
    );
  `;
  const worker = new Worker(code, {
    eval: true,
    workerData: { url, headers, bodies, inFlight: IN_FLIGHT, outcome },
  });
  return new Promise((resolve, reject) => {
    worker.once("message", (m: { created?: number; error?: string }) => {
      void worker.terminate();
      if (m.error !== undefined || m.created === undefined) reject(new Error(m.error ?? "no answer"));
      else resolve(m.created);
    });
    worker.once("error", reject);
  });
}

async function benchPglite(): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), "crm-bench-"));
  try {
    return await importOverHttp({ dataDir: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<Result | null> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `crm_bench_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    return await importOverHttp({ databaseUrl: url.toString(), dataDir: "unused" });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const line = (engine: string, r: Result) =>
  `${engine}: ${r.rows.toLocaleString("en")} customers in ${r.seconds.toFixed(2)} s = ${r.rowsPerSecond.toLocaleString("en")} rows/s (${r.created.toLocaleString("en")} created; CPU ${r.cpuSeconds.toFixed(1)} s, load ${r.load.toFixed(1)}); ` +
  `updated again in ${r.update.seconds.toFixed(2)} s = ${r.update.rowsPerSecond.toLocaleString("en")} rows/s (${r.update.updated.toLocaleString("en")} updated; CPU ${r.update.cpuSeconds.toFixed(1)} s)`;

export async function run(): Promise<void> {
  console.log(
    `Import ${TOTAL.toLocaleString("en")} customers, batches of ${BATCH}, ${IN_FLIGHT} in flight, HTTP on loopback`,
  );
  const pglite = ENGINE === "postgres" ? null : await benchPglite();
  if (pglite) console.log(line("PGlite", pglite));
  const postgres = ENGINE === "pglite" ? null : await benchPostgres();
  if (postgres) console.log(line("PostgreSQL", postgres));
  else if (ENGINE !== "pglite") console.log(`PostgreSQL: not reachable at ${PG_URL}, skipped`);
  console.log(
    JSON.stringify({
      bench: "import-server",
      rows: TOTAL,
      batch: BATCH,
      inFlight: IN_FLIGHT,
      pgliteRowsPerSecond: pglite?.rowsPerSecond ?? null,
      postgresRowsPerSecond: postgres?.rowsPerSecond ?? null,
      pgliteUpdateRowsPerSecond: pglite?.update.rowsPerSecond ?? null,
      postgresUpdateRowsPerSecond: postgres?.update.rowsPerSecond ?? null,
      pgliteCpuSeconds: pglite ? Number(pglite.cpuSeconds.toFixed(1)) : null,
      postgresCpuSeconds: postgres ? Number(postgres.cpuSeconds.toFixed(1)) : null,
      loadAverage: Number(loadavg()[0]?.toFixed(1)),
    }),
  );
}
