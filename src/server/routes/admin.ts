import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  customFieldSchema,
  isOrganisationPicklist,
  organisationImportSettingsSchema,
  sheetNames,
} from "../../domain";
import { allow } from "../auth";
import { ApiError } from "../errors";
import { apiMessages } from "../messages";
import {
  MAX_CUSTOM_OPTIONS,
  insertCustomField,
  insertCustomFieldOption,
  insertPicklistValue,
} from "../repositories/catalog";
import { listLogs } from "../repositories/logs";
import { insertUser, listUsers, setClosedPeriod, setImportSettings } from "../repositories/organisations";
import { allowedMatchKeys, loadOrganisationSchema } from "../services/organisation-schema";
import { indexedKeys } from "../services/record-values";
import { notFound } from "../errors";
import {
  closedPeriodSchema,
  logEntrySchema,
  newUserSchema,
  picklistNameSchema,
  picklistValueSchema,
  userSchema,
} from "../schemas/admin";
import { adminErrors, okSchema, routeSchema } from "./route-schema";

/** Admin-only management: users, custom fields, picklist values, the closed period (tokens: credentials.ts). */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A change here may change what a batch is checked against (custom fields, picklists, account
  // managers, the closed period) or who may import: this instance forgets what it read of them.
  app.addHook("onSend", async (request, reply) => {
    if (request.method === "GET" || reply.statusCode >= 400 || !request.principal) return;
    app.recent.schemas.delete(request.principal.orgId);
    app.recent.principals.clear();
  });

  r.get(
    "/users",
    routeSchema("admin", {}, z.object({ items: z.array(userSchema) }), adminErrors),
    async (request) => {
      const p = allow(request, "admin");
      const users = await listUsers(app.db, p.orgId);
      return { items: users.map(({ id, name, email, role }) => ({ id, name, email, role })) };
    },
  );

  r.post(
    "/users",
    routeSchema("admin", { body: newUserSchema }, userSchema, adminErrors, 201),
    async (request, reply) => {
      const p = allow(request, "admin");
      const u = await insertUser(app.db, p.orgId, request.body);
      reply.code(201);
      return { id: u.id, name: u.name, email: u.email, role: u.role };
    },
  );

  r.post(
    "/custom-fields",
    routeSchema("admin", { body: customFieldSchema }, customFieldSchema, adminErrors, 201),
    async (request, reply) => {
      const p = allow(request, "admin");
      if (!(await insertCustomField(app.db, p.orgId, request.body)))
        throw new ApiError(409, "custom_field_exists", apiMessages.customFieldExists(request.body.key));
      reply.code(201);
      return request.body;
    },
  );

  r.post(
    "/picklists/:name/values",
    routeSchema("admin", { params: picklistNameSchema, body: picklistValueSchema }, okSchema, adminErrors),
    async (request) => {
      // One route for every list a source value can be added to: the organisation's own (Category,
      // Campaign) or a custom picklist field's options. A value already there is kept (no-op).
      const p = allow(request, "admin");
      const { name } = request.params;
      const { value, sheet } = request.body;
      if (isOrganisationPicklist(name)) {
        await insertPicklistValue(app.db, p.orgId, name, value);
        return { ok: true as const };
      }
      const r = await insertCustomFieldOption(app.db, p.orgId, name, value, sheet);
      switch (r.outcome) {
        case "added":
        case "kept":
          return { ok: true as const };
        case "unknown":
          throw new ApiError(404, "not_found", apiMessages.noSuchPicklist(name));
        case "onSeveralSheets":
          throw new ApiError(400, "sheet_required", apiMessages.picklistOnSeveralSheets(name, r.sheets));
        case "notAPicklist":
          throw new ApiError(400, "not_a_picklist", apiMessages.notAPicklist(r.field.label, r.field.kind));
        case "full":
          throw new ApiError(
            409,
            "picklist_full",
            apiMessages.picklistFull(r.field.label, MAX_CUSTOM_OPTIONS),
          );
      }
    },
  );

  r.put(
    "/closed-period",
    routeSchema("admin", { body: closedPeriodSchema }, closedPeriodSchema, adminErrors),
    async (request) => {
      const p = allow(request, "admin");
      await setClosedPeriod(app.db, p.orgId, request.body.through);
      return request.body;
    },
  );

  r.put(
    "/import-defaults",
    routeSchema(
      "admin",
      {
        summary:
          "The organisation's import defaults: duplicate action, match keys and how they combine, contact category",
        body: organisationImportSettingsSchema,
      },
      organisationImportSettingsSchema,
      adminErrors,
    ),
    async (request) => {
      const p = allow(request, "admin");
      const schema = await loadOrganisationSchema(app.db, p.orgId);
      if (!schema) throw notFound("organisation");
      const body = request.body;
      for (const sheet of sheetNames) {
        const keys = body.matchKeys[sheet];
        if (keys.length === 0) throw new ApiError(400, "invalid_match_keys", apiMessages.noMatchKeys(sheet));
        if (!allowedMatchKeys(sheet, keys, schema.customFields)) {
          const offered = indexedKeys(sheet, schema.customFields).map((k) => k.join(" + "));
          throw new ApiError(400, "invalid_match_keys", apiMessages.matchKeysNotOffered(offered.join(", ")));
        }
      }
      const categories = schema.picklists.contactCategory ?? [];
      if (body.contactCategory !== null && !categories.includes(body.contactCategory))
        throw new ApiError(
          400,
          "invalid_contact_category",
          apiMessages.notAContactCategory(body.contactCategory, categories.join(", ")),
        );
      await setImportSettings(app.db, p.orgId, body);
      return body;
    },
  );

  r.get(
    "/logs",
    routeSchema(
      "admin",
      {
        summary: "Import log and activity log",
        querystring: z.object({
          kind: z.enum(["import", "activity"]).default("import"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      z.object({ items: z.array(logEntrySchema) }),
      adminErrors,
    ),
    async (request) => {
      // Tagged admin in the OpenAPI document: the import and activity logs name users and records.
      const p = allow(request, "admin");
      return { items: await listLogs(app.db, p.orgId, request.query.kind, request.query.limit) };
    },
  );
}
