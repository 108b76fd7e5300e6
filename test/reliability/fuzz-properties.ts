/**
 * The two fuzz properties, run by the tests (a few hundred cases) and the soak (10,000 each):
 * validateSheet never throws and every issue points at a real cell; the server never answers 5xx
 * to a fuzzed batch. Each returns how many cases ran (and the server's answers by status); a failure throws with fast-check's seed and path.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { baseCatalog, defaultMatchKeys, sheetNames } from "../../src/domain";
import { validateSheet, type SheetValidation } from "../../src/import";
import { apiValueArb, hostileShortText, sheetCaseArb, type SheetCase } from "./fuzz-arbitraries";

const picklists = { category: ["Retail", "Wholesale"], campaign: ["Spring"], accountManager: ["Ann Lee"] };

/** What is wrong with the issues' addresses (empty when each names a real cell or an unmapped field). */
export function misplacedIssues(c: SheetCase, v: SheetValidation): string[] {
  const width = Math.max(c.header.length, v.mapping.columns.length);
  const mapped = new Set(v.mapping.columns.filter((f): f is string => f !== null));
  const problems: string[] = [];
  for (const issue of v.issues) {
    const where = `row ${issue.row} column ${issue.column} field ${issue.field}: ${issue.message}`;
    if (!Number.isInteger(issue.row) || issue.row < 0 || issue.row >= c.grid.length)
      problems.push(`bad row, ${where}`);
    if (issue.column === null) {
      if (issue.field === null || mapped.has(issue.field))
        problems.push(`no column for a mapped field, ${where}`);
    } else if (!Number.isInteger(issue.column) || issue.column < 0 || issue.column >= width) {
      problems.push(`bad column, ${where}`);
    }
    if (issue.message.trim() === "") problems.push(`empty message, ${where}`);
  }
  if (v.rowStatus.length !== c.grid.length)
    problems.push(`rowStatus has ${v.rowStatus.length} of ${c.grid.length} rows`);
  return problems;
}

export function runValidateProperty(numRuns: number, seed?: number): number {
  let cases = 0;
  fc.assert(
    fc.property(sheetCaseArb, (c) => {
      cases++;
      const sheet = baseCatalog[c.sheetName];
      const v = validateSheet(c.header, c.grid, sheet, {
        closedPeriodThrough: c.closedPeriodThrough,
        picklists,
        dateOrder: c.dateOrder,
        country: "SE",
        ...(c.withMatchKeys ? { matchKeys: defaultMatchKeys[c.sheetName] } : {}),
      });
      const problems = misplacedIssues(c, v);
      if (problems.length) throw new Error(problems.slice(0, 3).join("\n"));
    }),
    { numRuns, ...(seed !== undefined ? { seed } : {}) },
  );
  return cases;
}

const fieldKeys = sheetNames.flatMap((s) => baseCatalog[s].fields.map((f) => f.key));

const rowArb = fc.record(
  {
    ref: fc.oneof(
      fc.constantFrom("r1", "r2", "Customers!2"),
      fc.string({ minLength: 1, maxLength: 40 }),
      hostileShortText.filter((s) => s.length > 0),
    ),
    crmId: fc.oneof(fc.constantFrom("c_nope", ""), fc.string({ maxLength: 64 }), hostileShortText),
    version: fc.oneof(
      { weight: 19, arbitrary: fc.integer({ min: 1, max: 5 }) },
      { weight: 1, arbitrary: fc.integer() },
    ),
    values: fc.dictionary(
      fc.oneof(fc.constantFrom(...fieldKeys), fc.string({ maxLength: 12 }), hostileShortText),
      apiValueArb,
      {
        maxKeys: 12,
      },
    ),
    clear: fc.array(fc.oneof(fc.constantFrom(...fieldKeys), fc.string({ maxLength: 10 }), hostileShortText), {
      maxLength: 3,
    }),
  },
  { requiredKeys: ["ref", "values"] },
);

/** Characters PostgreSQL cannot store: NUL and lone surrogate halves. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The value with every unstorable character replaced by U+FFFD, in its strings and its keys. */
function storable(v: unknown): unknown {
  if (typeof v === "string") return v.replace(UNSTORABLE, "\ufffd");
  if (Array.isArray(v)) return v.map(storable);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k), storable(x)]));
}

const rowsArb = fc.array(rowArb, { minLength: 1, maxLength: 8 });

/**
 * A batch body: mostly well-formed rows with hostile but storable values (so most reach validation
 * and matching), some with NUL and lone surrogates left in (refused, naming the cell), sometimes any
 * JSON at all.
 */
const bodyArb = fc.oneof(
  { weight: 6, arbitrary: rowsArb.map((rows) => ({ rows: storable(rows) })) },
  { weight: 2, arbitrary: fc.record({ rows: rowsArb }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.record({ rows: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }) }) },
);

const importArb = fc.record({
  sheet: fc.constantFrom(...sheetNames),
  duplicateAction: fc.constantFrom("skip", "update", "clone"),
  dryRun: fc.boolean(),
});

export interface FuzzTarget {
  app: FastifyInstance;
  token: string;
}

/** Fuzzed batches through app.inject: any answer below 500 is fine, a 5xx fails with the body sent. */
export async function runServerProperty(
  target: FuzzTarget,
  numRuns: number,
  seed?: number,
): Promise<{ cases: number; byStatus: Record<number, number>; textRefusals: number }> {
  let cases = 0;
  let textRefusals = 0;
  const byStatus: Record<number, number> = {};
  const headers = { authorization: `Bearer ${target.token}`, "content-type": "application/json" };
  const opened = new Map<string, string>();
  const importFor = async (spec: {
    sheet: string;
    duplicateAction: string;
    dryRun: boolean;
  }): Promise<string> => {
    const k = JSON.stringify(spec);
    const known = opened.get(k);
    if (known) return known;
    const res = await target.app.inject({ method: "POST", url: "/api/v1/imports", headers, payload: spec });
    if (res.statusCode !== 201) throw new Error(`opening an import answered ${res.statusCode}: ${res.body}`);
    const id = (JSON.parse(res.body) as { id: string }).id;
    opened.set(k, id);
    return id;
  };
  await fc.assert(
    fc.asyncProperty(
      importArb,
      bodyArb,
      fc.string({ minLength: 1, maxLength: 60 }),
      async (spec, body, key) => {
        cases++;
        const id = await importFor(spec);
        const res = await target.app.inject({
          method: "POST",
          url: `/api/v1/imports/${id}/rows`,
          headers: { ...headers, "idempotency-key": `${cases}-${key}` },
          payload: JSON.stringify(body),
        });
        byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 500) throw new Error(`answered ${res.statusCode}: ${res.body}`);
        // Text the CRM cannot store is refused naming where it is: the row and field, or the path.
        const error =
          res.statusCode === 400
            ? (JSON.parse(res.body) as { error: { code: string; message: string } }).error
            : null;
        if (error?.code === "invalid_text") {
          textRefusals++;
          if (!/^(row |body|Idempotency-Key)/.test(error.message))
            throw new Error(`unplaced: ${error.message}`);
        }
      },
    ),
    { numRuns, ...(seed !== undefined ? { seed } : {}) },
  );
  return { cases, byStatus, textRefusals };
}
