// Validate (pure pipeline): 100,000 customer rows x 25 columns through header mapping, cell parsing,
// row rules, duplicates and references, on one core. Generation is not timed.
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

export async function run(args: string[]): Promise<void> {
  const rows = Number(args[0] ?? 100_000);
  // Warm the JIT on different data (another seed), so the timed run hits no phone memo by accident.
  validate(generateCustomerRows({ rows: 5_000, seed: 7 }));
  const data = generateCustomerRows({ rows, seed: 1 });
  const repeats = phoneRepeatShare(data);
  const t0 = performance.now();
  const result = validate(data);
  const ms = performance.now() - t0;
  const rowsPerSecond = Math.round(rows / (ms / 1000));
  const errorRows = result.rowStatus.filter((s) => s === "error").length;
  const warningRows = result.rowStatus.filter((s) => s === "warning").length;
  console.log(
    `validate: ${rows} rows x ${data.header.length} columns in ${ms.toFixed(0)} ms = ${rowsPerSecond} rows/s`,
  );
  console.log(
    `  rows made bad: ${data.bad.size}; rows with errors: ${errorRows}; with warnings only: ${warningRows}`,
  );
  console.log(
    `  issues: ${result.issues.length}; phone cells repeating an earlier one: ${(repeats * 100).toFixed(1)} %`,
  );
  console.log(
    JSON.stringify({
      bench: "validate",
      rows,
      columns: data.header.length,
      ms: Math.round(ms),
      rowsPerSecond,
      errorRows,
      warningRows,
      issues: result.issues.length,
      phoneRepeatShare: Number(repeats.toFixed(3)),
    }),
  );
}
