import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  IDEMPOTENCY_HEADER,
  createImportSchema,
  importWithRevertSchema,
  importListSchema,
  importSchema,
  rowsBatchSchema,
  rowsResponseSchema,
  balancesRemovedSchema,
  importBalancesSchema,
  meSchema,
} from "../../domain";
import { allow, refusal, rolesAllowed } from "../auth";
import { ApiError, notFound } from "../errors";
import { apiMessages } from "../messages";
import {
  getImport,
  markResumed,
  insertImport,
  listImports,
  userNames,
  type ImportState,
} from "../repositories/imports";
import { countOutcomes, failedRowResults } from "../repositories/import-rows";
import { revertSummary } from "../repositories/reverts";
import { getOrganisation, type Db, type Principal } from "../repositories/organisations";
import { getProfile, setImportMail } from "../repositories/users";
import { runBatch } from "../services/import-batch";
import { reportUrlOf } from "../services/report-page";
import { finishImport } from "../services/finish-import";
import { listImportBalances, removeImportBalances } from "../services/opening-balances";
import {
  allowedMatchKeys,
  loadOrganisationSchema,
  withOrganisationDefaults,
} from "../services/organisation-schema";
import { indexedKeys, storedKeys } from "../services/record-values";
import { idParams, importErrors, routeSchema } from "./route-schema";

