/**
 * Every route of the API with a request that would succeed for its owner. The access tests walk this
 * list; a test compares it with fastify's own route table so a new route cannot go unchecked.
 */
import type { FastifyInstance } from "fastify";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** The ids a request needs, all belonging to the organisation that owns them. */
export interface OwnedIds {
  customerId: string;
  contactId: string;
  siteId: string;
  equipmentId: string;
  importId: string;
  userId: string;
  tokenId: string;
}

export interface RouteCase {
  method: Method;
  /** The route as fastify names it, e.g. /api/v1/imports/:id/rows. */
  route: string;
  url: (ids: OwnedIds) => string;
  body?: (ids: OwnedIds) => unknown;
  /** Whether the route names one of the organisation's records by id (so another organisation gets 404). */
  namesRecord: boolean;
  /** Who may call it: every role reads, importers and admins import, admins manage. */
  needs: "read" | "import" | "admin";
  /**
   * Any role may act on its own (a token), an admin on anyone's: another role's call on the
   * organisation's record it does not own is a 404, as for a record it cannot see.
   */
  ownOnly?: boolean;
  /** An import route only an admin or the importer who ran the import may call (others: 403). */
  runnerOnly?: boolean;
}

const c = (
  method: Method,
  route: string,
  url: RouteCase["url"],
  namesRecord: boolean,
  body?: RouteCase["body"],
): RouteCase => ({
  method,
  route,
  url,
  namesRecord,
  needs: neededFor(method, route),
  ...(body ? { body } : {}),
});

function neededFor(method: Method, route: string): RouteCase["needs"] {
  if (route.startsWith("/api/v1/imports")) return method === "GET" ? "read" : "import";
  if (
    /^\/api\/v1\/(users|tokens|custom-fields|picklists|closed-period|revert-window|logs|import-defaults)/.test(
      route,
    )
  )
    return "admin";
  return "read";
}

