import { confirmUnconfirmed, importRows, type CrmClient, type RowReport, type RowSource } from "../client";
import type { DuplicateAction, ImportRow, RecordValues } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { rowHash, turns, writeImportOutcomes, type RowOutcomeCells } from "../excel";
import type { Assessment, RowAssessment } from "./assess";
import { clientOf, type WorkflowDeps } from "./deps";
import { notify, setProgress, setSummary, type ImportSummaryView } from "./store";
import { paintAssessment, assessSheet, type ValidateOptions } from "./validate-sheet";

export interface ImportOptions extends ValidateOptions {
  duplicateAction?: DuplicateAction;
}

const refOf = (sheet: string, row: number): string => `${sheet}!${row + 1}`;

/**
 * A row as the API takes it. For an update, a blank cell means the user erased the value (the row
 * was downloaded with every field), so blanks are sent as fields to clear; a new record just omits them.
 */
function importRowOf(sheetTitle: string, r: RowAssessment): ImportRow {
  const values: RecordValues = {};
  const clear: string[] = [];
  for (const [key, value] of Object.entries(r.values ?? {})) {
    if (key === "crmId") continue;
    if (value !== null) values[key] = value;
    else if (r.crmId) clear.push(key);
  }
  return {
    ref: refOf(sheetTitle, r.sheetRow),
    ...(r.crmId ? { crmId: r.crmId } : {}),
    ...(r.crmId && r.version ? { version: r.version } : {}),
    values,
    ...(clear.length ? { clear } : {}),
  };
}

const reasons = (report: RowReport): string =>
  report.errors.map((e) => e.message).join(" ") || report.outcome;

function statusOf(report: RowReport): string {
  switch (report.outcome) {
    case "created":
      return text.created;
    case "updated":
      return text.updated;
    case "unchanged":
      return text.unchangedInCrm;
    case "skipped":
      return text.skipped(report.errors.map((e) => e.message).join(" "));
    case "conflict":
      return text.conflict(reasons(report));
    default:
      return text.failed(reasons(report));
  }
}

/** The cells an outcome changes: a saved row gets its CRM ID, version and new hash. */
function outcomeCells(a: Assessment, r: RowAssessment, report: RowReport): RowOutcomeCells {
  const saved =
    report.outcome === "created" || report.outcome === "updated" || report.outcome === "unchanged";
  const cells = [...a.grid.rows[r.sheetRow - a.grid.firstRow]!];
  if (!saved || report.crmId === null) return { row: r.sheetRow, status: statusOf(report) };
  return {
    row: r.sheetRow,
    crmId: report.crmId,
    ...(report.version !== null ? { version: report.version } : {}),
    hash: rowHash(cells, a.grid.frame.dataCols, a.crmIdCol ?? -1),
    status: statusOf(report),
  };
}

/**
 * Import: validate first (marks painted), send only valid new or changed rows in batches, then write
 * each row's CRM ID, version and status back, so importing again sends nothing already saved.
 */
export async function importSheet(
  deps: WorkflowDeps,
  options: ImportOptions = {},
): Promise<ImportSummaryView> {
  const client = await clientOf(deps);
  const a = await assessSheet(deps, options);
  const toSend = a.rows.filter((r) => r.action === "create" || r.action === "update");
  const summary: ImportSummaryView = {
    sheet: a.grid.name,
    importId: null,
    created: 0,
    updated: 0,
    unchanged: a.rows.filter((r) => r.action === "unchanged").length,
    skipped: 0,
    failed: 0,
    conflict: 0,
    invalid: a.report.errorRows,
    notSent: 0,
  };
  if (toSend.length === 0) {
    await paintAssessment(deps, a);
    setSummary(summary);
    notify("info", text.nothingToImport(a.grid.name), a.grid.name);
    return summary;
  }
  // The marks and statuses are painted while the rows are on their way (Excel works while the CRM
  // does); the outcomes are written after the paint, over its statuses. A failed paint does not stop
  // the import: its outcomes are written back first, then the failure is reported.
  const painting = settled(paintAssessment(deps, a));
  const sending = settled(sendRows(client, deps, options, a, toSend));
  const [painted, sent] = [await painting, await sending];
  if (!sent.ok) throw sent.error;
  const { importId, results, outcomes } = sent.value;
  await writeImportOutcomes(deps.env, a.grid.name, a.grid.frame, a.crmIdCol, outcomes);
  for (const report of results) {
    if (report.outcome === "unchanged") summary.unchanged++;
    else if (report.outcome === "not sent") summary.notSent++;
    else summary[report.outcome]++;
  }
  summary.importId = importId;
  setProgress(null);
  setSummary(summary);
  if (!painted.ok) throw painted.error;
  notify(
    summary.failed + summary.conflict ? "warning" : "success",
    text.imported(
      a.grid.name,
      summary.created,
      summary.updated,
      summary.failed + summary.conflict + summary.invalid,
    ),
    a.grid.name,
  );
  return summary;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settled = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * Opens the import, sends the rows and finishes it. Each row's cells to write back are worked out as
 * its batch's answer lands, while later batches are on their way.
 */
async function sendRows(
  client: CrmClient,
  deps: WorkflowDeps,
  options: ImportOptions,
  a: Assessment,
  toSend: readonly RowAssessment[],
): Promise<{ importId: string; results: RowReport[]; outcomes: RowOutcomeCells[] }> {
  const opened = await client.createImport({
    sheet: a.sheet.name,
    duplicateAction: options.duplicateAction ?? "skip",
    source: a.grid.name,
  });
  // Each row is made when its batch's turn comes: the first batch leaves at once.
  const rows: RowSource = { length: toSend.length, at: (i) => importRowOf(a.grid.name, toSend[i]!) };
  const outcomes = new Array<RowOutcomeCells>(toSend.length);
  const from = new Array<RowReport>(toSend.length);
  const cellsOf = (i: number, report: RowReport) => {
    outcomes[i] = outcomeCells(a, toSend[i]!, report);
    from[i] = report;
  };
  const result = await importRows(client, opened.id, rows, {
    ...(deps.signal ? { signal: deps.signal } : {}),
    onProgress: (p) =>
      setProgress({ rowsDone: p.rowsDone, rowsTotal: p.rowsTotal, secondsLeft: p.secondsLeft }),
    onBatch: (at, reports) => at.forEach((i, k) => cellsOf(i, reports[k]!)),
  });
  // A batch whose every answer was lost may be saved: learn its fate before writing statuses.
  await confirmUnconfirmed(client, opened.id, result);
  await client.finishImport(opened.id);
  // Rows of batches confirmed since have new reports (all of them, after a long outage).
  const t = turns();
  for (let i = 0; i < result.results.length; i++) {
    if (from[i] !== result.results[i]) cellsOf(i, result.results[i]!);
    const wait = i % 200 === 199 ? t.check() : undefined;
    if (wait) await wait;
  }
  return { importId: opened.id, results: result.results, outcomes };
}
