/**
 * Crash campaign: import into a server process, SIGKILL it part-way, start it again on the same data,
 * and import the same rows again as a re-run of Import would (rows whose CRM ID was written back carry
 * it and its version; the others are found by their match key). Then every valid row must exist
 * exactly once and every invalid one must have failed with its reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCrmClient, importRows, type CrmClient, type RowReport } from "../../src/client";
import type { ImportRow } from "../../src/domain";
import { campaignRows } from "./campaign";
import { unitHash } from "./fault-proxy";
import { crashRevert, type CrashRevertFigures } from "./crash-revert";
import { freePort, startServerProcess, type ServerProcess } from "./server-process";

export const ADMIN_TOKEN = "crash-test-admin-token-0123456789";

export interface CrashFigures extends CrashRevertFigures {
  seed: number;
  rows: number;
  killedAfterRows: number;
  savedBeforeKill: number;
  duplicates: number;
  lost: number;
  problems: string[];
}

const clientFor = (url: string, retries: number): CrmClient =>
  createCrmClient({
    baseUrl: url,
    token: ADMIN_TOKEN,
    timeoutMs: 20_000,
    retries,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    concurrency: 2,
  });

/** What a re-run of Import sends: the written-back CRM ID and version where there is one. */
function rerunRows(rows: readonly ImportRow[], saved: Map<string, RowReport>): ImportRow[] {
  return rows.map((row) => {
    const s = saved.get(row.ref);
    return s?.crmId ? { ...row, crmId: s.crmId, ...(s.version ? { version: s.version } : {}) } : row;
  });
}

/** Compares the second run's reports and the CRM's customers with the rows. */
async function check(client: CrmClient, rows: readonly ImportRow[], reports: readonly RowReport[]) {
  const records = await client.listAllRecords("customers");
  const idsByEmail = new Map<string, string[]>();
  for (const r of records) {
    const email = String(r.values.email);
    idsByEmail.set(email, [...(idsByEmail.get(email) ?? []), r.id]);
  }
  let duplicates = 0;
  let lost = 0;
  const problems: string[] = [];
  for (const ids of idsByEmail.values()) if (ids.length > 1) duplicates += ids.length - 1;
  rows.forEach((row, i) => {
    const report = reports[i]!;
    const ids = idsByEmail.get(String(row.values.email)) ?? [];
    const valid = row.values.name !== null;
    if (valid && (ids.length === 0 || !report.crmId || !ids.includes(report.crmId))) {
      lost++;
      problems.push(
        `${row.ref}: ${report.outcome} ${report.crmId} ${JSON.stringify(report.errors)}, CRM has [${ids.join(",")}]`,
      );
    }
    if (!valid && (report.outcome !== "failed" || report.errors.length === 0 || ids.length > 0))
      problems.push(`${row.ref}: invalid row ended ${report.outcome}, CRM has [${ids.join(",")}]`);
  });
  return { duplicates, lost, problems };
}

export interface CrashRunOptions {
  seed: number;
  rows: number;
  batchSize: number;
  /** A PostgreSQL database for this run; PGlite on disk in a temp folder when absent. */
  databaseUrl?: string;
}

export async function runCrashRun(options: CrashRunOptions): Promise<CrashFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), "crm-crash-"));
  const port = await freePort();
  const env = {
    port,
    adminToken: ADMIN_TOKEN,
    dataDir,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  };
  const rows = campaignRows(options.seed, options.rows);
  // Killed after a seeded share (20-60 %) of the rows were answered, with more batches in flight.
  const killAt = Math.floor(options.rows * (0.2 + 0.4 * unitHash(`kill|${options.seed}`)));
  let server: ServerProcess | null = await startServerProcess(env);
  try {
    const first = clientFor(server.url, 1);
    const opened = await first.createImport({
      sheet: "customers",
      duplicateAction: "update",
      source: "crash run 1",
    });
    let killing: Promise<void> | null = null;
    let killedAfterRows = 0;
    const running = server;
    const run1 = await importRows(first, opened.id, rows, {
      batchSize: options.batchSize,
      onProgress: (p) => {
        if (!killing && p.rowsDone >= killAt) {
          killedAfterRows = p.rowsDone;
          killing = running.kill();
        }
      },
    });
    await killing;
    // The write-back of run 1: only rows the CRM confirmed get their CRM ID in the sheet.
    const saved = new Map(run1.results.filter((r) => r.crmId).map((r) => [r.ref, r]));

    server = await startServerProcess(env);
    const second = clientFor(server.url, 5);
    const again = await second.createImport({
      sheet: "customers",
      duplicateAction: "update",
      source: "crash run 2",
    });
    const run2 = await importRows(second, again.id, rerunRows(rows, saved), { batchSize: options.batchSize });
    await second.finishImport(again.id);
    const verdict = await check(second, rows, run2.results);
    // Then the re-run's import is reverted, with a kill in the middle of it (crash-revert.ts).
    const reverted = await crashRevert(
      env,
      server,
      (url) => clientFor(url, 5),
      again.id,
      run2.results,
      1 + Math.floor(3 * unitHash(`revert-kill|${options.seed}`)),
    );
    server = reverted.server;
    return {
      seed: options.seed,
      rows: rows.length,
      killedAfterRows,
      savedBeforeKill: saved.size,
      ...verdict,
      ...reverted.figures,
    };
  } finally {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
