/**
 * The CRM API's contract: request and response bodies as zod schemas. The server declares its routes
 * with them and the client parses every answer with them, so the two cannot drift.
 */
import { z } from "zod";
import { sheetNames } from "./fields";
import { duplicateActions, matchKeySchema, matchModes } from "./schema-document";

export const valueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const crmRecordSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
  values: z.record(z.string(), valueSchema),
});
export type CrmRecord = z.infer<typeof crmRecordSchema>;

export const pageQuerySchema = z.object({
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(1_000),
});
export const recordPageSchema = z.object({ items: z.array(crmRecordSchema), next: z.string().nullable() });
export type RecordPage = z.infer<typeof recordPageSchema>;

export const importDefaultsSchema = z.object({
  accountManager: z.string().max(100).optional(),
  campaign: z.string().max(100).optional(),
  category: z.string().max(100).optional(),
});

export const createImportSchema = z.object({
  sheet: z.enum(sheetNames),
  /** Absent: the organisation's default (Skip unless an admin chose otherwise). */
  duplicateAction: z.enum(duplicateActions).optional(),
  /** Absent: the organisation's default keys for the sheet. */
  matchKeys: z.array(matchKeySchema).max(10).optional(),
  /** Whether a row matches on any one of its keys or only on all of them together; absent: the organisation's. */
  matchMode: z.enum(matchModes).optional(),
  defaults: importDefaultsSchema.default({}),
  /** An address the summary e-mail goes to as well as (or instead of) the importer's own. */
  notifyEmail: z.string().email().max(254).optional(),
  /**
   * Whether the summary e-mail goes to the importer's own address. Given, it is remembered as their
   * choice; left out, their remembered choice applies (yes until they opt out). Never for a dry run.
   */
  mailMe: z.boolean().optional(),
  dryRun: z.boolean().default(false),
  /** Free text shown in history, e.g. the workbook's name. */
  source: z.string().max(255).optional(),
});
export type CreateImport = z.input<typeof createImportSchema>;

export const MAX_ROWS_PER_BATCH = 1_000;

/**
 * What the API accepts in any request, checked before the body is parsed into rows (a 7 MB batch of
 * 600,000 unknown field names once took 25.7 s and stored a 35 MB answer). A row of the widest
 * sheet with every custom field stays far under these.
 */
export const requestBounds = {
  /** Fields of one object, e.g. one row's values. */
  fieldsPerObject: 250,
  /** Fields of all objects of a request together: 1,000 rows of 100 fields. */
  fieldsPerRequest: 100_000,
  /** Entries of one list, e.g. the rows of a batch. */
  itemsPerList: MAX_ROWS_PER_BATCH,
  /** Characters of a field's name. */
  fieldNameChars: 100,
  /** Characters of one text: Excel's largest cell. */
  textChars: 32_767,
  /** Errors reported for one row; the rest are counted in one last error. */
  errorsPerRow: 20,
} as const;

