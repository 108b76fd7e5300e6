// Excel (simulator): Validate 100,000 x 25 through src/excel against excel-sim (syncs, largest
// request and response, time, longest block); download of 100,000 customers into a sheet (syncs);
// Import of the same sheet end to end: workflows -> src/client (axios, HTTP) -> server -> PGlite (rows/s).
import type { AddressInfo } from "node:net";
import { createCrmClient } from "../src/client";
import { catalogOf, type SchemaDocument } from "../src/domain";
import { columnLetter } from "../src/excel/a1";
import type { ExcelEnv } from "../src/excel";
import { buildApp } from "../src/server/app";
import { connectDatabase } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { createOrganisation } from "../src/server/services/provision";
import { insertPicklistValue } from "../src/server/repositories/catalog";
import { insertUser } from "../src/server/repositories/organisations";
import {
  downloadCustomers,
  importSheet,
  newTemplate,
  resetStore,
  setSchema,
  validateSheet,
} from "../src/workflows";
import { SimWorkbook, createExcelRunner } from "../workbench/excel-sim";
import { generateCustomerRows } from "./_data";

function simEnv(): { book: SimWorkbook; env: ExcelEnv } {
  const book = new SimWorkbook({ apiVersion: "1.18" });
  return { book, env: { run: createExcelRunner(book), isSetSupported: (n, v) => book.isSetSupported(n, v) } };
}

/** The longest stretch the event loop was held, sampled by a 10 ms ticker while `work` runs. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ result: T; longestStallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  try {
    const result = await work();
    return { result, longestStallMs: Math.max(0, longest) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

async function sheetWithRows(rows: number, schema: SchemaDocument, env: ExcelEnv, book: SimWorkbook) {
  const data = generateCustomerRows({ rows, seed: 11, badShare: 0.1 });
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
  const db = await connectDatabase({ dataDir: "memory://" });
  await migrateToLatest(db);
  const app = await buildApp({ db, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  const org = await createOrganisation(db, "Bench");
  // The generator's picklist values and account managers exist in this organisation.
  const { picklists } = generateCustomerRows({ rows: 1 });
  for (const value of picklists.category ?? []) await insertPicklistValue(db, org.org.id, "category", value);
  for (const value of picklists.campaign ?? []) await insertPicklistValue(db, org.org.id, "campaign", value);
  for (const name of picklists.accountManager ?? [])
    await insertUser(db, org.org.id, {
      name,
      email: `${name.replace(/\W/g, ".").toLowerCase()}@example.com`,
      role: "importer",
    });
  const client = createCrmClient({ baseUrl: `http://127.0.0.1:${port}`, token: org.token, concurrency: 2 });
  try {
    resetStore();
    const schema: SchemaDocument = await client.getSchema();
    setSchema(schema);

    // 1. Validate
    const v = simEnv();
    await sheetWithRows(rows, schema, v.env, v.book);
    v.book.resetStats();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { result: a, longestStallMs } = await withStallMeter(() => validateSheet({ env: v.env }));
    const validateMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const validateCpuMs = (cpu.user + cpu.system) / 1000;
    const vs = { ...v.book.stats };
    console.log(
      `Validate ${rows} x 25: ${vs.syncs} syncs, largest request ${mb(vs.largestRequestBytes)} MB, ` +
        `largest response ${mb(vs.largestResponseBytes)} MB, longest address ${vs.longestAddress}, ` +
        `${validateMs.toFixed(0)} ms wall, ${validateCpuMs.toFixed(0)} ms CPU (simulator included), longest event-loop stall ${longestStallMs.toFixed(0)} ms, ${a.report.errorRows} rows with errors`,
    );

    // 2. Import: the validated sheet, its good rows through the client into the server.
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const summary = await importSheet({ env: v.env, client });
    const importMs = performance.now() - t1;
    const importCpu = process.cpuUsage(c1);
    const importCpuMs = (importCpu.user + importCpu.system) / 1000;
    const imported = summary.created + summary.updated;
    const importRowsPerSecond = imported / (importMs / 1000);
    console.log(
      `Import end to end: ${imported} rows in ${importMs.toFixed(0)} ms = ${importRowsPerSecond.toFixed(0)} rows/s (validate + HTTP + PGlite + write-back)`,
    );

    // 3. Download everything into a fresh workbook.
    const d = simEnv();
    await newTemplate({ env: d.env }, ["customers"]);
    d.book.resetStats();
    const t2 = performance.now();
    const downloaded = await downloadCustomers({ env: d.env, client });
    const downloadMs = performance.now() - t2;
    const ds = { ...d.book.stats };
    console.log(
      `Download ${downloaded} customers: ${ds.syncs} syncs, largest request ${mb(ds.largestRequestBytes)} MB, ${downloadMs.toFixed(0)} ms`,
    );
    console.log(
      JSON.stringify({
        rows,
        validateSyncs: vs.syncs,
        validateLargestRequestBytes: vs.largestRequestBytes,
        validateLargestResponseBytes: vs.largestResponseBytes,
        validateLongestAddress: vs.longestAddress,
        validateMs: Math.round(validateMs),
        validateCpuMs: Math.round(validateCpuMs),
        validateLongestStallMs: Math.round(longestStallMs),
        importedRows: imported,
        importMs: Math.round(importMs),
        importRowsPerSecond: Math.round(importRowsPerSecond),
        importCpuMs: Math.round(importCpuMs),
        downloadedRows: downloaded,
        downloadSyncs: ds.syncs,
        downloadLargestRequestBytes: ds.largestRequestBytes,
        downloadMs: Math.round(downloadMs),
      }),
    );
  } finally {
    await app.close();
    await db.destroy();
  }
}
