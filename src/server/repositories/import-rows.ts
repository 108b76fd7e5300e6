/**
 * An import's rows: each row's stored result (in full when it had errors, else rebuilt from its
 * columns), written in a batch's one statement, counted and paged for History, the summary and the
 * report. The imports themselves are in imports.ts.
 */
import { sql } from "kysely";
import { rowResultSchema, type ImportCounts, type RowResult, type RowsResponse } from "../../domain";
import type { StatementPart } from "../db/statements";
import type { Db } from "./organisations";

export const emptyCounts = (): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  conflict: 0,
});

export interface ImportRowRecord {
  ref: string;
  outcome: string;
  crm_id: string | null;
  version: number | null;
  result: unknown;
}

/** A stored row's result: in full when it had errors, else rebuilt from its columns. */
export function toRowResult(r: ImportRowRecord): RowResult {
  if (r.result !== null) return rowResultSchema.parse(r.result);
  return rowResultSchema.parse({
    ref: r.ref,
    outcome: r.outcome,
    crmId: r.crm_id,
    version: r.version,
    errors: [],
  });
}

const rowColumns = ["ref", "outcome", "crm_id", "version", "result"] as const;

/**
 * The lookup of `storedRowResults`: one primary-key probe per ref, in a lateral subquery kept apart
 * by `offset 0`. The refs travel as one array parameter (PGlite parses each parameter of a statement);
 * `ref = any($refs)` was planned as a sequential scan of the import's rows without statistics.
 */
export const storedRowsLookup = (importId: string, refs: readonly string[]) => sql<ImportRowRecord>`
  select x.ref, x.outcome, x.crm_id, x.version, x.result
  from unnest(${[...refs]}::text[]) as t(ref)
  cross join lateral (
    select r.ref, r.outcome, r.crm_id, r.version, r.result
    from import_rows r where r.import_id = ${importId} and r.ref = t.ref offset 0
  ) as x
`;

/** Results already stored for these refs of the import, by ref. */
export async function storedRowResults(
  db: Db,
  importId: string,
  refs: readonly string[],
): Promise<Map<string, RowResult>> {
  const out = new Map<string, RowResult>();
  if (!refs.length) return out;
  const { rows } = await storedRowsLookup(importId, refs).execute(db);
  for (const r of rows) out.set(r.ref, toRowResult(r));
  return out;
}

/** A batch's results as parallel column arrays (cheaper to send and parse than a JSON document). */
function resultColumns(results: readonly RowResult[]) {
  const refs: string[] = [];
  const outcomes: string[] = [];
  const crmIds: (string | null)[] = [];
  const versions: (number | null)[] = [];
  const whole: (string | null)[] = [];
  for (const r of results) {
    refs.push(r.ref);
    outcomes.push(r.outcome);
    crmIds.push(r.crmId);
    versions.push(r.version);
    // Only results with errors are stored whole; the rest is rebuilt from the three columns.
    whole.push(r.errors.length ? JSON.stringify(r) : null);
  }
  return sql`unnest(${refs}::text[], ${outcomes}::text[], ${crmIds}::text[], ${versions}::integer[],
    ${whole}::text[]) as x(ref, outcome, crm_id, version, result)`;
}

/**
 * Storing a batch's results, as parts of a statement: the results of the refs it wrote (`written`,
 * one per ref: new refs inserted, refs that already have a row, a failed row sent again, updated)
 * and, under the idempotency key, the part of its `answer` that `import_rows` may not hold later:
 * results with errors (a failed ref sent again is overwritten there; results without errors are
 * final). `stored` are the refs with a row, read under the same sheet lock; an insert without
 * `on conflict` costs half as much per row.
 */
export function batchResultsParts(
  importId: string,
  key: string,
  written: readonly RowResult[],
  answer: RowsResponse,
  stored: ReadonlySet<string>,
): StatementPart[] {
  const fresh: RowResult[] = [];
  const again: RowResult[] = [];
  for (const r of written) (stored.has(r.ref) ? again : fresh).push(r);
  const withErrors = JSON.stringify({ results: answer.results.filter((r) => r.errors.length > 0) });
  const parts: StatementPart[] = [
    {
      name: "batch_answered",
      query: sql`update import_batches set response = ${withErrors}::jsonb
        where import_id = ${importId} and idempotency_key = ${key}`,
    },
  ];
  if (fresh.length)
    parts.push({
      name: "batch_rows_inserted",
      query: sql`insert into import_rows (import_id, ref, outcome, crm_id, version, result)
        select ${importId}, x.ref, x.outcome, x.crm_id, x.version, x.result::jsonb from ${resultColumns(fresh)}`,
    });
  if (again.length)
    parts.push({
      name: "batch_rows_updated",
      query: sql`update import_rows as r
        set outcome = x.outcome, crm_id = x.crm_id, version = x.version, result = x.result::jsonb
        from ${resultColumns(again)}
        where r.import_id = ${importId} and r.ref = x.ref`,
    });
  return parts;
}

export async function countOutcomes(db: Db, importId: string): Promise<ImportCounts> {
  const rows = await db
    .selectFrom("import_rows")
    .select(["outcome", (eb) => eb.fn.countAll<string>().as("n")])
    .where("import_id", "=", importId)
    .groupBy("outcome")
    .execute();
  const counts = emptyCounts();
  for (const r of rows) {
    if (r.outcome in counts) counts[r.outcome as keyof ImportCounts] = Number(r.n);
  }
  return counts;
}

export async function failedRowResults(db: Db, importId: string, limit: number): Promise<RowResult[]> {
  return rowResultsOf(db, importId, { outcomes: ["failed", "conflict"], limit });
}

/** The import's rows with these outcomes (all when none are named), by ref, `limit` after `offset`. */
export async function rowResultsOf(
  db: Db,
  importId: string,
  page: { outcomes?: readonly RowResult["outcome"][]; limit: number; offset?: number },
): Promise<RowResult[]> {
  let q = db.selectFrom("import_rows").select(rowColumns).where("import_id", "=", importId);
  if (page.outcomes) q = q.where("outcome", "in", [...page.outcomes]);
  const rows = await q
    .orderBy("ref")
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
  return rows.map(toRowResult);
}
