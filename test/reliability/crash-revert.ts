/**
 * The crash campaign's revert: the re-run's import is taken back, the server is SIGKILLed while a
 * revert batch is on its way, started again on the same data, and the revert is resent (the same
 * batch under the same key, then the rest). Afterwards the rows the re-run created are gone, the rows
 * the first run created are all still there once each, and every ref has one stored outcome.
 */
import { randomUUID } from "node:crypto";
import type { CrmClient, RowReport } from "../../src/client";
import type { RevertRow } from "../../src/domain";
import { revertThrough } from "./revert-campaign";
import { startServerProcess, type ServerEnv, type ServerProcess } from "./server-process";

export interface CrashRevertFigures {
  revertKilledAfterBatches: number;
  /** Records of the re-run's creates still there, or of the first run's gone. */
  revertLost: number;
  /** Refs answered with two different outcomes across the interrupted revert and its resend. */
  revertDuplicates: number;
  revertProblems: string[];
}

const LIMIT = 50;

export async function crashRevert(
  env: ServerEnv,
  running: ServerProcess,
  clientFor: (url: string) => CrmClient,
  importId: string,
  reports: readonly RowReport[],
  killAfterBatches: number,
): Promise<{ server: ServerProcess; figures: CrashRevertFigures }> {
  const first = clientFor(running.url);
  const answered = new Map<string, RevertRow>();
  let after: string | undefined;
  // Whole batches first, then one sent as the server is killed: its answer never arrives.
  for (let i = 0; i < killAfterBatches; i++) {
    const page = await first.revertBatch(importId, { limit: LIMIT, ...(after ? { after } : {}) });
    for (const r of page.results) answered.set(r.ref, r);
    if (!page.next) break;
    after = page.next;
  }
  const key = randomUUID();
  const lost = first
    .revertBatch(importId, { limit: LIMIT, ...(after ? { after } : {}) }, key)
    .catch(() => null);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await running.kill();
  await lost;

  const server = await startServerProcess(env);
  const second = clientFor(server.url);
  // The interrupted batch resent under its key, then the whole revert again from the start.
  await second.revertBatch(importId, { limit: LIMIT, ...(after ? { after } : {}) }, key);
  const all = await revertThrough(second, importId, LIMIT);
  let revertDuplicates = 0;
  const revertProblems: string[] = [];
  for (const r of all) {
    const earlier = answered.get(r.ref);
    if (earlier && earlier.outcome !== r.outcome) {
      revertDuplicates++;
      revertProblems.push(`${r.ref}: ${earlier.outcome} then ${r.outcome}`);
    }
  }
  let revertLost = 0;
  const records = new Set((await second.listAllRecords("customers")).map((r) => r.id));
  const outcomes = new Map(all.map((r) => [r.ref, r.outcome]));
  for (const report of reports) {
    if (!report.crmId) continue;
    const gone = !records.has(report.crmId);
    const createdHere = report.outcome === "created";
    const wrong = createdHere ? !gone || outcomes.get(report.ref) !== "deleted" : gone;
    if (wrong) {
      revertLost++;
      revertProblems.push(
        `${report.ref}: ${report.outcome} then ${outcomes.get(report.ref) ?? "-"}, ${gone ? "gone" : "there"}`,
      );
    }
  }
  return {
    server,
    figures: { revertKilledAfterBatches: killAfterBatches, revertLost, revertDuplicates, revertProblems },
  };
}