export const routeCases: RouteCase[] = [
  c("GET", "/api/v1/schema", () => "/api/v1/schema", false),
  c("GET", "/api/v1/me", () => "/api/v1/me", false),
  c("GET", "/api/v1/customers", () => "/api/v1/customers", false),
  c("GET", "/api/v1/customers/:id", (i) => `/api/v1/customers/${i.customerId}`, true),
  c("GET", "/api/v1/customers/:id/ledger", (i) => `/api/v1/customers/${i.customerId}/ledger`, true),
  c("GET", "/api/v1/contacts", () => "/api/v1/contacts", false),
  c("GET", "/api/v1/contacts/:id", (i) => `/api/v1/contacts/${i.contactId}`, true),
  c("GET", "/api/v1/sites", () => "/api/v1/sites", false),
  c("GET", "/api/v1/sites/:id", (i) => `/api/v1/sites/${i.siteId}`, true),
  c("GET", "/api/v1/equipment", () => "/api/v1/equipment", false),
  c("GET", "/api/v1/equipment/:id", (i) => `/api/v1/equipment/${i.equipmentId}`, true),
  c(
    "POST",
    "/api/v1/imports",
    () => "/api/v1/imports",
    false,
    () => ({ sheet: "customers" }),
  ),
  c("GET", "/api/v1/imports", () => "/api/v1/imports", false),
  c("GET", "/api/v1/imports/:id", (i) => `/api/v1/imports/${i.importId}`, true),
  c(
    "POST",
    "/api/v1/imports/:id/rows",
    (i) => `/api/v1/imports/${i.importId}/rows`,
    true,
    () => ({
      rows: [{ ref: "x", values: { name: "Intruder AB", email: "x@example.com" } }],
    }),
  ),
  c(
    "POST",
    "/api/v1/imports/:id/resume",
    (i) => `/api/v1/imports/${i.importId}/resume`,
    true,
    () => ({}),
  ),
  c(
    "POST",
    "/api/v1/imports/:id/finish",
    (i) => `/api/v1/imports/${i.importId}/finish`,
    true,
    () => ({}),
  ),
  // After finish in this list: a revert needs a finished import. A dry run only reads, so any
  // importer may ask it (a real revert: an admin, or the importer who ran it).
  c(
    "POST",
    "/api/v1/imports/:id/revert",
    (i) => `/api/v1/imports/${i.importId}/revert`,
    true,
    () => ({ dryRun: true }),
  ),
  c(
    "GET",
    "/api/v1/imports/:id/opening-balances",
    (i) => `/api/v1/imports/${i.importId}/opening-balances`,
    true,
  ),
  {
    ...c(
      "DELETE",
      "/api/v1/imports/:id/opening-balances",
      (i) => `/api/v1/imports/${i.importId}/opening-balances`,
      true,
    ),
    runnerOnly: true,
  },
  c("GET", "/api/v1/users", () => "/api/v1/users", false),
  c(
    "POST",
    "/api/v1/users",
    () => "/api/v1/users",
    false,
    () => ({ name: "New", email: "n@example.com", role: "viewer" }),
  ),
  c(
    "POST",
    "/api/v1/tokens",
    () => "/api/v1/tokens",
    true,
    (i) => ({ userId: i.userId }),
  ),
  { ...c("DELETE", "/api/v1/tokens/:id", (i) => `/api/v1/tokens/${i.tokenId}`, true), ownOnly: true },
  { ...c("GET", "/api/v1/tokens", () => "/api/v1/tokens", false), needs: "read" },
  c(
    "PUT",
    "/api/v1/users/:id/password",
    (i) => `/api/v1/users/${i.userId}/password`,
    true,
    () => ({ password: "a long enough passphrase 42" }),
  ),
  c(
    "POST",
    "/api/v1/custom-fields",
    () => "/api/v1/custom-fields",
    false,
    () => ({
      sheet: "customers",
      key: "cf_x",
      label: "X",
      kind: "text",
    }),
  ),
  c(
    "POST",
    "/api/v1/picklists/:name/values",
    () => "/api/v1/picklists/category/values",
    false,
    () => ({
      value: "Gold",
    }),
  ),
  c(
    "PUT",
    "/api/v1/closed-period",
    () => "/api/v1/closed-period",
    false,
    () => ({ through: null }),
  ),
  c("GET", "/api/v1/logs", () => "/api/v1/logs", false),
  c(
    "PUT",
    "/api/v1/revert-window",
    () => "/api/v1/revert-window",
    false,
    () => ({ days: 30 }),
  ),
  c(
    "PUT",
    "/api/v1/import-defaults",
    () => "/api/v1/import-defaults",
    false,
    () => ({
      duplicateAction: "update",
      matchMode: "all",
      contactCategory: null,
      matchKeys: {
        customers: [["name"], ["name", "postalCode"]],
        contacts: [["customer", "email"]],
        sites: [["billingCustomer", "siteName"]],
      },
    }),
  ),
  // Any signed-in user of the organisation reads and saves its mappings (viewers map files too).
  c(
    "PUT",
    "/api/v1/mappings/:signature",
    () => "/api/v1/mappings/0a1b2c3d",
    false,
    () => ({
      columns: ["name", null],
    }),
  ),
  c("GET", "/api/v1/mappings/:signature", () => "/api/v1/mappings/0a1b2c3d", false),
];

/**
 * The API's routes as fastify registered them, read from printRoutes' tree (HEAD and the CORS
 * preflight left out): "METHOD /path" for each.
 */
export function registeredRoutes(app: FastifyInstance, prefix = "/api/v1"): string[] {
  const stack: string[] = [];
  const found: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const start = line.search(/[^│├└─\s]/);
    if (start < 0) continue;
    const depth = Math.round(start / 4) - 1;
    const m = /^(\S+)\s+\(([A-Z, ]+)\)$/.exec(line.slice(start).trim());
    if (!m) continue;
    const path = (depth > 0 ? stack[depth - 1]! : "") + m[1]!;
    stack[depth] = path;
    stack.length = depth + 1;
    if (!path.startsWith(prefix)) continue;
    for (const method of m[2]!.split(",").map((s) => s.trim()))
      if (method !== "HEAD" && method !== "OPTIONS") found.push(`${method} ${path}`);
  }
  return found.sort();
}
