/**
 * What the routes' schemas share: a route's tag and inputs, its answer, and the error answers it may
 * give, each in the one error shape (`{error:{code,message}}`); ids in the path; `{ ok: true }`.
 */
import { z } from "zod";
import { errorBodySchema } from "../../domain";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

/** The error answers of a route, by status, for the OpenAPI document and the serializer. */
export function errorAnswers<const S extends readonly ErrorStatus[]>(
  ...statuses: S
): { [K in S[number]]: typeof errorBodySchema } {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema])) as {
    [K in S[number]]: typeof errorBodySchema;
  };
}

/** Routes that read or change an organisation's settings, users and tokens. */
export const adminErrors = errorAnswers(400, 401, 403, 404, 409);
/** Routes of imports and their reverts, which also refuse a reused idempotency key (422). */
export const importErrors = errorAnswers(400, 401, 403, 404, 409, 422);

/** `:id` in a path. */
export const idParams = z.object({ id: z.string().max(64) });
export const okSchema = z.object({ ok: z.literal(true) });

interface Inputs {
  summary?: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
}

/**
 * A route's options: its schema with one tag, its inputs, its answer (200, or `created` for 201)
 * and its error answers.
 */
export function routeSchema<
  const I extends Inputs,
  A extends z.ZodType,
  E extends object,
  const C extends 200 | 201 = 200,
>(
  tag: string,
  inputs: I,
  answer: A,
  errors: E,
  status?: C,
): { schema: I & { tags: string[]; response: { [K in C]: A } & E } } {
  const response = { [status ?? 200]: answer, ...errors } as { [K in C]: A } & E;
  return { schema: { tags: [tag], ...inputs, response } };
}
