import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Role } from "./db/types";
import { ApiError } from "./errors";
import { hashToken } from "./ids";
import { apiMessages } from "./messages";
import type { RecentCache } from "./recent-reads";
import { findPrincipal, type Principal } from "./repositories/organisations";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
    /** `hashToken` of the request's bearer token. */
    tokenHash: string;
  }
  interface FastifyContextConfig {
    /**
     * The route may take the principal a token had a few seconds ago (`RecentReads`), because it
     * checks the token again in its transaction before writing anything.
     */
    recentPrincipal?: boolean;
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
 * bad token is refused before the body is validated or anything runs. A route marked
 * `recentPrincipal` takes the principal the token had in the last few seconds instead, without a
 * lookup: it checks the token again in its own transaction, before it writes anything.
 */
export function registerAuthentication(app: FastifyInstance, recent: RecentCache<Principal>): void {
  const lookups = new WeakMap<FastifyRequest, Promise<Principal | null>>();
  app.decorateRequest("principal", null);
  app.decorateRequest("tokenHash", "");
  app.addHook("onRequest", async (request) => {
    if (request.method === "OPTIONS") return;
    const token = bearerOf(request.headers.authorization);
    if (!token) throw new ApiError(401, "unauthenticated", apiMessages.missingToken);
    const hash = hashToken(token);
    request.tokenHash = hash;
    const known = request.routeOptions.config.recentPrincipal ? recent.get(hash) : undefined;
    if (known) {
      lookups.set(request, Promise.resolve(known));
      return;
    }
    const lookup = findPrincipal(app.db, hash).then((p) => {
      if (p) recent.set(hash, p);
      return p;
    });
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

/** The roles that have a permission. */
export const rolesAllowed = (permission: Permission): readonly Role[] => permissions[permission];

/** The error for a token that is gone, or whose role lacks the permission; null when it has it. */
export function refusal(role: Role | null, permission: Permission): ApiError | null {
  if (!role) return new ApiError(401, "unauthenticated", apiMessages.badToken);
  if (!(permissions[permission] as readonly Role[]).includes(role))
    return new ApiError(403, "forbidden", apiMessages.forbidden(role, actions[permission]));
  return null;
}

/** The request's principal when its role has the permission; 403 otherwise. */
export function allow(request: FastifyRequest, permission: Permission): Principal {
  const p = request.principal;
  if (!p) throw new ApiError(401, "unauthenticated", apiMessages.missingToken);
  const refused = refusal(p.role, permission);
  if (refused) throw refused;
  return p;
}
