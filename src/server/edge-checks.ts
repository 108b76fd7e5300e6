/**
 * What every request's input must be before any route reads it, checked once at the edge: text the
 * database can store (no NUL, no lone surrogate half: PostgreSQL refuses both, which was a 500 in 28
 * places), and bounded sizes (fields per row and per request, field-name and text length), so a
 * hostile body is refused before zod parses it and before any row is checked or any answer stored.
 * One walk over the parsed JSON, params, query and the idempotency key: strings are tested with one
 * regular expression, and only those holding a NUL or a surrogate get the exact test.
 */
import type { FastifyRequest } from "fastify";
import { IDEMPOTENCY_HEADER, requestBounds } from "../domain";
import { ApiError } from "./errors";
import { apiMessages } from "./messages";

type PathPart = string | number;

/** A character PostgreSQL cannot store, or a surrogate worth a closer look. */
const SUSPECT = /[\0\uD800-\uDFFF]/;
/** ES2024's String.prototype.isWellFormed (Node 20+), which this project's ES2023 lib does not type. */
type WellFormed = string & { isWellFormed(): boolean };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `s` the database cannot store, as U+XXXX; null when there is none. */
export function unstorableChar(s: string): string | null {
  if (!SUSPECT.test(s) || (s.indexOf("\0") < 0 && (s as WellFormed).isWellFormed())) return null;
  const at = s.indexOf("\0") >= 0 ? "\0" : LONE_SURROGATE.exec(s)?.[0];
  return at === undefined ? null : `U+${at.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Text shown back to the caller with the unstorable characters spelled out. */
const shown = (s: string) =>
  s.slice(0, 60).replace(/[\0\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A path as the caller wrote it, e.g. `defaults.category` or `clear[0]`. */
const pathText = (path: readonly PathPart[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? shown(p) : `.${shown(p)}`)).join("");

/**
 * Where in the request a value sits, in the caller's words: a row's cell is its ref (the sheet row,
 * e.g. "Customers!12") and field; anything else is its path, e.g. `body.defaults.category`.
 */
export function describePlace(source: string, path: readonly PathPart[], body: unknown): string {
  if (source === "body" && path[0] === "rows" && typeof path[1] === "number") {
    const row = (body as { rows: unknown[] }).rows[path[1]] as { ref?: unknown } | null;
    const ref = typeof row?.ref === "string" ? row.ref : null;
    const which = ref && !unstorableChar(ref) ? `row "${ref}"` : `row ${path[1] + 1} of the batch`;
    const [, , part, name] = path;
    if (part === "values" && typeof name === "string") return `${which}, field "${shown(name)}"`;
    return path.length > 2 ? `${which}, ${pathText(path.slice(2))}` : which;
  }
  return path.length ? `${source}.${pathText(path)}` : source;
}

class Walk {
  fields = 0;
  constructor(
    readonly source: string,
    readonly root: unknown,
  ) {}

  refuse(path: readonly PathPart[], message: (where: string) => string, status = 400, code = "invalid_text") {
    return new ApiError(status, code, message(describePlace(this.source, path, this.root)));
  }

  text(s: string, path: PathPart[], isName: boolean): void {
    const bad = unstorableChar(s);
    if (bad) throw this.refuse(path, (w) => apiMessages.unstorableText(w, bad, isName));
    const max = isName ? requestBounds.fieldNameChars : requestBounds.textChars;
    if (s.length > max)
      throw this.refuse(path, (w) => apiMessages.textTooLong(w, s.length, max, isName), 413, "too_large");
  }

  value(v: unknown, path: PathPart[]): void {
    if (typeof v === "string") return this.text(v, path, false);
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      if (v.length > requestBounds.itemsPerList)
        throw this.refuse(
          path,
          (w) => apiMessages.tooManyItems(w, requestBounds.itemsPerList),
          // As zod would answer a batch of too many rows, a moment later and after parsing them all.
          400,
          "invalid_request",
        );
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        this.value(v[i], path);
        path.pop();
      }
      return;
    }
    let count = 0;
    for (const key in v) {
      if (++count > requestBounds.fieldsPerObject)
        throw this.refuse(
          path,
          (w) => apiMessages.tooManyFields(w, requestBounds.fieldsPerObject),
          413,
          "too_large",
        );
      if (++this.fields > requestBounds.fieldsPerRequest)
        throw this.refuse(
          [],
          () => apiMessages.tooManyFieldsInRequest(requestBounds.fieldsPerRequest),
          413,
          "too_large",
        );
      path.push(key);
      this.text(key, path, true);
      this.value((v as Record<string, unknown>)[key], path);
      path.pop();
    }
  }
}

/** Throws a 400 (unstorable text) or 413 (too many fields, text too long) naming the place. */
export function checkInput(source: string, value: unknown): void {
  // The common case, nothing wrong, is one walk that tracks no path; a problem is walked again to
  // say where it is.
  if (!looksFine(value, { fields: 0 })) new Walk(source, value).value(value, []);
}

const fineText = (s: string, max: number) =>
  s.length <= max && (!SUSPECT.test(s) || unstorableChar(s) === null);

/** True when nothing in `v` breaks a bound or holds unstorable text; `seen` counts fields. */
function looksFine(v: unknown, seen: { fields: number }): boolean {
  if (typeof v === "string") return fineText(v, requestBounds.textChars);
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) {
    if (v.length > requestBounds.itemsPerList) return false;
    for (let i = 0; i < v.length; i++) if (!looksFine(v[i], seen)) return false;
    return true;
  }
  let count = 0;
  for (const key in v) {
    if (++count > requestBounds.fieldsPerObject || ++seen.fields > requestBounds.fieldsPerRequest)
      return false;
    if (!fineText(key, requestBounds.fieldNameChars)) return false;
    if (!looksFine((v as Record<string, unknown>)[key], seen)) return false;
  }
  return true;
}

/** The preValidation hook: params, query, the idempotency key, then the body. */
export async function checkRequestInput(request: FastifyRequest): Promise<void> {
  checkInput("params", request.params);
  checkInput("query", request.query);
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (key !== undefined) checkInput("Idempotency-Key", key);
  checkInput("body", request.body);
}
