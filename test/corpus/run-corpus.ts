/**
 * The corpus run: each export file of test/corpus through the pane's own path (open the CSV as
 * openCsv does into the simulated workbook, the Map step's proposal unchanged, Validate), scored
 * against its sidecar (`<file>.expected.json`): headers proposed right / wrong, good rows importable
 * as proposed, and the seed's exact message on every row that breaks a seed rule. Used by
 * `npm run bench -- corpus` and by test/workflows/corpus.test.ts (per-file floors).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import {
  CATALOG_VERSION,
  buildCatalog,
  catalogOf,
  defaultMatchKeys,
  matchKeyChoices,
  schemaDocumentSchema,
  type SchemaDocument,
} from "../../src/domain";
import { proposeMapping } from "../../src/import";
import { applyMapping, inspectSheet, suggestMapping } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { resetStore, setSchema } from "../../src/workflows/store";
import { assessSheet } from "../../src/workflows/validate-sheet";
import type { Assessment } from "../../src/workflows/assess";
import { SimWorkbook, createExcelRunner } from "../../workbench/excel-sim";

export const corpusDir = dirname(fileURLToPath(import.meta.url));

const sidecarSchema = z.object({
  file: z.string(),
  system: z.string(),
  mapping: z.record(z.string(), z.string().nullable()),
  grouping: z.string().nullable(),
  rows: z.array(z.object({ verdict: z.enum(["good", "bad"]), message: z.string().optional() })),
});
type Sidecar = z.infer<typeof sidecarSchema>;

/** The CRM the corpus is imported into: the demo's users and categories, no custom fields. */
export function corpusSchema(): SchemaDocument {
  return schemaDocumentSchema.parse({
    catalogVersion: CATALOG_VERSION,
    schemaHash: "corpus",
    organisation: { id: "org-corpus", name: "Corpus Ltd" },
    sheets: buildCatalog([]),
    customFields: [],
    picklists: { accountManager: ["Ann Berg", "Bo Ek"], campaign: [], category: ["Retail", "Wholesale"] },
    closedPeriodThrough: null,
    matchKeyChoices,
    defaultMatchKeys,
  });
}

export interface FileScore {
  file: string;
  /** Headers that name one of our fields, and how many of them were proposed right. */
  named: number;
  right: number;
  /** Headers proposed to a field they do not mean (including ones that mean none). */
  wrong: number;
  wrongHeaders: string[];
  grouped: boolean;
  groupingRight: boolean;
  goodRows: number;
  goodImportable: number;
  seedRows: number;
  seedMessagesCarried: number;
}

const ready = (a: Assessment | undefined, i: number): boolean => {
  const action = a?.rows[i]?.action;
  return action === "create" || action === "update";
};
const messagesOf = (a: Assessment | undefined, i: number): string[] => {
  const sheetRow = a?.rows[i]?.sheetRow;
  return a ? a.marks.filter((m) => m.row === sheetRow).map((m) => m.message) : [];
};

/** One file through open CSV -> proposed mapping -> Validate, scored against its sidecar. */
export async function scoreFile(csvName: string): Promise<FileScore> {
  const expected: Sidecar = sidecarSchema.parse(
    JSON.parse(readFileSync(join(corpusDir, csvName.replace(/\.csv$/, ".expected.json")), "utf8")),
  );
  resetStore();
  const schema = corpusSchema();
  setSchema(schema);
  const catalog = catalogOf(schema);
  const book = new SimWorkbook({ apiVersion: "1.18" });
  const env = {
    run: createExcelRunner(book),
    isSetSupported: (n: string, v: string) => book.isSetSupported(n, v),
  };
  const bytes = new Uint8Array(readFileSync(join(corpusDir, csvName)));
  const opened = await openCsv({ env }, { name: csvName, bytes }, "auto");
  const inspection = await inspectSheet({ env }, opened.sheetName);
  const headers = inspection.firstRow;
  const proposal = proposeMapping(headers, inspection.rows, catalog.customers, {
    picklists: schema.picklists,
    contacts: catalog.contacts,
  });
  const grouping = proposal.grouping;
  const suggestion = suggestMapping(headers, catalog.customers, {
    rows: inspection.rows,
    picklists: schema.picklists,
    ...(grouping ? { contacts: catalog.contacts } : {}),
  });
  const columns = suggestion.columns.map((c) => c.field);
  let named = 0;
  let right = 0;
  const wrongHeaders: string[] = [];
  headers.forEach((h, i) => {
    const want = expected.mapping[h] ?? null;
    const got = columns[i] ?? null;
    if (want !== null) named++;
    if (want !== null && got === want) right++;
    if (got !== null && got !== want) wrongHeaders.push(`${h} -> ${got}`);
  });
  const sheets = await applyMapping(
    { env },
    {
      inspection,
      target: "customers",
      columns,
      firstRowIsHeader: true,
      ...(grouping ? { groupColumn: grouping.keyColumn } : {}),
    },
  );
  const [customers, contacts] = await Promise.all(sheets.map((s) => assessSheet({ env }, { sheet: s })));
  // Where each source row landed: its own row, or (grouped) its customer's row and its contact row.
  const keyOf = (r: number) =>
    String(inspection.rows[r]?.[grouping?.keyColumn ?? 0] ?? "")
      .trim()
      .toLowerCase();
  const customerIndex = new Map<string, number>();
  inspection.rows.forEach((_, r) => {
    if (!customerIndex.has(keyOf(r))) customerIndex.set(keyOf(r), customerIndex.size);
  });
  const importable = (r: number) =>
    grouping ? ready(customers, customerIndex.get(keyOf(r))!) && ready(contacts, r) : ready(customers, r);
  const carried = (r: number) =>
    grouping
      ? [...messagesOf(customers, customerIndex.get(keyOf(r))!), ...messagesOf(contacts, r)]
      : messagesOf(customers, r);
  let goodRows = 0;
  let goodImportable = 0;
  let seedRows = 0;
  let seedMessagesCarried = 0;
  expected.rows.forEach((row, r) => {
    if (row.verdict === "good") {
      goodRows++;
      if (importable(r)) goodImportable++;
    } else if (row.message) {
      seedRows++;
      // The seed's sentence first and verbatim; a second sentence may say what to do.
      const seed = row.message;
      const said = carried(r).some((m) => m === seed || m.startsWith(`${seed} `));
      if (said && !importable(r)) seedMessagesCarried++;
    }
  });
  const groupingRight =
    (expected.grouping === null) === (grouping === null) &&
    (grouping === null || headers[grouping.keyColumn] === expected.grouping);
  return {
    file: csvName,
    named,
    right,
    wrong: wrongHeaders.length,
    wrongHeaders,
    grouped: grouping !== null,
    groupingRight,
    goodRows,
    goodImportable,
    seedRows,
    seedMessagesCarried,
  };
}

export const corpusFiles = (): string[] =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith(".csv"))
    .sort();
