import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { mappingSignatureSchema, savedMappingBodySchema, storedMappingSchema } from "../../domain";
import { allow } from "../auth";
import { notFound } from "../errors";
import { getMapping, putMapping } from "../repositories/mappings";
import { errorAnswers, routeSchema } from "./route-schema";

const mappingErrors = errorAnswers(400, 401, 403, 404);

/**
 * Column mappings saved in the CRM, per organisation and header signature: the next file with the
 * same headers is mapped the same way on any computer of the organisation. Any signed-in user of the
 * organisation (viewers too: they map files to validate them) may read and save one; the last save
 * wins and names its user.
 */
export async function mappingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/mappings/:signature",
    routeSchema("mappings", { params: mappingSignatureSchema }, storedMappingSchema, mappingErrors),
    async (request) => {
      const p = allow(request, "read");
      const found = await getMapping(app.db, p.orgId, request.params.signature);
      if (!found) throw notFound("saved mapping");
      return found;
    },
  );

  r.put(
    "/mappings/:signature",
    routeSchema(
      "mappings",
      { params: mappingSignatureSchema, body: savedMappingBodySchema },
      storedMappingSchema,
      mappingErrors,
    ),
    async (request) => {
      const p = allow(request, "read");
      await putMapping(app.db, p.orgId, p.userId, request.params.signature, request.body);
      return (await getMapping(app.db, p.orgId, request.params.signature))!;
    },
  );
}