const listQuery = z.object({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const FAILURES_SHOWN = 1_000;

/** An import with its creator's name beside the id (a user removed since keeps only the id). */
const withName = <T extends { createdBy: string }>(imp: T, names: ReadonlyMap<string, string>) => {
  const name = names.get(imp.createdBy);
  return name === undefined ? imp : { ...imp, createdByName: name };
};

async function organisationOf(db: Db, orgId: string) {
  const org = await getOrganisation(db, orgId);
  if (!org) throw notFound("organisation");
  return org;
}

/** Imports: open one, send batches of rows (idempotent), finish, and read the history. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/imports",
    routeSchema("imports", { body: createImportSchema }, importSchema, importErrors, 201),
    async (request, reply) => {
      const p = allow(request, "import");
      const body = request.body;
      const schema = await loadOrganisationSchema(app.db, p.orgId);
      if (!schema) throw notFound("organisation");
      const options = withOrganisationDefaults(body, schema.org.importSettings);
      if (!allowedMatchKeys(body.sheet, options.matchKeys, schema.customFields)) {
        const offered = indexedKeys(body.sheet, schema.customFields).map((k) => k.join(" + "));
        throw new ApiError(400, "invalid_match_keys", apiMessages.matchKeysNotOffered(offered.join(", ")));
      }
      const { mailMe, ...rest } = body;
      // A choice given is remembered as the user's; a dry run (Validate's prediction) mails nobody.
      if (mailMe !== undefined && !body.dryRun) await setImportMail(app.db, p.orgId, p.userId, mailMe);
      const mailImporter =
        !body.dryRun && (mailMe ?? (await getProfile(app.db, p.orgId, p.userId))?.importMail ?? false);
      const imp = await insertImport(app.db, p.orgId, p.userId, { ...rest, ...options, mailImporter });
      reply.code(201);
      return imp;
    },
  );

  r.post(
    "/imports/:id/rows",
    {
      // The token is checked again in the batch's transaction (`claimBatch`).
      config: { recentPrincipal: true },
      // The answer is built from typed results: written as JSON without parsing its 1,000 results
      // against the schema again first (~4 ms a batch on the thread the next batch waits for). The
      // schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
      ...routeSchema(
        "imports",
        {
          params: idParams,
          headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().min(1).max(200).optional() }),
          body: rowsBatchSchema,
        },
        rowsResponseSchema,
        importErrors,
      ),
    },
    async (request) => {
      const p = allow(request, "import");
      const key = request.headers[IDEMPOTENCY_HEADER];
      if (!key) throw new ApiError(400, "idempotency_key_required", apiMessages.idempotencyKeyRequired);
      const { imp, schema } = await batchContext(p.orgId, request.params.id);
      if (imp.status !== "open") throw new ApiError(409, "import_finished", apiMessages.importFinished);
      const answer = await runBatch(app.db, {
        imp,
        sheet: schema.catalog[imp.sheet],
        rules: schema.rules,
        indexKeys: storedKeys(imp.sheet, schema.customFields),
        idempotencyKey: key,
        body: request.body,
        claimant: { tokenHash: request.tokenHash, roles: rolesAllowed("import") },
      });
      if (answer.kind === "mismatch")
        throw new ApiError(422, "idempotency_key_reused", apiMessages.idempotencyKeyReused);
      if (answer.kind === "refused") {
        // The token, its role or the import changed since the request was let in.
        if (answer.status === null) throw notFound("import");
        throw (
          refusal(answer.role, "import") ?? new ApiError(409, "import_finished", apiMessages.importFinished)
        );
      }
      return answer.response;
    },
  );

  /**
   * The import and the organisation's schema a batch is checked against, as read in the last few
   * seconds (`RecentReads`): on PGlite a read waits for the batch in progress, and these let the
   * next batch's checks run meanwhile. The import's status is checked again in the transaction.
   */
  async function batchContext(orgId: string, importId: string) {
    const { imports, schemas } = app.recent;
    const known = imports.get(importId);
    const knownImport = known?.orgId === orgId ? known : undefined;
    const knownSchema = schemas.get(orgId);
    // The import and the schema are independent reads: on PostgreSQL they run on two connections
    // at once; on PGlite they queue for its one session without a turn in between.
    const [imp, schema] = await Promise.all([
      knownImport ?? getImport(app.db, orgId, importId),
      knownSchema ?? loadOrganisationSchema(app.db, orgId),
    ]);
    if (!schema) throw notFound("organisation");
    if (!imp) throw notFound("import");
    // Only fresh reads are kept: a copy is never older than RECENT_MS, however busy the import.
    if (!knownImport) imports.set(importId, imp);
    if (!knownSchema) schemas.set(orgId, schema);
    return { imp, schema };
  }

  r.post(
    "/imports/:id/finish",
    routeSchema("imports", { params: idParams }, importSchema, importErrors),
    async (request) => {
      const p = allow(request, "import");
      const imp = await getImport(app.db, p.orgId, request.params.id);
      if (!imp) throw notFound("import");
      app.recent.imports.delete(imp.id);
      return finishImport(app.db, await organisationOf(app.db, p.orgId), imp, p.userId, {
        mailer: app.mailer,
        reportUrl: reportUrlOf(request, imp.id),
        log: request.log,
      });
    },
  );

  r.get(
    "/me",
    routeSchema(
      "imports",
      { summary: "Who is signed in, and whether import summaries are e-mailed to them" },
      meSchema,
      importErrors,
    ),
    async (request) => {
      const p = allow(request, "read");
      const me = await getProfile(app.db, p.orgId, p.userId);
      if (!me) throw notFound("user");
      return me;
    },
  );

  r.post(
    "/imports/:id/resume",
    routeSchema(
      "imports",
      {
        summary:
          "Count an open import as continued after the CRM stopped answering (History marks it interrupted and resumed); a finished one is answered as it is",
        params: idParams,
      },
      importSchema,
      importErrors,
    ),
    async (request) => {
      const p = allow(request, "import");
      const resumed = await markResumed(app.db, p.orgId, request.params.id);
      const imp = resumed ?? (await getImport(app.db, p.orgId, request.params.id));
      if (!imp) throw notFound("import");
      return imp;
    },
  );

  r.get(
    "/imports",
    routeSchema("imports", { querystring: listQuery }, importListSchema, importErrors),
    async (request) => {
      const p = allow(request, "read");
      const page = await listImports(app.db, p.orgId, request.query.before, request.query.limit);
      const names = await userNames(
        app.db,
        p.orgId,
        page.items.map((i) => i.createdBy),
      );
      return { items: page.items.map((i) => withName(i, names)), next: page.next };
    },
  );

  r.get(
    "/imports/:id",
    routeSchema("imports", { params: idParams }, importWithRevertSchema, importErrors),
    async (request) => {
      const p = allow(request, "read");
      const imp = await getImport(app.db, p.orgId, request.params.id);
      if (!imp) throw notFound("import");
      const counts = imp.status === "open" ? await countOutcomes(app.db, imp.id) : imp.counts;
      const failures = await failedRowResults(app.db, imp.id, FAILURES_SHOWN);
      const names = await userNames(app.db, p.orgId, [imp.createdBy]);
      return { ...withName(imp, names), counts, failures, revert: await revertSummary(app.db, imp.id) };
    },
  );

  r.get(
    "/imports/:id/opening-balances",
    routeSchema(
      "imports",
      { summary: "The opening balances an import booked, booked or reversed", params: idParams },
      importBalancesSchema,
      importErrors,
    ),
    async (request) => {
      const p = allow(request, "read");
      const imp = await getImport(app.db, p.orgId, request.params.id);
      if (!imp) throw notFound("import");
      return {
        items: await listImportBalances(app.db, p.orgId, imp.id),
        canRemove: mayRemoveBalances(p, imp),
      };
    },
  );

  r.delete(
    "/imports/:id/opening-balances",
    routeSchema(
      "imports",
      {
        summary:
          "Remove the opening balances an import booked: deleted in an open period, reversed by a counter-entry in a closed one (idempotent)",
        params: idParams,
      },
      balancesRemovedSchema,
      importErrors,
    ),
    async (request) => {
      const p = allow(request, "import");
      const imp = await getImport(app.db, p.orgId, request.params.id);
      if (!imp) throw notFound("import");
      if (!mayRemoveBalances(p, imp)) throw new ApiError(403, "forbidden", apiMessages.balancesNotYours);
      return removeImportBalances(app.db, imp, p.userId);
    },
  );
}

/** An admin, or the importer who ran the import, may remove its opening balances. */
const mayRemoveBalances = (p: Principal, imp: ImportState): boolean =>
  p.role === "admin" || (p.role === "importer" && imp.createdBy === p.userId);
