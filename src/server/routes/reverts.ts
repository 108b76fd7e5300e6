import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  IDEMPOTENCY_HEADER,
  revertMessages,
  revertRequestSchema,
  revertResponseSchema,
  revertWindowSchema,
} from "../../domain";
import { allow } from "../auth";
import { ApiError, notFound } from "../errors";
import { apiMessages } from "../messages";
import { getImport, type ImportState } from "../repositories/imports";
import { revertWindowDays, setRevertWindowDays } from "../repositories/reverts";
import { runRevert } from "../services/revert-batch";
import { loadOrganisationSchema } from "../services/organisation-schema";
import { storedKeys } from "../services/record-values";
import { idParams, importErrors, routeSchema } from "./route-schema";

const DAY_MS = 86_400_000;

/** Taking an import back: its creates deleted, its updates restored, in batches (issue 17). */
export async function revertRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/imports/:id/revert",
    routeSchema(
      "imports",
      {
        summary: "Revert an import, one batch of its rows at a time (dryRun: what each row would do)",
        params: idParams,
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().min(1).max(200).optional() }),
        body: revertRequestSchema,
      },
      revertResponseSchema,
      importErrors,
    ),
    async (request) => {
      const imp = await revertible(request, request.params.id, request.body.dryRun);
      const key = request.headers[IDEMPOTENCY_HEADER] ?? null;
      if (!key && !request.body.dryRun)
        throw new ApiError(400, "idempotency_key_required", apiMessages.idempotencyKeyRequired);
      const schema = await loadOrganisationSchema(app.db, imp.orgId);
      if (!schema) throw notFound("organisation");
      const answer = await runRevert(app.db, {
        imp,
        indexKeys: storedKeys(imp.sheet, schema.customFields),
        idempotencyKey: key,
        body: request.body,
        userId: request.principal!.userId,
      });
      if (answer.kind === "mismatch")
        throw new ApiError(422, "idempotency_key_reused", revertMessages.keyReused);
      return answer.response;
    },
  );

  r.put(
    "/revert-window",
    routeSchema(
      "admin",
      { summary: "How many days an importer may revert their own import", body: revertWindowSchema },
      revertWindowSchema,
      importErrors,
    ),
    async (request) => {
      const p = allow(request, "admin");
      await setRevertWindowDays(app.db, p.orgId, request.body.days);
      return { days: request.body.days };
    },
  );

  /**
   * The import, when the caller may revert it: an admin, or the importer who ran it within the
   * organisation's window (a dry run, which only reads, any importer); a finished import that
   * wrote something.
   */
  async function revertible(
    request: FastifyRequest,
    importId: string,
    dryRun: boolean,
  ): Promise<ImportState> {
    const p = allow(request, "import");
    const imp = await getImport(app.db, p.orgId, importId);
    if (!imp) throw notFound("import");
    if (p.role !== "admin" && !dryRun) {
      if (imp.createdBy !== p.userId) throw new ApiError(403, "forbidden", revertMessages.notYours);
      const days = await revertWindowDays(app.db, p.orgId);
      if (Date.now() - Date.parse(imp.createdAt) > days * DAY_MS)
        throw new ApiError(403, "revert_window_passed", revertMessages.windowPassed(days));
    }
    if (imp.dryRun) throw new ApiError(409, "dry_run_import", revertMessages.dryRunImport);
    if (imp.status !== "finished") throw new ApiError(409, "import_open", revertMessages.notFinished);
    return imp;
  }
}
