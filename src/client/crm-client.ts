/**
 * The CRM API as typed functions. Every body sent is parsed with the shared contract first, and
 * every answer after (see http.ts), so a drifted server shows up as one clear error.
 */
import { z } from "zod";
import {
  IDEMPOTENCY_HEADER,
  balancesRemovedSchema,
  importBalancesSchema,
  ledgerSchema,
  meSchema,
  type Me,
  type BalancesRemoved,
  type ImportBalances,
  type LedgerEntry,
  createImportSchema,
  crmRecordSchema,
  importWithRevertSchema,
  importListSchema,
  importSchema,
  messages,
  customFieldSchema,
  organisationPicklists,
  sheetNames,
  recordPageSchema,
  revertRequestSchema,
  revertResponseSchema,
  rowsBatchSchema,
  rowsResponseSchema,
  schemaDocumentSchema,
  mappingSignatureSchema,
  savedMappingBodySchema,
  storedMappingSchema,
  type SavedMappingBody,
  type StoredMapping,
  type CreateImport,
  type CrmRecord,
  type ImportRow,
  type ImportWithRevert,
  type ImportSummary,
  type RecordPage,
  type RevertRequest,
  type RevertResponse,
  type RowResult,
  type PicklistTarget,
  type SchemaDocument,
  type SheetName,
} from "../domain";
import { CrmClientError } from "./errors";
import { createTransport, type Transport } from "./http";
import { parseOutgoing } from "./outgoing";
import { crmClientOptionsSchema, type CrmClientOptions, type CrmClientSettings } from "./options";

export interface DownloadProgress {
  pages: number;
  records: number;
}

export interface ListRecordsOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

export type ConnectionCheck =
  | { ok: true; organisation: SchemaDocument["organisation"] }
  | { ok: false; kind: CrmClientError["kind"]; message: string };

const picklistValueBodySchema = z.object({
  value: z.string().trim().min(1).max(100),
  sheet: z.enum(sheetNames).optional(),
});
/** The list's name in the path: the organisation's own list, or a custom field's key. */
const picklistPathName = (target: PicklistTarget): string =>
  "list" in target
    ? z.enum(organisationPicklists).parse(target.list)
    : customFieldSchema.shape.key.parse(target.field);
const okAnswerSchema = z.object({ ok: z.literal(true) });

export interface CrmClient {
  readonly settings: CrmClientSettings;
  getSchema(signal?: AbortSignal): Promise<SchemaDocument>;
  /**
   * Adds a value to one of the organisation's picklists or a custom picklist field's options (admins
   * only; a value already there is kept).
   */
  addPicklistValue(target: PicklistTarget, value: string, signal?: AbortSignal): Promise<void>;
  /**
   * The organisation's mapping saved for this header signature, or null when none is saved. Tried
   * once (no retries): the caller falls back to the workbook's copy when the CRM does not answer.
   */
  getMapping(signature: string, signal?: AbortSignal): Promise<StoredMapping | null>;
  /** Saves the organisation's mapping for this header signature (tried once, as getMapping). */
  putMapping(signature: string, mapping: SavedMappingBody, signal?: AbortSignal): Promise<StoredMapping>;
  listRecords(sheet: SheetName, options?: ListRecordsOptions): AsyncIterable<RecordPage>;
  listAllRecords(sheet: SheetName, options?: ListRecordsOptions): Promise<CrmRecord[]>;
  getRecord(sheet: SheetName, id: string, signal?: AbortSignal): Promise<CrmRecord>;
  createImport(body: CreateImport): Promise<ImportSummary>;
  /** One batch; pass the same `idempotencyKey` on every retry of it, so it is never written twice. */
  sendBatch(importId: string, rows: readonly ImportRow[], idempotencyKey?: string): Promise<RowResult[]>;
  finishImport(importId: string): Promise<ImportSummary>;
  /** An open import counted as continued after the CRM stopped answering (History marks it resumed). */
  resumeImport(importId: string): Promise<ImportSummary>;
  listImports(page?: { after?: string; limit?: number }): Promise<z.output<typeof importListSchema>>;
  getImport(importId: string): Promise<ImportWithRevert>;
  /**
   * One batch of an import's revert (or, with `dryRun`, what it would do); pass the same
   * `idempotencyKey` on every retry of it, so it is never done twice.
   */
  revertBatch(importId: string, request: RevertRequest, idempotencyKey?: string): Promise<RevertResponse>;
  checkConnection(): Promise<ConnectionCheck>;
  /** The opening balances an import booked, and whether the asker may remove them. */
  importBalances(importId: string): Promise<ImportBalances>;
  /** Removes an import's opening balances (an admin, or whoever ran it); asked again, it does nothing more. */
  removeImportBalances(importId: string): Promise<BalancesRemoved>;
  /** A customer's journal entries, oldest first. */
  customerLedger(customerId: string): Promise<LedgerEntry[]>;
  /** Who the token belongs to, and whether their import summaries are e-mailed to them. */
  getMe(): Promise<Me>;
}

const idSchema = z.string().min(1).max(64);
const pageSizeSchema = z.number().int().min(1).max(5_000).default(1_000);

const segment = (id: string): string => encodeURIComponent(parseOutgoing(idSchema, id));

