/**
 * The CRM API, read top to bottom: how requests are parsed and limited, who may call, then the routes.
 * Everything the app needs arrives in `options`; nothing lives in process memory that another
 * instance would need (imports and idempotency keys are in the database; `recent` only saves reads).
 */
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { registerAuthentication, bearerOf } from "./auth";
import { AuthFailureCounter, registerAuthFailureLimit, type AuthFailureLimit } from "./auth-failures";
import type { Database } from "./db/types";
import { checkRequestInput } from "./edge-checks";
import { ApiError, registerErrorHandler } from "./errors";
import { hashToken } from "./ids";
import { withSafeSerializers } from "./logging";
import { apiMessages } from "./messages";
import { OAUTH_PATHS, SIGN_IN_PAGE } from "../domain/oauth";
import { adminRoutes } from "./routes/admin";
import { credentialRoutes } from "./routes/credentials";
import { mappingRoutes } from "./routes/mappings";
import { oauthRoutes } from "./routes/oauth";
import { reportRoutes, SIGN_IN_PATH } from "./routes/report";
import { oauthClients } from "./services/sign-in";
import { revertRoutes } from "./routes/reverts";
import { importRoutes } from "./routes/imports";
import { recordRoutes } from "./routes/records";
import { schemaRoutes } from "./routes/schema";
import { recentReads, type RecentReads } from "./recent-reads";
import type { Mailer } from "./services/mail";
import { DEFAULT_COST, type ScryptCost } from "./services/passwords";

declare module "fastify" {
  interface FastifyInstance {
    db: Kysely<Database>;
    mailer: Mailer | null;
    /** Principals, imports and schemas read in the last few seconds (`recent-reads.ts`). */
    recent: RecentReads;
    /** The scrypt cost of new password hashes (`services/passwords.ts`). */
    passwordCost: ScryptCost;
    /** The CRM's address for links it sends (the report page in the summary e-mail); null: as asked. */
    publicUrl: string | null;
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
  /** Where sign-in may return its code: by default the sign-in page of each CORS origin (the pane's). */
  oauthRedirectUris?: readonly string[];
  /** scrypt's cost for new passwords: OWASP's by default; tests lower it to run fast. */
  passwordCost?: ScryptCost;
  /** Tokens not known good per address in each window (made-up tokens each cost a lookup). */
  authFailureLimit?: AuthFailureLimit;
  /** How long a client may take to send its headers, and its whole request (slow bodies are cut). */
  timeouts?: Partial<Timeouts>;
  /** The CRM's address as people reach it, for links in e-mails (default: the address a request came to). */
  publicUrl?: string | null;
}

export interface Timeouts {
  headersMs: number;
  requestMs: number;
  /** How often Node checks connections against both (its default, 30 s, is coarser than them). */
  checkIntervalMs: number;
}
export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 15_000, requestMs: 60_000, checkIntervalMs: 5_000 };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: withSafeSerializers(options.logger ?? false),
    bodyLimit: options.bodyLimitBytes ?? 8 * 1024 * 1024,
    // Fastify's default requestTimeout (0) turns Node's off: a body sent a byte at a time never ended.
    requestTimeout: timeouts.requestMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkIntervalMs },
  });
  app.decorate("db", options.db);
  app.decorate("mailer", options.mailer ?? null);
  app.decorate("recent", recentReads());
  app.decorate("passwordCost", options.passwordCost ?? DEFAULT_COST);
  app.decorate("publicUrl", options.publicUrl ?? null);

  // Parsing and the single error shape.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Security headers (the API answers JSON; the docs page loads only its own scripts).
  await app.register(helmet);

  // Limits: browser origins, then requests per token.
  const origins = new Set(options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  const corsOptions = {
    origin: (origin: string | undefined, cb: (error: Error | null, allow: boolean) => void) => {
      if (!origin || origins.has(origin)) cb(null, true);
      else cb(new ApiError(403, "origin_not_allowed", apiMessages.corsRefused(origin)), false);
    },
    allowedHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
    methods: ["GET", "POST", "PUT", "DELETE"],
    // The pane's client waits as long as a 429 says: the browser hides the header unless exposed.
    exposedHeaders: ["Retry-After"],
  };
  // The sign-in page posts its form to itself: a navigation, not a cross-origin call, whose Origin is
  // the CRM's own (or "null"); CORS does not apply to it (its CSRF cookie protects it).
  await app.register(cors, {
    delegator: (request, cb) =>
      cb(
        null,
        request.url.startsWith(OAUTH_PATHS.authorize) || request.url.startsWith(SIGN_IN_PATH)
          ? { origin: false }
          : corsOptions,
      ),
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

  // Failed credentials per address (bearer tokens, passwords, codes, refresh tokens), one allowance.
  const failures = new AuthFailureCounter(options.authFailureLimit ?? { max: 30, windowMs: 60_000 });

  // Signing in: the sign-in page and the OAuth endpoints (no bearer token).
  const redirectUris = options.oauthRedirectUris ?? [...origins].map((origin) => `${origin}${SIGN_IN_PAGE}`);
  await app.register(oauthRoutes(oauthClients(redirectUris), failures));
  // The CRM's pages for people: an import's report, behind a sign-in kept in a cookie.
  await app.register(reportRoutes(failures));

  // The API proper: every route below needs a token, and every query is scoped by its organisation.
  await app.register(
    async (v1) => {
      registerAuthFailureLimit(v1, failures, app.recent.principals);
      registerAuthentication(v1, app.recent.principals);
      // Text and sizes are checked once here, after the token and before any route parses its input.
      v1.addHook("preValidation", checkRequestInput);
      await v1.register(schemaRoutes);
      await v1.register(recordRoutes);
      await v1.register(importRoutes);
      await v1.register(revertRoutes);
      await v1.register(adminRoutes);
      await v1.register(credentialRoutes);
      await v1.register(mappingRoutes);
    },
    { prefix: "/api/v1" },
  );
  return app;
}
