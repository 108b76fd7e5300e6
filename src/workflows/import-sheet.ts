import { CrmClientError, confirmUnconfirmed, type CrmClient, type RowReport } from "../client";
import { sheetMessages as text } from "../domain/sheet-messages";
import {
  drive,
  propertyKeys,
  tagSheet,
  turns,
  untagSheet,
  writeImportOutcomes,
  type RowOutcomeCells,
} from "../excel";
import type { Assessment, RowAssessment } from "./assess";
import { clientOf, type WorkflowDeps } from "./deps";
import { hashOf } from "./predict";
import { importRowOf, planSendSteps, refOf, sendInRounds, withLinks } from "./send-plan";
import {
  getState,
  notify,
  rememberImportOptions,
  setProgress,
  setSummary,
  type ImportSummaryView,
  type Prediction,
  type SheetImportOptions,
  type SkippedRowView,
} from "./store";
import { markConflicts } from "./conflicts";
import { paintAssessment, assessSheet, importOptionsFor, type ValidateOptions } from "./validate-sheet";
import { importOpening } from "./import-options";

/** Skipped rows listed in the summary, with why; the status column says it of every one. */
export const MAX_SKIPPED_SHOWN = 50;

/** The summary's list of skipped rows: the first few dozen, in sheet order. */
const listed = (sheet: string, rows: { row: number; reason: string }[]): SkippedRowView[] =>
  rows
    .sort((x, y) => x.row - y.row)
    .slice(0, MAX_SKIPPED_SHOWN)
    .map((r) => ({ ref: refOf(sheet, r.row), reason: r.reason }));

/** Options not given are those last chosen for the sheet (the ribbon gives none). */
export interface ImportOptions extends ValidateOptions, Partial<SheetImportOptions> {}

const whyOf = (report: RowReport): string => report.errors.map((e) => e.message).join(" ");
const reasons = (report: RowReport): string => whyOf(report) || report.outcome;

function statusOf(report: RowReport): string {
  switch (report.outcome) {
    case "created":
      return text.created;
    case "updated":
      return text.updated;
    case "unchanged":
      return text.unchangedInCrm;
    case "skipped":
      return text.skipped(whyOf(report));
    case "conflict":
      return text.conflict(reasons(report));
    default:
      return text.failed(reasons(report));
  }
}

/**
 * The row's status; when Validate's dry run said otherwise of the same cells, the CRM changed in
 * between, and the status says what Validate said.
 */
function statusAfter(a: Assessment, r: RowAssessment, report: RowReport, said: Prediction | undefined) {
  const status = statusOf(report);
  if (!said || said.outcome === report.outcome || report.outcome === "not sent") return status;
  return said.hash === hashOf(a, r) ? status + text.changedSinceValidate(said.status) : status;
}

