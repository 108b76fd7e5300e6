// Validate (pure pipeline): 100,000 customer rows x 25 columns through header mapping, cell parsing,
// row rules, duplicates and references, on one core. Generation is not timed.
import { cpus, loadavg } from "node:os";
import { baseCatalog, defaultMatchKeys } from "../src/domain";
import { validateSheet, type SheetValidation } from "../src/import";
import { generateCustomerRows, type CustomerRows } from "./_data";

const sheet = baseCatalog.customers;

function validate(data: CustomerRows): SheetValidation {
  return validateSheet(data.header, data.grid, sheet, {
    dateOrder: "DMY",
    country: "SE",
    picklists: data.picklists,
    closedPeriodThrough: data.closedPeriodThrough,
    matchKeys: defaultMatchKeys.customers,
    crmLookup: () => 0,
  });
}

/** Share of phone cells (Phone and Mobile) whose text already appeared earlier in the sheet. */
function phoneRepeatShare(data: CustomerRows): number {
  const cols = [data.header.indexOf("Phone"), data.header.indexOf("Mobile")];
  const seen = new Set<string>();
  let cells = 0;
  let repeats = 0;
  for (const row of data.grid)
    for (const c of cols) {
      const v = row[c];
      if (v === "" || v === null || v === undefined) continue;
      cells++;
      const k = String(v);
      if (seen.has(k)) repeats++;
      else seen.add(k);
    }
  return cells ? repeats / cells : 0;
}

interface Timing {
  ms: number;
  cpuMs: number;
  result: SheetValidation;
  data: CustomerRows;
}

/** One timed run on fresh data (a new seed, so no memo carries over between runs). */
function timeOne(rows: number, seed: number): Timing {
  const data = generateCustomerRows({ rows, seed });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = validate(data);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, result, data };
}

export async function run(args: string[]): Promise<void> {
  const rows = Number(args[0] ?? 100_000);
  const runs = Number(args[1] ?? 3);
  // Warm the JIT on other data (another seed), so the timed runs hit no phone memo by accident.
  validate(generateCustomerRows({ rows: 5_000, seed: 7 }));
  const timings: Timing[] = [];
  for (let i = 1; i <= runs; i++) timings.push(timeOne(rows, i));
  const best = timings.reduce((a, b) => (b.ms < a.ms ? b : a));
  const bestCpu = Math.min(...timings.map((t) => t.cpuMs));
  const rowsPerSecond = Math.round(rows / (best.ms / 1000));
  const cpuRowsPerSecond = Math.round(rows / (bestCpu / 1000));
  const { result, data } = best;
  const errorRows = result.rowStatus.filter((s) => s === "error").length;
  const warningRows = result.rowStatus.filter((s) => s === "warning").length;
  const repeats = phoneRepeatShare(data);
  const load = loadavg()[0]!;
  for (const t of timings)
    console.log(`  run: ${t.ms.toFixed(0)} ms wall, ${t.cpuMs.toFixed(0)} ms CPU (all threads, GC included)`);
  console.log(
    `validate: ${rows} rows x ${data.header.length} columns, best of ${runs}: ${best.ms.toFixed(0)} ms = ${rowsPerSecond} rows/s (CPU time: ${cpuRowsPerSecond} rows/s)`,
  );
  console.log(
    `  rows made bad: ${data.bad.size}; rows with errors: ${errorRows}; with warnings only: ${warningRows}; issues: ${result.issues.length}`,
  );
  console.log(
    `  phone cells repeating an earlier one: ${(repeats * 100).toFixed(1)} %; machine load average: ${load.toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    JSON.stringify({
      bench: "validate",
      rows,
      columns: data.header.length,
      runs,
      ms: Math.round(best.ms),
      rowsPerSecond,
      cpuRowsPerSecond,
      errorRows,
      warningRows,
      issues: result.issues.length,
      phoneRepeatShare: Number(repeats.toFixed(3)),
      loadAverage: Number(load.toFixed(1)),
    }),
  );
}
