/**
 * Taking an import back from the pane: a dry run first (what each row would do), then the revert in
 * batches with progress and cancel, then the sheet's rows that carried those CRM IDs marked.
 */
import type { CrmClient } from "../client";
import {
  baseCatalog,
  fieldByKey,
  revertMessages as text,
  type RevertCounts,
  type RevertRow,
  type SheetName,
} from "../domain";
import { readSheet, writeImportOutcomes, type RowOutcomeCells } from "../excel";
import { clientOf, type WorkflowDeps } from "./deps";

/** Rows per revert batch: a batch holds the sheets' locks in the CRM for its transaction. */
export const REVERT_BATCH = 200;

export interface RevertReport {
  counts: RevertCounts;
  /** Rows the revert left as they are, with why and both versions. */
  conflicts: RevertRow[];
  /** Rows answered (all of the import's created and updated rows unless cancelled). */
  done: number;
  cancelled: boolean;
  /** Sheet rows whose status was updated. */
  marked: number;
}

const emptyCounts = (): RevertCounts => ({ deleted: 0, restored: 0, reversed: 0, conflict: 0 });

/**
 * Every batch of the import's revert, one after another (each starts after the last one's cursor),
 * each under its own idempotency key kept across the client's retries. Cancel stops before the next
 * batch; the one in flight finishes, so every row answered is accounted for.
 */
async function eachBatch(
  client: CrmClient,
  importId: string,
  dryRun: boolean,
  signal: AbortSignal | undefined,
  onRows: (rows: RevertRow[]) => void,
): Promise<{ cancelled: boolean }> {
  let after: string | undefined;
  for (;;) {
    if (signal?.aborted) return { cancelled: true };
    const page = await client.revertBatch(importId, {
      dryRun,
      limit: REVERT_BATCH,
      ...(after !== undefined ? { after } : {}),
    });
    onRows(page.results);
    if (page.next === null) return { cancelled: false };
    after = page.next;
  }
}

function tally(report: RevertReport, rows: readonly RevertRow[]): void {
  for (const r of rows) {
    report.counts[r.outcome]++;
    if (r.outcome === "conflict") report.conflicts.push(r);
  }
  report.done += rows.length;
}

const newReport = (): RevertReport => ({
  counts: emptyCounts(),
  conflicts: [],
  done: 0,
  cancelled: false,
  marked: 0,
});

/** What a revert would do, row by row; nothing is written to the CRM or to the sheet. */
export async function previewRevert(deps: WorkflowDeps, importId: string): Promise<RevertReport> {
  const client = await clientOf(deps);
  const report = newReport();
  await eachBatch(client, importId, true, deps.signal, (rows) => tally(report, rows));
  return report;
}

/** The revert itself; `onProgress` hears the rows answered so far. Then the sheet is marked. */
export async function revertImport(
  deps: WorkflowDeps,
  importId: string,
  sheet: SheetName,
  onProgress: (done: number) => void,
): Promise<RevertReport> {
  const client = await clientOf(deps);
  const report = newReport();
  const answered: RevertRow[] = [];
  const { cancelled } = await eachBatch(client, importId, false, deps.signal, (rows) => {
    tally(report, rows);
    answered.push(...rows);
    onProgress(report.done);
  });
  report.cancelled = cancelled;
  report.marked = await markRevertedRows(deps, sheet, answered);
  return report;
}

function statusOf(r: RevertRow): string {
  switch (r.outcome) {
    case "deleted":
      return text.statusDeleted;
    case "restored":
      return text.statusRestored;
    case "reversed":
      return text.statusReversed;
    default:
      return text.statusConflict(r.message ?? "");
  }
}

/** "Customers!12" -> "Customers": the import's refs name the sheet each row came from. */
const sheetNameOf = (ref: string): string | null => {
  const bang = ref.lastIndexOf("!");
  return bang > 0 ? ref.slice(0, bang) : null;
};

/**
 * The rows of the workbook that carry the reverted CRM IDs (found by the ID, wherever the row is
 * now) get their status; a deleted record's row loses its CRM ID and row hash, so importing it
 * again creates it again. Returns the rows marked.
 */
export async function markRevertedRows(
  deps: WorkflowDeps,
  sheet: SheetName,
  rows: readonly RevertRow[],
): Promise<number> {
  const bySheet = new Map<string, Map<string, RevertRow>>();
  for (const r of rows) {
    const name = sheetNameOf(r.ref);
    if (!name || !r.crmId) continue;
    (bySheet.get(name) ?? bySheet.set(name, new Map()).get(name)!).set(r.crmId, r);
  }
  const label = fieldByKey(baseCatalog[sheet], "crmId")?.label.toLowerCase();
  let marked = 0;
  for (const [name, byId] of bySheet) {
    const grid = await readSheet(deps.env, name).catch(() => null);
    if (!grid) continue;
    const col = grid.frame.headers.findIndex((h) => h.toLowerCase() === label);
    if (col < 0) continue;
    const cells: RowOutcomeCells[] = [];
    grid.rows.forEach((row, i) => {
      const id = row[col];
      const r = typeof id === "string" ? byId.get(id.trim()) : undefined;
      if (!r) return;
      const cleared = r.outcome === "deleted";
      cells.push({
        row: grid.firstRow + i,
        status: statusOf(r),
        ...(cleared ? { crmId: "", hash: "" } : {}),
      });
    });
    if (cells.length) await writeImportOutcomes(deps.env, name, grid.frame, col, cells);
    marked += cells.length;
  }
  return marked;
}