export const importRowSchema = z.object({
  /** The caller's stable reference for the row (e.g. "Customers!12"); unique within an import. */
  ref: z.string().min(1).max(200),
  crmId: z.string().max(64).optional(),
  /** The version the row was downloaded at; an older one than stored is a conflict. */
  version: z.number().int().positive().optional(),
  values: z.record(z.string(), valueSchema),
  /** Fields to erase on update (a blank cell does not erase unless listed here). */
  clear: z.array(z.string()).max(200).optional(),
  /**
   * Reference fields that name another row of this import (field key -> that row's ref), such as a
   * headquarters created earlier in the same import: the field resolves to the record that row
   * created or matched, whatever its text. A dry run resolves it to the record that row would create.
   */
  links: z.record(z.string().max(64), z.string().min(1).max(200)).optional(),
  /**
   * Create this row as a new record whatever it matches (the user chose to import every row of an
   * in-file duplicate group): the import's duplicate action does not apply to it.
   */
  clone: z.boolean().optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const rowsBatchSchema = z.object({ rows: z.array(importRowSchema).min(1).max(MAX_ROWS_PER_BATCH) });
export type RowsBatch = z.infer<typeof rowsBatchSchema>;

export const rowOutcomes = ["created", "updated", "unchanged", "skipped", "failed", "conflict"] as const;
export type RowOutcome = (typeof rowOutcomes)[number];

/** An import's report page for people (outside /api/v1; the summary e-mail and the pane link to it). */
export const reportPath = (importId: string): string => `/imports/${encodeURIComponent(importId)}/report`;

export const rowErrorSchema = z.object({ field: z.string().nullable(), message: z.string() });
export const rowResultSchema = z.object({
  ref: z.string(),
  outcome: z.enum(rowOutcomes),
  crmId: z.string().nullable(),
  version: z.number().int().nullable(),
  errors: z.array(rowErrorSchema),
  /** A dry run's update: the fields it would change (keys), so the sheet can say what changes. */
  changes: z.array(z.string()).optional(),
  /** A dry run's create: the blank fields the import's defaults would fill (field key -> value). */
  defaulted: z.record(z.string(), valueSchema).optional(),
});
export type RowResult = z.infer<typeof rowResultSchema>;
export const rowsResponseSchema = z.object({ results: z.array(rowResultSchema) });
export type RowsResponse = z.infer<typeof rowsResponseSchema>;

export const importCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  conflict: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importSchema = z.object({
  id: z.string(),
  sheet: z.enum(sheetNames),
  status: z.enum(["open", "finished"]),
  duplicateAction: z.enum(duplicateActions),
  matchKeys: z.array(matchKeySchema),
  /** "any": a row matches on any one key; "all": only on all of them together (absent from an older CRM). */
  matchMode: z.enum(matchModes).optional(),
  dryRun: z.boolean(),
  source: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The user's name, for History (GET /imports and /imports/:id; absent elsewhere). */
  createdByName: z.string().optional(),
  finishedAt: z.string().nullable(),
  counts: importCountsSchema,
  /**
   * Times the import was continued after the CRM stopped answering (each a later Import of its
   * sheet, `POST /imports/:id/resume`): History marks it interrupted and resumed. Absent from CRMs
   * that do not count them.
   */
  resumes: z.number().int().min(0).optional(),
});
export type ImportSummary = z.infer<typeof importSchema>;

export const importDetailSchema = importSchema.extend({
  failures: z.array(rowResultSchema),
});
export type ImportDetail = z.infer<typeof importDetailSchema>;
export const importListSchema = z.object({ items: z.array(importSchema), next: z.string().nullable() });

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** A record's version and values, as a revert conflict shows them (what it would restore, what is stored). */
export const recordImageSchema = z.object({
  version: z.number().int(),
  values: z.record(z.string(), valueSchema),
});
export type RecordImage = z.infer<typeof recordImageSchema>;

/**
 * What a revert did (or, in a dry run, would do) to one row of the import: a created record
 * `deleted`; an updated one `restored` to its before-image; a created customer whose opening balance
 * is in a closed period `reversed` (a counter-entry; the customer stays, the ledger refers to it);
 * `conflict` when the record changed or was referenced since (nothing written, both versions shown).
 */
export const revertOutcomes = ["deleted", "restored", "reversed", "conflict"] as const;
export type RevertOutcome = (typeof revertOutcomes)[number];

export const revertRowSchema = z.object({
  ref: z.string(),
  crmId: z.string().nullable(),
  outcome: z.enum(revertOutcomes),
  message: z.string().nullable(),
  /** The image the revert restores (updated rows). */
  before: recordImageSchema.nullable(),
  /** The record as it is now when that is why the row is a conflict; as the revert left it when restored. */
  current: recordImageSchema.nullable(),
});
export type RevertRow = z.infer<typeof revertRowSchema>;

export const MAX_REVERT_ROWS = 500;

/** One batch of a revert: the import's written rows after `after` (in ref order), `limit` of them. */
export const revertRequestSchema = z.object({
  dryRun: z.boolean().default(false),
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(MAX_REVERT_ROWS).default(200),
});
export type RevertRequest = z.input<typeof revertRequestSchema>;

export const revertResponseSchema = z.object({
  results: z.array(revertRowSchema),
  /** The cursor of the next batch; null when this was the last. */
  next: z.string().nullable(),
});
export type RevertResponse = z.infer<typeof revertResponseSchema>;

export const revertCountsSchema = z.object({
  deleted: z.number().int(),
  restored: z.number().int(),
  reversed: z.number().int(),
  conflict: z.number().int(),
});
export type RevertCounts = z.infer<typeof revertCountsSchema>;

/** An import's revert in its history: `started` until a pass reached its last row. */
export const revertSummarySchema = z.object({
  status: z.enum(["started", "finished"]),
  by: z.string().nullable(),
  at: z.string().nullable(),
  counts: revertCountsSchema,
  /** Its rows that are not reverted (conflicts), the first 1,000 by ref. */
  conflicts: z.array(revertRowSchema),
});
export type RevertSummary = z.infer<typeof revertSummarySchema>;

/** An import's detail with its revert, when one ran (a CRM without reverts leaves it out). */
export const importWithRevertSchema = importDetailSchema.extend({
  revert: revertSummarySchema.nullable().default(null),
});
export type ImportWithRevert = z.infer<typeof importWithRevertSchema>;

export const revertWindowSchema = z.object({ days: z.number().int().min(0).max(3650) });

/** One journal entry of a customer's ledger (opening balances and their reversals). */
export const ledgerEntrySchema = z.object({
  id: z.string(),
  customerId: z.string(),
  date: z.string(),
  /** What the entry is: "Opening balance", "Opening balance reversed". */
  memo: z.string(),
  /** The import that booked it, when one did. */
  importId: z.string().nullable(),
  lines: z.array(z.object({ account: z.string(), debit: z.number(), credit: z.number() })),
  payment: z.object({ amount: z.number(), method: z.string(), date: z.string() }).nullable(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export const ledgerSchema = z.object({ items: z.array(ledgerEntrySchema) });

/**
 * An opening balance an import booked: `booked` while it stands, `reversed` when a counter-entry
 * (dated `reversedOn`) took it back because its period was closed. One removed in an open period is
 * gone with its entry and payment, and no longer listed.
 */
export const importBalanceSchema = z.object({
  entryId: z.string(),
  customerId: z.string(),
  /** The customer's name now (null when it has none). */
  customerName: z.string().nullable(),
  amount: z.number(),
  /** The customer's invoicing currency, when it has one. */
  currency: z.string().nullable(),
  date: z.string(),
  state: z.enum(["booked", "reversed"]),
  reversedOn: z.string().nullable(),
  /** The payment it shows as in the customer's payments ("Opening Balance"). */
  paymentMethod: z.string().nullable(),
});
export type ImportBalance = z.infer<typeof importBalanceSchema>;
export const importBalancesSchema = z.object({
  items: z.array(importBalanceSchema),
  /** Whether the asker may remove them: an admin, or the person who ran the import. */
  canRemove: z.boolean(),
});
export type ImportBalances = z.infer<typeof importBalancesSchema>;
/** What removing an import's balances did: entries deleted (open period) and reversed (closed). */
export const balancesRemovedSchema = z.object({ removed: z.number().int(), reversed: z.number().int() });
export type BalancesRemoved = z.infer<typeof balancesRemovedSchema>;

/**
 * A column mapping saved in the CRM for files whose headers have one signature (the same signature
 * the workbook's copy is kept under): each column's field (null: not imported) and the per-field
 * choices made with it. Any signed-in user of the organisation may read and save one.
 */
export const savedMappingBodySchema = z.object({
  columns: z.array(z.string().max(64).nullable()).min(1).max(MAX_ROWS_PER_BATCH),
  dateOrders: z.record(z.string().max(64), z.string().max(16)).optional(),
  decimalMarks: z.record(z.string().max(64), z.string().max(1)).optional(),
  valueMaps: z.record(z.string().max(64), z.record(z.string().max(1_000), z.string().max(1_000))).optional(),
});
export type SavedMappingBody = z.infer<typeof savedMappingBodySchema>;

export const mappingSignatureSchema = z.object({ signature: z.string().regex(/^[0-9a-f]{8}$/) });

export const storedMappingSchema = savedMappingBodySchema.extend({
  signature: z.string(),
  updatedAt: z.string(),
  /** Who saved it last (their name; their id when the user is gone). */
  updatedBy: z.string(),
});
export type StoredMapping = z.infer<typeof storedMappingSchema>;

/** Who is signed in, and whether their imports' summaries are e-mailed to them. */
export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  importMail: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;
