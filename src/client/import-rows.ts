/**
 * Sends an import's rows in batches and accounts for every row: each ends with the CRM's outcome,
 * a failure with its reason, or "not sent" after a cancel. Nothing is dropped silently.
 *
 * Each batch gets one idempotency key, made once and reused on every retry of that batch, so a retry
 * after a lost answer is recognised by the CRM and never writes the rows twice.
 */
import { z } from "zod";
import {
  MAX_ROWS_PER_BATCH,
  importRowSchema,
  messages,
  type ImportRow,
  type RowOutcome,
  type RowResult,
} from "../domain";
import type { CrmClient } from "./crm-client";
import { CrmClientError } from "./errors";
import { forEachLimited } from "./limiter";
import { describeIssue, parseOutgoing } from "./outgoing";
import { createProgressMeter, type ImportProgress } from "./progress";

export type RowStatus = RowOutcome | "not sent";
export interface RowReport extends Omit<RowResult, "outcome"> {
  outcome: RowStatus;
}

export interface FailedBatch {
  /** Resend the same rows with this key (client.sendBatch) to learn what the CRM did with them. */
  idempotencyKey: string;
  refs: string[];
  /** The rows as they were sent, and the index of each in the input. */
  rows: ImportRow[];
  at: number[];
  error: CrmClientError;
  /** The CRM may have written these rows before the failure (lost answer, 5xx). */
  unconfirmed: boolean;
}

export interface ImportRowsResult {
  /** One per input row, in input order. */
  results: RowReport[];
  notSent: string[];
  failedBatches: FailedBatch[];
  cancelled: boolean;
}

/**
 * The rows to send: an array, or anything that makes row `index` on demand (a batch's rows are then
 * made when its turn comes, so the first batch leaves before the last row is made).
 */
export interface RowSource {
  readonly length: number;
  at(index: number): ImportRow | undefined;
}

export interface ImportRowsOptions {
  batchSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Each batch's reports as soon as they are known (`at`: the rows' indexes in the input), so the
   * caller can work on them while later batches are on their way.
   */
  onBatch?: (at: readonly number[], reports: readonly RowReport[]) => void;
}

const optionsSchema = z.object({
  batchSize: z.number().int().min(1).max(MAX_ROWS_PER_BATCH).default(MAX_ROWS_PER_BATCH),
  concurrency: z.number().int().min(1).max(16).optional(),
});

/** A batch: its idempotency key, its rows and their indexes in the caller's input. */
interface Batch {
  key: string;
  rows: ImportRow[];
  /** Index in the caller's input of each row of the batch. */
  at: number[];
}

const rowFailure = (ref: string, message: string, outcome: RowStatus = "failed"): RowReport => ({
  ref,
  outcome,
  crmId: null,
  version: null,
  errors: [{ field: null, message }],
});

const refOf = (raw: unknown, at: number): string => {
  const ref = z.object({ ref: z.string() }).safeParse(raw);
  return ref.success ? ref.data.ref : `#${at + 1}`;
};

/**
 * A slice of the input as a batch, and the reports of its rows of the wrong shape: such a row fails
 * on its own, with its reason; it never spoils its batch. Checked when the batch's turn comes, so
 * the first batch leaves at once.
 */
function batchOf(
  rows: RowSource,
  from: number,
  to: number,
): { batch: Batch; malformed: number[]; reports: RowReport[] } {
  const batch: Batch = { key: crypto.randomUUID(), rows: [], at: [] };
  const malformed: number[] = [];
  const reports: RowReport[] = [];
  for (let at = from; at < to; at++) {
    const row = rows.at(at);
    const parsed = importRowSchema.safeParse(row);
    if (parsed.success) {
      batch.rows.push(parsed.data);
      batch.at.push(at);
    } else {
      malformed.push(at);
      reports.push(rowFailure(refOf(row, at), messages.crm.invalidRequest(describeIssue(parsed.error))));
    }
  }
  return { batch, malformed, reports };
}

function failBatch(batch: Batch, error: CrmClientError): RowReport[] {
  const message = error.unconfirmed
    ? messages.crm.batchUnconfirmed(error.message)
    : messages.crm.batchFailed(error.message);
  return batch.rows.map((row) => rowFailure(row.ref, message));
}

