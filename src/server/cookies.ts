/**
 * What the CRM's pages for people share (sign-in forms, web sessions): form bodies, reading a
 * request's cookies, and comparing secrets in constant time.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** Form posts (`application/x-www-form-urlencoded`) parsed to an object of strings, up to 16 KB. */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 16 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
}

export function cookieOf(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

export const sameSecret = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A cookie's attributes: HttpOnly always, Secure over https. */
export const cookieAttributes = (
  request: FastifyRequest,
  path: string,
  maxAgeSeconds: number,
  sameSite: "Strict" | "Lax",
) =>
  `Path=${path}; HttpOnly; SameSite=${sameSite}; Max-Age=${maxAgeSeconds}${request.protocol === "https" ? "; Secure" : ""}`;
