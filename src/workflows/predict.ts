/**
 * Validate's second half: the CRM is asked, through an import opened as a dry run and in the order
 * the import will send them, what each valid row would become (will create / will update what /
 * will skip because it matches X / will fail why), and the sheet's statuses and marks say exactly
 * that. Import compares its outcomes with what is kept here (`setPredictions`).
 */
import type { CrmClient, RowReport } from "../client";
import type { SheetDef } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { drive, rowHash, turns, type CellMark } from "../excel";
import type { Assessment, RowAssessment } from "./assess";
import { importRowOf, planSendSteps, refOf, sendInRounds, withLinks } from "./send-plan";
import { importOpening } from "./import-options";
import { setPredictions, setProgress, type Prediction, type SheetImportOptions } from "./store";

const reasons = (r: RowReport): string => r.errors.map((e) => e.message).join(" ");

const labelsOf = (sheet: SheetDef, keys: readonly string[]): string =>
  keys.map((k) => sheet.fields.find((f) => f.key === k)?.label ?? k).join(", ");

/** "Category Decision maker (the default)": what the import's defaults give a new record. */
const defaultedText = (sheet: SheetDef, filled: Readonly<Record<string, unknown>>): string =>
  Object.entries(filled)
    .map(([k, v]) => `${labelsOf(sheet, [k])} ${String(v)} (the default)`)
    .join(", ");

/**
 * Rows per dry-run batch. Each batch is checked (zod), serialised and its answer parsed on the pane's
 * thread in one go: at 1,000 rows that held it well over 100 ms on a 10,000-row ribbon Validate
 * (bench `ribbon`); a dry run writes nothing, so smaller batches cost the CRM little.
 */
const DRY_RUN_BATCH = 250;

/** What the status column says of a row, given the dry run's answer. */
export function predictedStatus(sheet: SheetDef, r: RowReport, warnings: number): string {
  const warn = warnings ? ` (${text.warnings(warnings)})` : "";
  switch (r.outcome) {
    case "created":
      return (
        (r.defaulted ? text.readyCreateWith(defaultedText(sheet, r.defaulted)) : text.readyCreate) + warn
      );
    case "updated":
      return (r.changes?.length ? text.readyUpdateOf(labelsOf(sheet, r.changes)) : text.readyUpdate) + warn;
    case "unchanged":
      return text.unchanged;
    case "skipped":
      return text.willSkip(reasons(r));
    case "conflict":
      return text.conflict(reasons(r));
    default:
      return text.willFail(reasons(r) || r.outcome);
  }
}

/** The row's hash as Import will see it: a prediction holds only while the row's cells are the same. */
export const hashOf = (a: Assessment, r: RowAssessment): string =>
  rowHash(a.grid.rows[r.sheetRow - a.grid.firstRow]!, a.grid.frame.dataCols, a.crmIdCol ?? -1);

/**
 * Asks the CRM's dry run about the assessment's valid new and changed rows and writes its answers
 * into the assessment (statuses, marks on the cells a failure names, the report's counts). Rows of
 * a batch the CRM did not answer keep the add-in's own status.
 */
export async function predictFates(
  client: CrmClient,
  a: Assessment,
  options: SheetImportOptions,
  signal?: AbortSignal,
): Promise<void> {
  const toSend = a.rows.filter((r) => r.action === "create" || r.action === "update");
  const predictions = new Map<string, Prediction>();
  if (toSend.length) {
    const opened = await client.createImport({
      sheet: a.sheet.name,
      ...importOpening(options),
      dryRun: true,
      source: a.grid.name,
    });
    const t = turns();
    const plan = await drive(planSendSteps(a.sheet, toSend), t);
    const ref = (i: number) => refOf(a.grid.name, toSend[i]!.sheetRow);
    const result = await sendInRounds(
      client,
      opened.id,
      (i) => withLinks(importRowOf(a.grid.name, toSend[i]!), plan.links[i], ref),
      plan.rounds,
      {
        ...(signal ? { signal } : {}),
        batchSize: DRY_RUN_BATCH,
        onProgress: (p) =>
          setProgress({ rowsDone: p.rowsDone, rowsTotal: p.rowsTotal, secondsLeft: p.secondsLeft }),
      },
    );
    setProgress(null);
    await client.finishImport(opened.id);
    const unanswered = new Set(result.failedBatches.flatMap((f) => f.at));
    // Each answer's status, marks and row hash: ~80 ms for 10,000 rows at once, so in turns.
    await t.now();
    for (let i = 0; i < result.results.length; i++) {
      const wait = t.check();
      if (wait) await wait;
      const report = result.results[i]!;
      if (unanswered.has(i) || report.outcome === "not sent") continue;
      const r = toSend[i]!;
      const status = apply(a, r, report);
      predictions.set(ref(i), { outcome: report.outcome, status, hash: hashOf(a, r) });
    }
  }
  a.report.checkedWithCrm = true;
  setPredictions(a.grid.name, predictions);
}

/** One row's answer written into the assessment; returns the row's new status. */
function apply(a: Assessment, r: RowAssessment, report: RowReport): string {
  const k = r.sheetRow - a.grid.firstRow;
  const status = predictedStatus(a.sheet, report, r.warnings);
  a.statuses[k] = status;
  const rep = a.report;
  if (r.action === "create") rep.create--;
  else rep.update--;
  switch (report.outcome) {
    case "created":
      rep.create++;
      return status;
    case "updated":
      rep.update++;
      return status;
    case "unchanged":
      rep.unchanged++;
      break;
    case "skipped":
      rep.skip++;
      break;
    default:
      rep.errorRows++;
      for (const m of marksOf(a, r, report)) a.marks.push(m);
  }
  rep.ready--;
  return status;
}

function marksOf(a: Assessment, r: RowAssessment, report: RowReport): CellMark[] {
  return report.errors.map((e) => ({
    row: r.sheetRow,
    col: (e.field !== null ? a.columnOf.get(e.field) : undefined) ?? a.grid.frame.statusCol,
    severity: "error" as const,
    message: e.message,
  }));
}
