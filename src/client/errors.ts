/**
 * The one error type the client throws, and the translation of HTTP and socket failures into it.
 * Callers switch on `kind`; `message` is already in the user's words (domain/messages).
 */
import { AxiosError, isAxiosError, isCancel } from "axios";
import { errorBodySchema, messages } from "../domain";

export const crmErrorKinds = [
  "network",
  "auth",
  "forbidden",
  "notFound",
  "validation",
  "rateLimited",
  "server",
  "cancelled",
] as const;
export type CrmErrorKind = (typeof crmErrorKinds)[number];

export interface CrmClientErrorInit {
  kind: CrmErrorKind;
  message: string;
  status?: number;
  code?: string;
  /** How long the CRM asked us to wait (429), in milliseconds. */
  retryAfterMs?: number;
  /** Some attempt may have reached the CRM and been applied, even if the last one was refused. */
  unconfirmed?: boolean;
  cause?: unknown;
}

export class CrmClientError extends Error {
  readonly kind: CrmErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly unconfirmed: boolean;

  constructor(init: CrmClientErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "CrmClientError";
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.unconfirmed = init.unconfirmed ?? mayHaveBeenApplied(init.kind, init.code);
  }

  /** The same error, marked as possibly applied by an earlier attempt. */
  asUnconfirmed(): CrmClientError {
    if (this.unconfirmed) return this;
    return new CrmClientError({ ...this.init(), unconfirmed: true });
  }

  private init(): CrmClientErrorInit {
    return {
      kind: this.kind,
      message: this.message,
      cause: this.cause,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.code !== undefined ? { code: this.code } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

/** Failures that prove the request never reached the CRM: nothing can have been written. */
const neverArrivedCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
]);

/**
 * Whether a request that failed this way may still have been applied: a lost answer (reset, timeout)
 * or a CRM failure may come after the commit. A 4xx, a 429 or a refused connection cannot.
 */
function mayHaveBeenApplied(kind: CrmErrorKind, code: string | undefined): boolean {
  if (kind === "server") return true;
  return kind === "network" && !(code !== undefined && neverArrivedCodes.has(code));
}

/** Socket-level codes that mean "the request may not have arrived, or its answer was lost". */
const transientNetworkCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "ERR_NETWORK",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

const timeoutCodes = new Set(["ECONNABORTED", "ETIMEDOUT", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

/** Whether another attempt could succeed: transient network trouble, the CRM's own failures, or 429. */
export function isRetryable(error: CrmClientError): boolean {
  if (error.kind === "server") return error.code !== "unexpected_response";
  if (error.kind === "rateLimited") return true;
  return error.kind === "network" && error.code !== undefined && transientNetworkCodes.has(error.code);
}

export const unexpectedAnswer = (status: number | undefined, cause: unknown): CrmClientError =>
  new CrmClientError({
    kind: "server",
    message: messages.crm.unexpectedAnswer,
    code: "unexpected_response",
    ...(status !== undefined ? { status } : {}),
    cause,
  });

export const cancelledError = (cause?: unknown): CrmClientError =>
  new CrmClientError({ kind: "cancelled", message: messages.crm.cancelled, code: "cancelled", cause });

/** Reads `{error:{code,message}}` when the CRM sent it; anything else yields no detail. */
function errorBodyOf(data: unknown): { code: string; message: string } | undefined {
  const parsed = errorBodySchema.safeParse(data);
  return parsed.success ? parsed.data.error : undefined;
}

function fromStatus(
  status: number,
  data: unknown,
  retryAfterMs: number | undefined,
  cause: unknown,
): CrmClientError {
  const body = errorBodyOf(data);
  const base = { status, cause, ...(body ? { code: body.code } : {}) };
  if (status === 401)
    return new CrmClientError({ ...base, kind: "auth", message: messages.crm.tokenRefused });
  if (status === 403)
    return new CrmClientError({ ...base, kind: "forbidden", message: messages.crm.forbidden });
  if (status === 404)
    return new CrmClientError({ ...base, kind: "notFound", message: messages.crm.notFound });
  if (status === 429) {
    const message = messages.crm.rateLimited((retryAfterMs ?? 0) / 1000);
    return new CrmClientError({
      ...base,
      kind: "rateLimited",
      message,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  // 5xx details are the CRM's business, never the user's.
  if (status >= 500)
    return new CrmClientError({ ...base, kind: "server", message: messages.crm.serverError });
  const detail = body?.message ?? `HTTP ${status}`;
  return new CrmClientError({ ...base, kind: "validation", message: messages.crm.refused(detail) });
}

function fromNetwork(error: AxiosError): CrmClientError {
  const code = error.code ?? "ERR_NETWORK";
  const message = timeoutCodes.has(code) ? messages.crm.timedOut : messages.crm.unreachable;
  return new CrmClientError({ kind: "network", message, code, cause: error });
}

/** Any failure of one HTTP attempt, as a CrmClientError. */
export function toCrmClientError(
  error: unknown,
  parseRetryAfter: (header: unknown) => number | undefined,
): CrmClientError {
  if (error instanceof CrmClientError) return error;
  if (isCancel(error)) return cancelledError(error);
  if (isAxiosError(error)) {
    if (error.response) {
      const retryAfter = parseRetryAfter(error.response.headers["retry-after"]);
      return fromStatus(error.response.status, error.response.data, retryAfter, error);
    }
    return fromNetwork(error);
  }
  return new CrmClientError({
    kind: "network",
    message: messages.crm.unreachable,
    code: "unknown",
    cause: error,
  });
}
