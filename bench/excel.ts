// Excel (simulator): `npm run bench -- excel [rows] [latin|accented|cjk]`. Validate 100,000 x 25 through src/excel against excel-sim (syncs, largest
// request and response, time, longest event-loop stall: all of it, and without the simulated host's
// slices); download of 100,000 customers into a sheet (syncs, stall);
// Import of the same sheet end to end: workflows -> src/client (axios, HTTP) -> server -> PGlite (rows/s).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCrmClient } from "../src/client";
import { catalogOf, type SchemaDocument } from "../src/domain";
import { columnLetter } from "../src/excel/a1";
import type { ExcelEnv } from "../src/excel";
import { startServerThread } from "./_server";
import {
  downloadCustomers,
  importSheet,
  newTemplate,
  resetStore,
  setSchema,
  validateSheet,
} from "../src/workflows";
import { SimWorkbook, createExcelRunner } from "../workbench/excel-sim";
import { generateCustomerRows, scripts, type Script } from "./_data";

export function simEnv(): { book: SimWorkbook; env: ExcelEnv } {
  const book = new SimWorkbook({ apiVersion: "1.18" });
  return { book, env: { run: createExcelRunner(book), isSetSupported: (n, v) => book.isSetSupported(n, v) } };
}

export interface Stalls {
  /** The longest stretch the event loop was held, whatever held it. */
  longestMs: number;
  /**
   * The same without the simulated host's slices: the add-in's own code, what the simulator does on
   * the add-in's side (proxies, queueing, request sizing, as Office.js does) and GC. In Excel the
   * host applies a request in another process, so this is what the pane would feel.
   */
  longestAddinMs: number;
  /**
   * The most CPU time this process used between two ticks: what the event loop was held for by this
   * process's own work, not by other processes taking the cores (on a loaded machine the wall-clock
   * gaps above grow with the load). Meaningful only with the server in another process.
   */
  longestCpuMs: number;
}

/**
 * Stalls sampled by a 10 ms ticker while `work` runs: each gap between ticks beyond 10 ms, and its
 * part not spent in the simulated host's slices (reported by book.host.onSlice).
 */
export async function withStallMeter<T>(
  book: SimWorkbook,
  work: () => Promise<T>,
): Promise<{ result: T; stalls: Stalls }> {
  const slices: [number, number][] = [];
  const gaps: [number, number][] = [];
  book.host.onSlice = (start, end) => slices.push([start, end]);
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let longestCpuMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    longestCpuMs = Math.max(longestCpuMs, (cpu.user + cpu.system) / 1000);
    lastCpu = process.cpuUsage();
    if (now - last > 10) gaps.push([last, now]);
    last = now;
  }, 10);
  try {
    const result = await work();
    gaps.push([last, performance.now()]);
    const hostIn = (a: number, b: number) =>
      slices.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(b, e) - Math.max(a, s)), 0);
    let longestMs = 0;
    let longestAddinMs = 0;
    for (const [a, b] of gaps) {
      longestMs = Math.max(longestMs, b - a - 10);
      longestAddinMs = Math.max(longestAddinMs, b - a - 10 - hostIn(a, b));
    }
    const tail = process.cpuUsage(lastCpu);
    longestCpuMs = Math.max(longestCpuMs, (tail.user + tail.system) / 1000);
    return { result, stalls: { longestMs, longestAddinMs, longestCpuMs } };
  } finally {
    clearInterval(timer);
    book.host.onSlice = null;
  }
}

