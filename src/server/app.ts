/**
 * The CRM API, read top to bottom: how requests are parsed and limited, who may call, then the routes.
 * Everything the app needs arrives in `options`; nothing lives in process memory that another
 * instance would need (imports and idempotency keys are in the database; `recent` only saves reads).
 */
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { registerAuthentication, bearerOf } from "./auth";
import type { Database } from "./db/types";
import { ApiError, registerErrorHandler } from "./errors";
import { hashToken } from "./ids";
import { apiMessages } from "./messages";
import { adminRoutes } from "./routes/admin";
import { revertRoutes } from "./routes/reverts";
import { importRoutes } from "./routes/imports";
import { recordRoutes } from "./routes/records";
import { schemaRoutes } from "./routes/schema";
import { recentReads, type RecentReads } from "./recent-reads";
import type { Mailer } from "./services/mail";

declare module "fastify" {
  interface FastifyInstance {
    db: Kysely<Database>;
    mailer: Mailer | null;
    /** Principals, imports and schemas read in the last few seconds (`recent-reads.ts`). */
    recent: RecentReads;
  }
}

export const DEFAULT_CORS_ORIGINS = ["https://localhost:3000", "http://localhost:3000"];

export interface AppOptions {
  db: Kysely<Database>;
  mailer?: Mailer | null;
  logger?: FastifyServerOptions["logger"];
  /** Browser origins allowed to call the API (the add-in's pane). */
  corsOrigins?: readonly string[];
  /** Requests per token (or per address without one) in each window. */
  rateLimit?: { max: number; windowMs: number };
  /** Largest accepted request body; a batch of 1,000 wide rows stays well under the default. */
  bodyLimitBytes?: number;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? 8 * 1024 * 1024,
  });
  app.decorate("db", options.db);
  app.decorate("mailer", options.mailer ?? null);
  app.decorate("recent", recentReads());

  // Parsing and the single error shape.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Limits: browser origins, then requests per token.
  const origins = new Set(options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  await app.register(cors, {
    origin: (origin, cb) => {
      if (!origin || origins.has(origin)) cb(null, true);
      else cb(new ApiError(403, "origin_not_allowed", apiMessages.corsRefused(origin)), false);
    },
    allowedHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
    methods: ["GET", "POST", "PUT", "DELETE"],
  });
  const limit = options.rateLimit ?? { max: 600, windowMs: 60_000 };
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (request) => {
      const token = bearerOf(request.headers.authorization);
      return token ? `token:${hashToken(token)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, "rate_limited", apiMessages.rateLimited(Math.max(1, Math.ceil(context.ttl / 1000)))),
  });

  // The OpenAPI document, generated from the routes' zod schemas, and a page to read it.
  await app.register(swagger, {
    openapi: {
      info: { title: "CRM Import API", version: "1" },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { hide: true } }, async () => ({ ok: true }));
  // Someone who opens the API's address in a browser lands on its documentation, not a 404.
  app.get("/", { schema: { hide: true } }, async (_request, reply) => reply.redirect("/api/docs"));

  // The API proper: every route below needs a token, and every query is scoped by its organisation.
  await app.register(
    async (v1) => {
      registerAuthentication(v1, app.recent.principals);
      await v1.register(schemaRoutes);
      await v1.register(recordRoutes);
      await v1.register(importRoutes);
      await v1.register(revertRoutes);
      await v1.register(adminRoutes);
    },
    { prefix: "/api/v1" },
  );
  return app;
}
