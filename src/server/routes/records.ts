import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { crmRecordSchema, ledgerSchema, pageQuerySchema, recordPageSchema, sheetNames } from "../../domain";
import { allow } from "../auth";
import { notFound } from "../errors";
import { findRecordsByIds, pageRecords, toCrmRecord } from "../repositories/records";
import { listCustomerLedger } from "../repositories/ledger";
import { errorAnswers, idParams } from "./route-schema";

const errors = errorAnswers(401, 403, 404);

/** Keyset-paged downloads of customers, contacts, sites and equipment, and single records. */
export async function recordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const sheet of sheetNames) {
    r.get(
      `/${sheet}`,
      {
        schema: {
          tags: ["records"],
          summary: `A page of ${sheet}`,
          querystring: pageQuerySchema,
          response: { 200: recordPageSchema, ...errors },
        },
      },
      async (request) => {
        const p = allow(request, "read");
        const page = await pageRecords(app.db, p.orgId, sheet, request.query.after, request.query.limit);
        return { items: page.items.map(toCrmRecord), next: page.next };
      },
    );
    r.get(
      `/${sheet}/:id`,
      {
        schema: {
          tags: ["records"],
          summary: `One of the ${sheet}`,
          params: idParams,
          response: { 200: crmRecordSchema, ...errors },
        },
      },
      async (request) => {
        const p = allow(request, "read");
        const [record] = await findRecordsByIds(app.db, p.orgId, sheet, [request.params.id]);
        if (!record) throw notFound(sheet.slice(0, -1));
        return toCrmRecord(record);
      },
    );
  }
  r.get(
    "/customers/:id/ledger",
    {
      schema: {
        tags: ["records"],
        summary: "A customer's journal entries and payments (opening balances)",
        params: idParams,
        response: { 200: ledgerSchema, ...errors },
      },
    },
    async (request) => {
      const p = allow(request, "read");
      const [customer] = await findRecordsByIds(app.db, p.orgId, "customers", [request.params.id]);
      if (!customer) throw notFound("customer");
      return { items: await listCustomerLedger(app.db, p.orgId, customer.id) };
    },
  );
}
