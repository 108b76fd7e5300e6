/**
 * One HTTP exchange with the CRM: bounded concurrency, retries, and a zod parse of the answer.
 * Nothing leaves here unparsed, and nothing but a CrmClientError is thrown.
 */
import axios, { isAxiosError, type AxiosInstance } from "axios";
import type { z } from "zod";
import { unexpectedAnswer, toCrmClientError, type CrmClientError } from "./errors";
import { createLimiter } from "./limiter";
import type { CrmClientSettings } from "./options";
import { parseRetryAfter, withRetries, type RetryPolicy } from "./retry";

export interface CrmRequest<S extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  schema: S;
  params?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Further attempts after a failure worth retrying, when not the client's (0: a caller with a fallback). */
  retries?: number;
}

export interface Transport {
  send<S extends z.ZodType>(request: CrmRequest<S>): Promise<z.output<S>>;
  readonly settings: CrmClientSettings;
}

function policyOf(settings: CrmClientSettings): RetryPolicy {
  return {
    retries: settings.retries,
    backoffBaseMs: settings.backoffBaseMs,
    backoffMaxMs: settings.backoffMaxMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    sleep: settings.sleep,
    random: settings.random,
    now: settings.now,
    ...(settings.onRetryWait ? { onWait: settings.onRetryWait } : {}),
  };
}

function createAxios(settings: CrmClientSettings): AxiosInstance {
  return axios.create({
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    headers: { Accept: "application/json" },
    // A body that is not JSON must reach zod as text and fail there, not throw inside axios.
    transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: true },
    maxRedirects: 0,
  });
}

function parseAnswer<S extends z.ZodType>(schema: S, status: number, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw unexpectedAnswer(status, parsed.error);
  return parsed.data;
}

export function createTransport(settings: CrmClientSettings): Transport {
  const http = createAxios(settings);
  const limiter = createLimiter(settings.concurrency);
  const policy = policyOf(settings);
  const toError = (error: unknown): CrmClientError =>
    toCrmClientError(error, (header) => parseRetryAfter(header, settings.now()));

  const exchange = (request: CrmRequest<z.ZodType>, token: string) =>
    http.request({
      method: request.method,
      url: request.path,
      params: request.params,
      data: request.body,
      headers: { ...request.headers, Authorization: `Bearer ${token}` },
      signal: request.signal,
    });

  /** One attempt; a signed-in session's expired access token is renewed and the request sent once more. */
  const attempt = async <S extends z.ZodType>(request: CrmRequest<S>): Promise<z.output<S>> => {
    const auth = settings.auth;
    const token = auth ? await auth.current() : (settings.token ?? "");
    try {
      const response = await exchange(request, token);
      return parseAnswer(request.schema, response.status, response.data);
    } catch (error) {
      if (!auth || !isAxiosError(error) || error.response?.status !== 401) throw error;
      const response = await exchange(request, await auth.renew(token));
      return parseAnswer(request.schema, response.status, response.data);
    }
  };

  return {
    settings,
    send: (request) =>
      withRetries(
        () => limiter.run(() => attempt(request)),
        toError,
        request.retries === undefined ? policy : { ...policy, retries: request.retries },
        request.signal,
      ),
  };
}
