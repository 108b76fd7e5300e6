import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { customFieldSchema, errorBodySchema } from "../../domain";
import { allow } from "../auth";
import { ApiError, notFound } from "../errors";
import { newToken } from "../ids";
import { apiMessages } from "../messages";
import { insertCustomField, insertPicklistValue } from "../repositories/catalog";
import { listLogs } from "../repositories/logs";
import {
  deleteToken,
  getUser,
  insertToken,
  insertUser,
  listUsers,
  setClosedPeriod,
} from "../repositories/organisations";
import {
  closedPeriodSchema,
  logEntrySchema,
  newTokenSchema,
  newUserSchema,
  picklistNameSchema,
  picklistValueSchema,
  tokenCreatedSchema,
  userSchema,
} from "../schemas/admin";

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const ok = z.object({ ok: z.literal(true) });

/** Admin-only management: users, tokens, custom fields, picklist values, the closed period. */
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
    { schema: { tags: ["admin"], response: { 200: z.object({ items: z.array(userSchema) }), ...errors } } },
    async (request) => {
      const p = allow(request, "admin");
      const users = await listUsers(app.db, p.orgId);
      return { items: users.map(({ id, name, email, role }) => ({ id, name, email, role })) };
    },
  );

  r.post(
    "/users",
    { schema: { tags: ["admin"], body: newUserSchema, response: { 201: userSchema, ...errors } } },
    async (request, reply) => {
      const p = allow(request, "admin");
      const u = await insertUser(app.db, p.orgId, request.body);
      reply.code(201);
      return { id: u.id, name: u.name, email: u.email, role: u.role };
    },
  );

  r.post(
    "/tokens",
    { schema: { tags: ["admin"], body: newTokenSchema, response: { 201: tokenCreatedSchema, ...errors } } },
    async (request, reply) => {
      const p = allow(request, "admin");
      const user = await getUser(app.db, p.orgId, request.body.userId);
      if (!user) throw notFound("user");
      const { token } = newToken();
      const id = await insertToken(app.db, user, token);
      reply.code(201);
      return { id, token, userId: user.id };
    },
  );

  r.delete(
    "/tokens/:id",
    {
      schema: {
        tags: ["admin"],
        params: z.object({ id: z.string().max(64) }),
        response: { 200: ok, ...errors },
      },
    },
    async (request) => {
      const p = allow(request, "admin");
      if (!(await deleteToken(app.db, p.orgId, request.params.id))) throw notFound("token");
      return { ok: true as const };
    },
  );

  r.post(
    "/custom-fields",
    { schema: { tags: ["admin"], body: customFieldSchema, response: { 201: customFieldSchema, ...errors } } },
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
    {
      schema: {
        tags: ["admin"],
        params: picklistNameSchema,
        body: picklistValueSchema,
        response: { 200: ok, ...errors },
      },
    },
    async (request) => {
      const p = allow(request, "admin");
      await insertPicklistValue(app.db, p.orgId, request.params.name, request.body.value);
      return { ok: true as const };
    },
  );

  r.put(
    "/closed-period",
    {
      schema: { tags: ["admin"], body: closedPeriodSchema, response: { 200: closedPeriodSchema, ...errors } },
    },
    async (request) => {
      const p = allow(request, "admin");
      await setClosedPeriod(app.db, p.orgId, request.body.through);
      return request.body;
    },
  );

  r.get(
    "/logs",
    {
      schema: {
        tags: ["admin"],
        summary: "Import log and activity log",
        querystring: z.object({
          kind: z.enum(["import", "activity"]).default("import"),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(logEntrySchema) }), ...errors },
      },
    },
    async (request) => {
      // Tagged admin in the OpenAPI document: the import and activity logs name users and records.
      const p = allow(request, "admin");
      return { items: await listLogs(app.db, p.orgId, request.query.kind, request.query.limit) };
    },
  );
}
