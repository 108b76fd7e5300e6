import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "./db/types";
import { ApiError } from "./errors";
import { apiMessages } from "./messages";
import { findPrincipal, type Principal } from "./repositories/organisations";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** What each role may do: a viewer reads and downloads, an importer also imports, an admin manages. */
const permissions = {
  read: ["admin", "importer", "viewer"],
  import: ["admin", "importer"],
  admin: ["admin"],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;

const actions: Record<Permission, string> = {
  read: "read CRM data",
  import: "import rows",
  admin: "manage users, tokens, custom fields, picklists or periods",
};

export const bearerOf = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
};

/**
 * Every request under this scope needs a valid token; its organisation scopes every query. A missing
 * token is refused at once. The token is looked up while the body arrives and is parsed (on PGlite the
 * lookup may wait for another batch's transaction), and the request goes no further than that: a
 * bad token is refused before the body is validated or anything runs.
 */
export function registerAuthentication(app: FastifyInstance): void {
  const lookups = new WeakMap<FastifyRequest, Promise<Principal | null>>();
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    if (request.method === "OPTIONS") return;
    const token = bearerOf(request.headers.authorization);
    if (!token) throw new ApiError(401, "unauthenticated", apiMessages.missingToken);
    const lookup = findPrincipal(app.db, token);
    // A request whose body is refused (too large, not JSON) never awaits its lookup: no unhandled rejection.
    lookup.catch(() => undefined);
    lookups.set(request, lookup);
  });
  app.addHook("preValidation", async (request) => {
    const lookup = lookups.get(request);
    if (!lookup) return;
    lookups.delete(request);
    const principal = await lookup;
    if (!principal) throw new ApiError(401, "unauthenticated", apiMessages.badToken);
    request.principal = principal;
  });
}

/** The request's principal when its role has the permission; 403 otherwise. */
export function allow(request: FastifyRequest, permission: Permission): Principal {
  const p = request.principal;
  if (!p) throw new ApiError(401, "unauthenticated", apiMessages.missingToken);
  if (!(permissions[permission] as readonly Role[]).includes(p.role))
    throw new ApiError(403, "forbidden", apiMessages.forbidden(p.role, actions[permission]));
  return p;
}