/** The cells an outcome changes: a saved row gets its CRM ID, version and new hash. */
function outcomeCells(
  a: Assessment,
  r: RowAssessment,
  report: RowReport,
  said: Prediction | undefined,
): RowOutcomeCells {
  const saved =
    report.outcome === "created" || report.outcome === "updated" || report.outcome === "unchanged";
  const status = statusAfter(a, r, report, said);
  if (!saved || report.crmId === null) return { row: r.sheetRow, status };
  return {
    row: r.sheetRow,
    crmId: report.crmId,
    ...(report.version !== null ? { version: report.version } : {}),
    hash: hashOf(a, r),
    status,
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
  const a = await assessSheet(deps, options, true);
  const chosen = { ...importOptionsFor(a.grid.name, a.sheet.name), ...definedOf(options) };
  const { mailMe: _perUser, ...kept } = chosen;
  rememberImportOptions(a.grid.name, kept);
  // Rows of an in-file duplicate group left out by the user's choice: not sent, and say so.
  const leftOut = a.rows.filter((r) => r.action === "duplicate");
  for (const r of leftOut) a.statuses[r.sheetRow - a.grid.firstRow] = text.skipped(r.leftOut ?? "");
  const toSend = a.rows.filter((r) => r.action === "create" || r.action === "update");
  const skipped = leftOut.map((r) => ({ row: r.sheetRow, reason: r.leftOut ?? "" }));
  const summary: ImportSummaryView = {
    sheet: a.grid.name,
    importId: null,
    created: 0,
    updated: 0,
    unchanged: a.rows.filter((r) => r.action === "unchanged").length,
    skipped: leftOut.length,
    failed: 0,
    conflict: 0,
    invalid: a.report.errorRows,
    notSent: 0,
    skippedRows: listed(a.grid.name, skipped),
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
  const sending = settled(sendRows(client, deps, chosen, a, toSend));
  const [painted, sent] = [await painting, await sending];
  if (!sent.ok) throw sent.error;
  const { importId, results, outcomes, open, silent } = sent.value;
  await writeImportOutcomes(deps.env, a.grid.name, a.grid.frame, a.crmIdCol, outcomes);
  for (const [i, report] of results.entries()) {
    // No answer is not a failure: the CRM may have saved the row, and the next Import says which.
    if (silent.has(i)) summary.noAnswer = (summary.noAnswer ?? 0) + 1;
    else if (report.outcome === "unchanged") summary.unchanged++;
    else if (report.outcome === "not sent") summary.notSent++;
    else summary[report.outcome]++;
    if (report.outcome === "skipped") skipped.push({ row: toSend[i]!.sheetRow, reason: whyOf(report) });
  }
  summary.importId = importId;
  summary.skippedRows = listed(a.grid.name, skipped);
  const conflicted = toSend.filter((_, i) => results[i]?.outcome === "conflict");
  if (conflicted.length) {
    // The CRM's side of each conflict, beside the user's; without it the statuses still say why.
    try {
      summary.conflicts = await markConflicts(deps, client, a, conflicted);
    } catch (e) {
      if (!(e instanceof CrmClientError)) throw e;
    }
  }
  setProgress(null);
  setSummary(summary);
  if (!painted.ok) throw painted.error;
  if (open) {
    notify("warning", text.interrupted(a.grid.name, open), a.grid.name);
    return summary;
  }
  const problems = summary.failed + summary.conflict + summary.invalid + summary.notSent;
  // A run that changed nothing is not reported as a success.
  notify(
    problems ? "warning" : summary.created + summary.updated ? "success" : "info",
    text.imported(
      a.grid.name,
      summary.created,
      summary.updated,
      summary.skipped,
      summary.failed + summary.conflict + summary.invalid + summary.notSent,
    ),
    a.grid.name,
  );
  return summary;
}

/** The import options given, without the sheet and without keys given as undefined. */
function definedOf(options: ImportOptions): Partial<SheetImportOptions> {
  const { sheet: _sheet, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
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
  options: SheetImportOptions,
  a: Assessment,
  toSend: readonly RowAssessment[],
): Promise<{
  importId: string;
  results: RowReport[];
  outcomes: RowOutcomeCells[];
  open: number;
  /** Indexes (into toSend) of the rows whose batch the CRM never answered. */
  silent: ReadonlySet<number>;
}> {
  const opened = await openImport(client, deps, options, a);
  // A row naming another row it creates (a branch and its headquarters) goes in a later round.
  const plan = await drive(planSendSteps(a.sheet, toSend), turns());
  const ref = (i: number) => refOf(a.grid.name, toSend[i]!.sheetRow);
  // Each row is made when its batch's turn comes: the first batch leaves at once.
  const rowAt = (i: number) => withLinks(importRowOf(a.grid.name, toSend[i]!), plan.links[i], ref);
  const said = getState().predictions[a.grid.name];
  const outcomes = new Array<RowOutcomeCells>(toSend.length);
  const from = new Array<RowReport>(toSend.length);
  const cellsOf = (i: number, report: RowReport) => {
    outcomes[i] = outcomeCells(a, toSend[i]!, report, said?.get(ref(i)));
    from[i] = report;
  };
  const result = await sendInRounds(client, opened.id, rowAt, plan.rounds, {
    ...(deps.signal ? { signal: deps.signal } : {}),
    onProgress: (p) =>
      setProgress({ rowsDone: p.rowsDone, rowsTotal: p.rowsTotal, secondsLeft: p.secondsLeft }),
    onBatch: (at, reports) => at.forEach((i, k) => cellsOf(i, reports[k]!)),
  });
  // A batch whose every answer was lost may be saved: learn its fate before writing statuses.
  await confirmUnconfirmed(client, opened.id, result);
  // Batches the CRM never answered keep the import open for the next Import to continue.
  const silent = result.failedBatches.filter((b) => noAnswer(b.error));
  const unanswered = silent.reduce((n, b) => n + b.rows.length, 0);
  const finished = unanswered === 0 && (await finishOrKeepOpen(client, opened.id));
  for (const b of silent)
    for (const i of b.at) outcomes[i] = { row: toSend[i]!.sheetRow, status: text.noAnswer(b.error.message) };
  if (finished) await untagSheet(deps.env, a.grid.name, [propertyKeys.openImport]);
  // Rows of batches confirmed since have new reports (all of them, after a long outage).
  const t = turns();
  for (let i = 0; i < result.results.length; i++) {
    if (from[i] !== result.results[i]) cellsOf(i, result.results[i]!);
    const wait = i % 200 === 199 ? t.check() : undefined;
    if (wait) await wait;
  }
  return {
    importId: opened.id,
    results: result.results,
    outcomes,
    open: finished ? 0 : Math.max(unanswered, 1),
    silent: new Set(silent.flatMap((b) => b.at)),
  };
}

/**
 * The import this sheet's rows go to: the one an earlier Import left open when the CRM stopped
 * answering (its refs are this sheet's rows, so a row the CRM saved is answered with what it saved,
 * never created twice), else a new one, remembered on the sheet until it is finished.
 */
async function openImport(
  client: CrmClient,
  deps: WorkflowDeps,
  options: SheetImportOptions,
  a: Assessment,
): Promise<{ id: string }> {
  const kept = a.grid.properties[propertyKeys.openImport];
  if (kept) {
    const earlier = await client.getImport(kept).catch((e: unknown) => {
      // Gone, or another user's: a new import. A CRM that does not answer stops this one too.
      if (e instanceof CrmClientError && (e.kind === "notFound" || e.kind === "forbidden")) return null;
      throw e;
    });
    if (earlier && earlier.status === "open" && earlier.sheet === a.sheet.name && !earlier.dryRun) {
      // History marks it interrupted and resumed; a CRM that does not count resumes (404) continues it all the same.
      await client.resumeImport(earlier.id).catch((e: unknown) => {
        if (!(e instanceof CrmClientError && e.kind === "notFound")) throw e;
      });
      notify("info", text.resumed(a.grid.name), a.grid.name);
      return { id: earlier.id };
    }
  }
  const opened = await client.createImport({
    sheet: a.sheet.name,
    ...importOpening(options),
    ...(options.notifyEmail ? { notifyEmail: options.notifyEmail } : {}),
    ...(options.mailMe !== undefined ? { mailMe: options.mailMe } : {}),
    source: a.grid.name,
  });
  await tagSheet(deps.env, a.grid.name, { [propertyKeys.openImport]: opened.id });
  return opened;
}

/** Finishes the import; false when the CRM did not answer (it stays open for the next Import). */
async function finishOrKeepOpen(client: CrmClient, importId: string): Promise<boolean> {
  try {
    await client.finishImport(importId);
    return true;
  } catch (e) {
    if (e instanceof CrmClientError && noAnswer(e)) return false;
    throw e;
  }
}

/** The CRM did not answer (down, failing, or asking us to wait): a later Import can continue. */
const noAnswer = (e: CrmClientError) =>
  e.kind === "network" || e.kind === "server" || e.kind === "rateLimited";