/** Office.js parses each response on the pane's thread (the simulator hands values over as they are). */
function parseMs(grid: unknown[][], bytes: number): number {
  let rows = 0;
  let size = 2;
  while (rows < grid.length && size < bytes) size += JSON.stringify(grid[rows++]).length + 1;
  const text = JSON.stringify(grid.slice(0, rows));
  const times = [0, 1, 2].map(() => {
    const t = performance.now();
    JSON.parse(text);
    return performance.now() - t;
  });
  return times.sort((a, b) => a - b)[1]!;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

export async function sheetWithRows(
  rows: number,
  schema: SchemaDocument,
  env: ExcelEnv,
  book: SimWorkbook,
  script: Script = "latin",
) {
  const data = generateCustomerRows({ rows, seed: 11, badShare: 0.1, script });
  await newTemplate({ env }, ["customers"]);
  const last = columnLetter(catalogOf(schema).customers.fields.length - 1);
  for (let start = 0; start < data.grid.length; start += 20_000) {
    const part = data.grid.slice(start, start + 20_000);
    await book.userEdit(`Customers!B${start + 3}:${last}${start + 2 + part.length}`, part);
  }
  return data;
}

export async function run(args: string[]): Promise<void> {
  const rows = Number(args[0] ?? 100_000);
  // The text's script: the 5 MB limits are in UTF-8 bytes, where accented letters weigh 2 and CJK 3.
  const script = (args[1] ?? "latin") as Script;
  if (!scripts.includes(script)) throw new Error(`script must be one of ${scripts.join(", ")}`);
  // The server runs in its own thread, as it runs in its own process in production: the add-in's
  // figures (CPU, event loop) are the add-in's. Its PGlite keeps its data on disk in a temporary
  // folder, as the server's default does (in memory, the emulated file system copies a growing
  // file at every extension). The generator's picklist values and account managers exist in its
  // organisation.
  const { picklists } = generateCustomerRows({ rows: 1 });
  const dataDir = mkdtempSync(join(tmpdir(), "crm-bench-excel-"));
  const server = await startServerThread({ database: { dataDir }, picklists });
  const { port, token } = server;
  const client = createCrmClient({ baseUrl: `http://127.0.0.1:${port}`, token, concurrency: 2 });
  try {
    resetStore();
    const schema: SchemaDocument = await client.getSchema();
    setSchema(schema);

    // 1. Validate
    const v = simEnv();
    const data = await sheetWithRows(rows, schema, v.env, v.book, script);
    v.book.resetStats();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { result: a, stalls } = await withStallMeter(v.book, () => validateSheet({ env: v.env }));
    const validateMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const validateCpuMs = (cpu.user + cpu.system) / 1000;
    const vs = { ...v.book.stats };
    const responseParseMs = parseMs(data.grid, vs.largestResponseBytes);
    console.log(
      `Validate ${rows} x 25 (${script} text): ${vs.syncs} syncs, largest request ${mb(vs.largestRequestBytes)} MB, ` +
        `largest response ${mb(vs.largestResponseBytes)} MB, longest address ${vs.longestAddress}, ` +
        `${validateMs.toFixed(0)} ms wall, ${validateCpuMs.toFixed(0)} ms CPU (simulator included), ${a.report.errorRows} rows with errors`,
    );
    console.log(
      `  event loop: longest stall ${stalls.longestMs.toFixed(0)} ms; without the simulated host ` +
        `${stalls.longestAddinMs.toFixed(0)} ms (add-in, Office.js-side simulation, GC); host ` +
        `${vs.hostMs.toFixed(0)} ms in slices of at most ${vs.longestHostSliceMs.toFixed(0)} ms (${vs.hostYields} turns given); ` +
        `not simulated: JSON.parse of the largest response ${responseParseMs.toFixed(0)} ms`,
    );

    // 2. Import: the validated sheet, its good rows through the client into the server.
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const { result: summary, stalls: iStalls } = await withStallMeter(v.book, () =>
      importSheet({ env: v.env, client }),
    );
    const importMs = performance.now() - t1;
    const importCpu = process.cpuUsage(c1);
    const importCpuMs = (importCpu.user + importCpu.system) / 1000;
    const imported = summary.created + summary.updated;
    const importRowsPerSecond = imported / (importMs / 1000);
    console.log(
      `Import end to end: ${imported} rows in ${importMs.toFixed(0)} ms = ${importRowsPerSecond.toFixed(0)} rows/s (validate + HTTP + server thread + PGlite + write-back)`,
    );
    console.log(
      `  event loop: longest stall ${iStalls.longestMs.toFixed(0)} ms; without the simulated host ${iStalls.longestAddinMs.toFixed(0)} ms`,
    );

    // 3. Download everything into a fresh workbook.
    const d = simEnv();
    await newTemplate({ env: d.env }, ["customers"]);
    d.book.resetStats();
    const t2 = performance.now();
    // "replace": a fresh sheet has nothing to keep, and the pane asks (one read) before it downloads.
    const { result: outcome, stalls: dStalls } = await withStallMeter(d.book, () =>
      downloadCustomers({ env: d.env, client }, "replace"),
    );
    const downloaded = outcome.count;
    const downloadMs = performance.now() - t2;
    const ds = { ...d.book.stats };
    console.log(
      `Download ${downloaded} customers: ${ds.syncs} syncs, largest request ${ds.largestRequestBytes} bytes (${mb(ds.largestRequestBytes)} MB), ${downloadMs.toFixed(0)} ms, ` +
        `longest stall ${dStalls.longestMs.toFixed(0)} ms (${dStalls.longestAddinMs.toFixed(0)} ms without the simulated host)`,
    );
    console.log(
      JSON.stringify({
        rows,
        script,
        validateSyncs: vs.syncs,
        validateLargestRequestBytes: vs.largestRequestBytes,
        validateLargestResponseBytes: vs.largestResponseBytes,
        validateLongestAddress: vs.longestAddress,
        validateMs: Math.round(validateMs),
        validateCpuMs: Math.round(validateCpuMs),
        validateLongestStallMs: Math.round(stalls.longestMs),
        validateLongestAddinStallMs: Math.round(stalls.longestAddinMs),
        validateHostMs: Math.round(vs.hostMs),
        validateLongestHostSliceMs: Math.round(vs.longestHostSliceMs),
        validateResponseParseMs: Math.round(responseParseMs),
        importedRows: imported,
        importMs: Math.round(importMs),
        importRowsPerSecond: Math.round(importRowsPerSecond),
        importCpuMs: Math.round(importCpuMs),
        importLongestStallMs: Math.round(iStalls.longestMs),
        importLongestAddinStallMs: Math.round(iStalls.longestAddinMs),
        downloadedRows: downloaded,
        downloadSyncs: ds.syncs,
        downloadLargestRequestBytes: ds.largestRequestBytes,
        downloadLargestResponseBytes: ds.largestResponseBytes,
        // Per sync, [request bytes, response bytes]: where the syncs go.
        validateRequests: vs.requests.map((r) => [r.requestBytes, r.responseBytes]),
        downloadRequests: ds.requests.map((r) => [r.requestBytes, r.responseBytes]),
        downloadMs: Math.round(downloadMs),
        downloadLongestStallMs: Math.round(dStalls.longestMs),
        downloadLongestAddinStallMs: Math.round(dStalls.longestAddinMs),
      }),
    );
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
