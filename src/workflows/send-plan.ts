/**
 * The order rows are sent in. A row whose reference names another row of the same sheet that the
 * import creates (a branch and its headquarters) is linked to that row's ref and sent in a later
 * round than it, so the CRM has made the headquarters, or in a dry run knows it would, first.
 */
import {
  importRows,
  type CrmClient,
  type FailedBatch,
  type ImportRowsOptions,
  type ImportRowsResult,
  type RowReport,
} from "../client";
import { foldText, type ImportRow, type RecordValues, type SheetDef } from "../domain";
import type { RowAssessment } from "./assess";

export const refOf = (sheet: string, row: number): string => `${sheet}!${row + 1}`;

/**
 * A row as the API takes it. For an update, a blank cell means the user erased the value (the row
 * was downloaded with every field), so blanks are sent as fields to clear; a new record just omits them.
 */
export function importRowOf(sheetTitle: string, r: RowAssessment): ImportRow {
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
    ...(r.clone ? { clone: true } : {}),
  };
}

export interface SendPlan {
  /** Indexes into the rows to send, round by round: a round leaves when the one before it has landed. */
  rounds: number[][];
  /** Per row to send, its reference fields that name another row of the import, and that row's index. */
  links: (Map<string, number> | undefined)[];
}

/** Rows between two points where the plan may pause (a few milliseconds of folding names). */
const STEP_ROWS = 256;

/** A row's index among `rows` by customer number (any case) and by folded name, when only one row has it. */
function* creatorsBy(
  rows: readonly RowAssessment[],
  key: string,
  norm: (s: string) => string,
): Generator<void, Map<string, number>, void> {
  const seen = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    if (i % STEP_ROWS === STEP_ROWS - 1) yield;
    const r = rows[i]!;
    const v = r.values?.[key];
    if (r.action !== "create" || typeof v !== "string" || !v) continue;
    const k = norm(v);
    seen.set(k, seen.has(k) ? -1 : i);
  }
  return seen;
}

/**
 * Links and rounds for `rows` (the rows an import sends, in sheet order), yielding every few hundred
 * rows so a caller can give the pane's event loop a turn (`drive` in src/excel/turns.ts): folding
 * 10,000 names held it ~90 ms at once (bench `ribbon`).
 */
export function* planSendSteps(
  sheet: SheetDef,
  rows: readonly RowAssessment[],
): Generator<void, SendPlan, void> {
  const fields = sheet.fields.filter((f) => f.kind === "reference" && f.refSheet === sheet.name);
  const links: (Map<string, number> | undefined)[] = new Array(rows.length);
  if (fields.length) {
    const byNumber = yield* creatorsBy(rows, "customerNumber", (s) => s.toLowerCase());
    const byName = yield* creatorsBy(rows, "name", foldText);
    for (let i = 0; i < rows.length; i++) {
      if (i % STEP_ROWS === STEP_ROWS - 1) yield;
      const r = rows[i]!;
      for (const f of fields) {
        const v = r.values?.[f.key];
        if (typeof v !== "string" || !v) continue;
        const j = byNumber.get(v.toLowerCase()) ?? byName.get(foldText(v));
        if (j === undefined || j < 0 || j === i) continue;
        (links[i] ??= new Map()).set(f.key, j);
      }
    }
  }
  return { rounds: roundsOf(links), links };
}

/** The plan in one go (tests, small sheets). */
export function planSend(sheet: SheetDef, rows: readonly RowAssessment[]): SendPlan {
  const steps = planSendSteps(sheet, rows);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** A row's round is one more than the latest round of the rows it links to; a cycle stops at its start. */
function roundsOf(links: readonly (Map<string, number> | undefined)[]): number[][] {
  const round = new Array<number>(links.length).fill(-1);
  const visiting = new Set<number>();
  const depth = (i: number): number => {
    if (round[i]! >= 0) return round[i]!;
    if (visiting.has(i)) return 0;
    visiting.add(i);
    let d = 0;
    for (const j of links[i]?.values() ?? []) d = Math.max(d, depth(j) + 1);
    visiting.delete(i);
    round[i] = d;
    return d;
  };
  const rounds: number[][] = [];
  for (let i = 0; i < links.length; i++) (rounds[depth(i)] ??= []).push(i);
  return rounds.filter((r) => r.length > 0);
}

/** The row as sent, with its links as the refs of the rows they name. */
export function withLinks(
  row: ImportRow,
  links: Map<string, number> | undefined,
  refOf: (i: number) => string,
): ImportRow {
  if (!links) return row;
  return { ...row, links: Object.fromEntries([...links].map(([field, j]) => [field, refOf(j)])) };
}

/**
 * Sends the rows round by round (importRows per round) and answers as one importRows would: one
 * report per row in input order, progress over all rounds, batch indexes in the caller's terms.
 */
export async function sendInRounds(
  client: CrmClient,
  importId: string,
  rowAt: (i: number) => ImportRow,
  rounds: readonly number[][],
  options: ImportRowsOptions = {},
): Promise<ImportRowsResult> {
  const total = rounds.reduce((n, r) => n + r.length, 0);
  const results = new Array<RowReport>(total);
  const failedBatches: FailedBatch[] = [];
  const notSent: string[] = [];
  let done = 0;
  for (const round of rounds) {
    const r = await importRows(
      client,
      importId,
      { length: round.length, at: (k) => rowAt(round[k]!) },
      {
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => options.onProgress?.({ ...p, rowsDone: done + p.rowsDone, rowsTotal: total }),
        onBatch: (at, reports) =>
          options.onBatch?.(
            at.map((k) => round[k]!),
            reports,
          ),
      },
    );
    r.results.forEach((report, k) => (results[round[k]!] = report));
    for (const f of r.failedBatches) failedBatches.push({ ...f, at: f.at.map((k) => round[k]!) });
    notSent.push(...r.notSent);
    done += round.length;
  }
  return { results, notSent, failedBatches, cancelled: options.signal?.aborted ?? false };
}