/**
 * Sends `rows` to an open import in batches of `batchSize`, `concurrency` at a time, and answers one
 * report per row in input order. Rejects only for a bad `options`; every CRM failure lands in the rows.
 */
export async function importRows(
  client: CrmClient,
  importId: string,
  rows: RowSource,
  options: ImportRowsOptions = {},
): Promise<ImportRowsResult> {
  const { batchSize, concurrency = client.settings.concurrency } = parseOutgoing(optionsSchema, options);
  const { signal, onProgress, onBatch } = options;
  const results: Array<RowReport | undefined> = new Array(rows.length);
  const starts = Array.from({ length: Math.ceil(rows.length / batchSize) }, (_, i) => i * batchSize);
  const meter = createProgressMeter(rows.length, starts.length, client.settings.now);
  onProgress?.(meter.snapshot());
  const failedBatches: FailedBatch[] = [];
  const notSent: string[] = [];

  const place = (at: readonly number[], reports: readonly RowReport[]): void => {
    at.forEach((i, k) => (results[i] = reports[k]));
    onBatch?.(at, reports);
  };

  await forEachLimited(starts, concurrency, async (from) => {
    const { batch, malformed, reports } = batchOf(rows, from, Math.min(from + batchSize, rows.length));
    if (malformed.length) {
      place(malformed, reports);
      meter.add(malformed.length, 0);
    }
    if (!batch.rows.length) {
      // Nothing of it to send: the batch is done.
      meter.add(0, 1);
      onProgress?.(meter.snapshot());
      return;
    }
    // Cancel stops batches from starting; one already sent is left to finish, so none is half-done.
    if (signal?.aborted) {
      notSent.push(...batch.rows.map((r) => r.ref));
      place(
        batch.at,
        batch.rows.map((r) => rowFailure(r.ref, messages.crm.notSent, "not sent")),
      );
      return;
    }
    try {
      place(batch.at, await client.sendBatch(importId, batch.rows, batch.key));
    } catch (caught) {
      if (!(caught instanceof CrmClientError)) throw caught;
      failedBatches.push({
        idempotencyKey: batch.key,
        refs: batch.rows.map((r) => r.ref),
        rows: batch.rows,
        at: batch.at,
        error: caught,
        unconfirmed: caught.unconfirmed,
      });
      place(batch.at, failBatch(batch, caught));
    }
    meter.add(batch.rows.length, 1);
    onProgress?.(meter.snapshot());
  });

  return {
    results: Array.from(
      results,
      (r, at) => r ?? rowFailure(refOf(rows.at(at), at), messages.crm.unexpectedAnswer),
    ),
    notSent,
    failedBatches,
    cancelled: signal?.aborted ?? false,
  };
}

/**
 * Asks once more, under its own idempotency key, about each batch whose answer was lost (the CRM may
 * have saved it): the CRM replays its first answer, or writes the rows now if it never got them. The
 * answers replace those rows' "not confirmed" failures in `result`. A batch still unanswered keeps
 * its failures, which say the rows may be saved and that Import can safely be run again.
 * Returns how many batches were confirmed.
 */
export async function confirmUnconfirmed(
  client: CrmClient,
  importId: string,
  result: ImportRowsResult,
): Promise<number> {
  let confirmed = 0;
  const stillFailed: FailedBatch[] = [];
  for (const failed of result.failedBatches) {
    if (!failed.unconfirmed) {
      stillFailed.push(failed);
      continue;
    }
    try {
      const answers = await client.sendBatch(importId, failed.rows, failed.idempotencyKey);
      const at = new Map(failed.refs.map((ref, k) => [ref, failed.at[k]!]));
      for (const answer of answers) {
        const i = at.get(answer.ref);
        if (i !== undefined) result.results[i] = answer;
      }
      confirmed++;
    } catch (caught) {
      if (!(caught instanceof CrmClientError)) throw caught;
      stillFailed.push(failed);
    }
  }
  result.failedBatches = stillFailed;
  return confirmed;
}
