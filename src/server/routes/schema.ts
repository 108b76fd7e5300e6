import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorBodySchema, schemaDocumentSchema } from "../../domain";
import { allow } from "../auth";
import { notFound } from "../errors";
import { loadOrganisationSchema, toSchemaDocument } from "../services/organisation-schema";

/** The catalog as this organisation sees it: custom fields, picklists, closed period, match keys. */
export async function schemaRoutes(app: FastifyInstance): Promise<void> {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      "/schema",
      { schema: { tags: ["schema"], response: { 200: schemaDocumentSchema, 401: errorBodySchema } } },
      async (request) => {
        const p = allow(request, "read");
        const schema = await loadOrganisationSchema(app.db, p.orgId);
        if (!schema) throw notFound("organisation");
        // The asker's role rides along (the document itself is the organisation's, cached per org).
        return { ...toSchemaDocument(schema), role: p.role };
      },
    );
}
