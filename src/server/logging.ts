/**
 * What the API writes to its log, and what it never does: a query string's values (a token sent as
 * ?token= was logged in `req.url`), SQL text, or the rows and values an error carried (a database
 * error's message, detail, query and parameters hold the row being written). A 5xx is logged with an
 * error id, the error's type, its code (e.g. the SQLSTATE) and where it was thrown; the caller's
 * answer carries the same id, so the log line can be found from a user's report.
 */
import { randomBytes } from "node:crypto";
import type { FastifyRequest, FastifyServerOptions } from "fastify";

/** A URL with each query parameter's value replaced, so no secret or row data reaches the log. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const names = url
    .slice(q + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=")[0]!.slice(0, 40)}=[redacted]`);
  return `${url.slice(0, q)}?${names.join("&")}`;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  stack?: unknown;
}

interface SafeError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error as logged: its type, code and stack frames; never its message or other properties. */
export function safeError(err: unknown): SafeError {
  const e = (err ?? {}) as ErrorLike;
  const frames =
    typeof e.stack === "string"
      ? e.stack
          .split("\n")
          .filter((line) => line.startsWith("    at "))
          .slice(0, 12)
          .join("\n")
      : undefined;
  return {
    type: typeof e.name === "string" ? e.name : typeof err,
    message: "[redacted]",
    stack: frames ?? "",
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
  };
}

/** An id for one 5xx, in the log and in the caller's answer. */
export const newErrorId = (): string => `err_${randomBytes(6).toString("hex")}`;

/** The request as logged: method, path with its query values redacted, and the caller's address. */
const safeRequest = (request: FastifyRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  remoteAddress: request.ip,
});

/** The app's logger options with the safe serializers in place (false and true are kept as given). */
export function withSafeSerializers(logger: FastifyServerOptions["logger"]): FastifyServerOptions["logger"] {
  const base = logger === true ? {} : logger;
  if (!base) return false;
  return {
    ...base,
    serializers: { ...base.serializers, req: safeRequest, err: safeError },
  };
}