async function* pagesOf(
  transport: Transport,
  sheet: SheetName,
  options: ListRecordsOptions,
): AsyncGenerator<RecordPage> {
  const limit = parseOutgoing(pageSizeSchema, options.pageSize);
  let after: string | undefined;
  let pages = 0;
  let records = 0;
  for (;;) {
    const page = await transport.send({
      method: "GET",
      path: `/api/v1/${sheet}`,
      params: { after, limit },
      schema: recordPageSchema,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    pages++;
    records += page.items.length;
    options.onProgress?.({ pages, records });
    yield page;
    // A cursor that does not move would loop forever: treat it as the unexpected answer it is.
    if (page.next === null) return;
    if (page.next === after)
      throw new CrmClientError({
        kind: "server",
        code: "unexpected_response",
        message: messages.crm.unexpectedAnswer,
      });
    after = page.next;
  }
}

export function createCrmClient(options: CrmClientOptions): CrmClient {
  const settings = parseOutgoing(crmClientOptionsSchema, options);
  const transport = createTransport(settings);
  const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

  const client: CrmClient = {
    settings,
    getSchema: async (signal) =>
      transport.send({
        method: "GET",
        path: "/api/v1/schema",
        schema: schemaDocumentSchema,
        ...withSignal(signal),
      }),
    addPicklistValue: async (target, value, signal) => {
      await transport.send({
        method: "POST",
        path: `/api/v1/picklists/${encodeURIComponent(picklistPathName(target))}/values`,
        body: parseOutgoing(picklistValueBodySchema, {
          value,
          ...("sheet" in target ? { sheet: target.sheet } : {}),
        }),
        schema: okAnswerSchema,
        ...withSignal(signal),
      });
    },
    async getMapping(signature, signal) {
      const { signature: checked } = parseOutgoing(mappingSignatureSchema, { signature });
      try {
        return await transport.send({
          method: "GET",
          path: `/api/v1/mappings/${checked}`,
          schema: storedMappingSchema,
          retries: 0,
          ...withSignal(signal),
        });
      } catch (error) {
        if (error instanceof CrmClientError && error.status === 404) return null;
        throw error;
      }
    },
    putMapping: async (signature, mapping, signal) =>
      transport.send({
        method: "PUT",
        path: `/api/v1/mappings/${parseOutgoing(mappingSignatureSchema, { signature }).signature}`,
        body: parseOutgoing(savedMappingBodySchema, mapping),
        schema: storedMappingSchema,
        retries: 0,
        ...withSignal(signal),
      }),
    listRecords: (sheet, listOptions = {}) => pagesOf(transport, sheet, listOptions),
    async listAllRecords(sheet, listOptions = {}) {
      const all: CrmRecord[] = [];
      for await (const page of pagesOf(transport, sheet, listOptions)) all.push(...page.items);
      return all;
    },
    getRecord: async (sheet, id, signal) =>
      transport.send({
        method: "GET",
        path: `/api/v1/${sheet}/${segment(id)}`,
        schema: crmRecordSchema,
        ...withSignal(signal),
      }),
    // The key lets a CRM that honours it answer a retried open with the first import, not a second one.
    createImport: async (body) =>
      transport.send({
        method: "POST",
        path: "/api/v1/imports",
        body: parseOutgoing(createImportSchema, body),
        headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() },
        schema: importSchema,
      }),
    async sendBatch(importId, rows, idempotencyKey = crypto.randomUUID()) {
      const body = parseOutgoing(rowsBatchSchema, { rows });
      const answer = await transport.send({
        method: "POST",
        path: `/api/v1/imports/${segment(importId)}/rows`,
        body,
        headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
        schema: rowsResponseSchema,
      });
      return checkAnswerMatches(body.rows, answer.results);
    },
    finishImport: async (importId) =>
      transport.send({
        method: "POST",
        path: `/api/v1/imports/${segment(importId)}/finish`,
        body: {},
        schema: importSchema,
      }),
    resumeImport: async (importId) =>
      transport.send({
        method: "POST",
        path: `/api/v1/imports/${segment(importId)}/resume`,
        body: {},
        schema: importSchema,
      }),
    listImports: async (page = {}) =>
      transport.send({
        method: "GET",
        path: "/api/v1/imports",
        params: { after: page.after, limit: page.limit },
        schema: importListSchema,
      }),
    getImport: async (importId) =>
      transport.send({
        method: "GET",
        path: `/api/v1/imports/${segment(importId)}`,
        schema: importWithRevertSchema,
      }),
    revertBatch: async (importId, request, idempotencyKey = crypto.randomUUID()) =>
      transport.send({
        method: "POST",
        path: `/api/v1/imports/${segment(importId)}/revert`,
        body: parseOutgoing(revertRequestSchema, request),
        headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
        schema: revertResponseSchema,
      }),
    importBalances: async (importId) =>
      transport.send({
        method: "GET",
        path: `/api/v1/imports/${segment(importId)}/opening-balances`,
        schema: importBalancesSchema,
      }),
    removeImportBalances: async (importId) =>
      transport.send({
        method: "DELETE",
        path: `/api/v1/imports/${segment(importId)}/opening-balances`,
        schema: balancesRemovedSchema,
      }),
    getMe: async () => transport.send({ method: "GET", path: "/api/v1/me", schema: meSchema }),
    customerLedger: async (customerId) =>
      (
        await transport.send({
          method: "GET",
          path: `/api/v1/customers/${segment(customerId)}/ledger`,
          schema: ledgerSchema,
        })
      ).items,
    checkConnection: async () => {
      try {
        const schema = await client.getSchema();
        return { ok: true, organisation: schema.organisation };
      } catch (error) {
        if (error instanceof CrmClientError) return { ok: false, kind: error.kind, message: error.message };
        throw error;
      }
    },
  };
  return client;
}

/** The CRM answers per row, in order; anything else cannot be matched to rows and is not trusted. */
function checkAnswerMatches(sent: readonly ImportRow[], results: RowResult[]): RowResult[] {
  const sameRefs = results.length === sent.length && results.every((r, i) => r.ref === sent[i]?.ref);
  if (!sameRefs)
    throw new CrmClientError({
      kind: "server",
      code: "unexpected_response",
      message: messages.crm.unexpectedAnswer,
    });
  return results;
}
