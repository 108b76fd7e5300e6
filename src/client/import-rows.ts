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

export interface ImportRowsOptions {
  batchSize?: number;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

const optionsSchema = z.object({
  batchSize: z.number().int().min(1).max(MAX_ROWS_PER_BATCH).default(MAX_ROWS_PER_BATCH),
  concurrency: z.number().int().min(1).max(16).optional(),
});

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

/** A row of the wrong shape fails on its own, with its reason; it never spoils its batch. */
function checkRows(
  rows: readonly unknown[],
  results: Array<RowReport | undefined>,
): Array<{ row: ImportRow; at: number }> {
  const valid: Array<{ row: ImportRow; at: number }> = [];
  rows.forEach((raw, at) => {
    const parsed = importRowSchema.safeParse(raw);
    if (parsed.success) valid.push({ row: parsed.data, at });
    else results[at] = rowFailure(refOf(raw, at), messages.crm.invalidRequest(describeIssue(parsed.error)));
  });
  return valid;
}

const refOf = (raw: unknown, at: number): string => {
  const ref = z.object({ ref: z.string() }).safeParse(raw);
  return ref.success ? ref.data.ref : `#${at + 1}`;
};

function splitBatches(valid: Array<{ row: ImportRow; at: number }>, size: number): Batch[] {
  const batches: Batch[] = [];
  for (let start = 0; start < valid.length; start += size) {
    const slice = valid.slice(start, start + size);
    batches.push({ key: crypto.randomUUID(), rows: slice.map((v) => v.row), at: slice.map((v) => v.at) });
  }
  return batches;
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
  rows: readonly ImportRow[],
  options: ImportRowsOptions = {},
): Promise<ImportRowsResult> {
  const { batchSize, concurrency = client.settings.concurrency } = parseOutgoing(optionsSchema, options);
  const { signal, onProgress } = options;
  const results: Array<RowReport | undefined> = new Array(rows.length);
  const batches = splitBatches(checkRows(rows, results), batchSize);
  const meter = createProgressMeter(rows.length, batches.length, client.settings.now);
  meter.add(rows.length - batches.reduce((n, b) => n + b.rows.length, 0), 0);
  onProgress?.(meter.snapshot());
  const failedBatches: FailedBatch[] = [];
  const notSent: string[] = [];

  const place = (batch: Batch, reports: readonly RowReport[]): void => {
    batch.at.forEach((at, i) => (results[at] = reports[i]));
  };

  await forEachLimited(batches, concurrency, async (batch) => {
    // Cancel stops batches from starting; one already sent is left to finish, so none is half-done.
    if (signal?.aborted) {
      notSent.push(...batch.rows.map((r) => r.ref));
      place(
        batch,
        batch.rows.map((r) => rowFailure(r.ref, messages.crm.notSent, "not sent")),
      );
      return;
    }
    try {
      place(batch, await client.sendBatch(importId, batch.rows, batch.key));
    } catch (caught) {
      if (!(caught instanceof CrmClientError)) throw caught;
      failedBatches.push({
        idempotencyKey: batch.key,
        refs: batch.rows.map((r) => r.ref),
        error: caught,
        unconfirmed: caught.unconfirmed,
      });
      place(batch, failBatch(batch, caught));
    }
    meter.add(batch.rows.length, 1);
    onProgress?.(meter.snapshot());
  });

  return {
    results: results.map((r, at) => r ?? rowFailure(refOf(rows[at], at), messages.crm.unexpectedAnswer)),
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
  rows: readonly ImportRow[],
  result: ImportRowsResult,
): Promise<number> {
  const at = new Map(rows.map((r, i) => [r.ref, i]));
  let confirmed = 0;
  const stillFailed: FailedBatch[] = [];
  for (const failed of result.failedBatches) {
    if (!failed.unconfirmed) {
      stillFailed.push(failed);
      continue;
    }
    try {
      const batch = failed.refs.map((ref) => rows[at.get(ref)!]!);
      const answers = await client.sendBatch(importId, batch, failed.idempotencyKey);
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
