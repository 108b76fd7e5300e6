import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorBody } from "../domain";
import { newErrorId, safeError } from "./logging";
import { apiMessages } from "./messages";

/** An error a route means the caller to see: status, a stable code and a sentence. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (noun: string) => new ApiError(404, "not_found", apiMessages.notFound(noun));

const body = (code: string, message: string): ErrorBody => ({ error: { code, message } });

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function describeValidation(error: FastifyError): string {
  const issues = (error.validation ?? []) as ZodIssueLike[];
  const parts = issues.slice(0, 5).map((i) => {
    const path =
      i.instancePath?.replace(/^\//, "").replaceAll("/", ".") || (error.validationContext ?? "body");
    return `${path}: ${i.message ?? "invalid"}`;
  });
  return parts.join("; ") || error.message;
}

/** One error handler and one error shape; a 5xx never shows its cause to the caller, nor to the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) return reply.code(error.statusCode).send(body(error.code, error.message));
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply
        .code(400)
        .send(body("invalid_request", apiMessages.invalidRequest(describeValidation(error))));
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return reply
        .code(413)
        .send(body("body_too_large", apiMessages.bodyTooLarge(app.initialConfig.bodyLimit ?? 0)));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      // Never the error's message or properties: a database error's hold SQL text and row data.
      const errorId = newErrorId();
      request.log.error({ errorId, error: safeError(error) }, "request failed");
      return reply.code(500).send(body("internal", apiMessages.internal(errorId)));
    }
    return reply.code(status).send(body(error.code?.toLowerCase() ?? "bad_request", error.message));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        body("route_not_found", apiMessages.routeNotFound(request.method, request.url.split("?")[0] ?? "")),
      ),
  );
}
