/**
 * Two findings of the hostile-client probe (issue 16) on admin routes. Each route lets in exactly the
 * roles its OpenAPI tag promises: `GET /logs` was tagged admin but open to viewers (the tag is read
 * from the app's own OpenAPI document, and each route is called as a viewer and as an importer). And
 * the closed period is a real calendar day: `2026-99-99` was accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Client, type Harness } from "../server/harness";
import { routeCases, type RouteCase } from "./routes";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

type Needs = RouteCase["needs"];

/** What each tag of the OpenAPI document means for who may call. */
function tagNeeds(tag: string, method: string): Needs {
  switch (tag) {
    case "admin":
      return "admin";
    case "imports":
      return method === "GET" ? "read" : "import";
    case "tokens":
      // Everyone lists their own; creating a token for a user is an admin's, and revoking one is an
      // admin's for anyone's (another role revokes only its own: the route list says ownOnly).
      return method === "GET" ? "read" : "admin";
    case "records":
    case "schema":
    case "mappings": // saved column mappings: any signed-in user of the organisation reads and saves them
      return "read";
    default:
      throw new Error(`The OpenAPI tag "${tag}" has no role here: say who may call its routes.`);
  }
}

interface OpenApi {
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

/** The role a route's OpenAPI tags promise. */
function promised(doc: OpenApi, rc: RouteCase): Needs {
  const path = rc.route.replace(/:(\w+)/g, "{$1}");
  const tags = doc.paths[path]?.[rc.method.toLowerCase()]?.tags ?? [];
  if (tags.length !== 1) throw new Error(`${rc.method} ${rc.route} has tags ${JSON.stringify(tags)}`);
  return tagNeeds(tags[0]!, rc.method);
}

/** A request that would succeed for an admin; only its status matters here. */
async function call(c: Client, rc: RouteCase, ids: Record<string, string>) {
  const url = rc.url(ids as never);
  const body = rc.body?.(ids as never) ?? {};
  if (rc.method === "GET") return (await c.get(url)).status;
  if (rc.method === "DELETE") return (await c.del(url)).status;
  if (rc.method === "PUT") return (await c.put(url, body)).status;
  return (await c.post(url, body, { "idempotency-key": `roles-${Math.random()}` })).status;
}

describe("roles against the OpenAPI document", () => {
  it("the route list promises what the OpenAPI tags promise", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenApi>();
    const differing = routeCases
      .filter((rc) => promised(doc, rc) !== rc.needs)
      .map((rc) => `${rc.method} ${rc.route}: tag says ${promised(doc, rc)}, list says ${rc.needs}`);
    expect(differing).toEqual([]);
  });

  it("a viewer is refused every route tagged beyond reading, an importer every admin route", async () => {
    const doc = (await h.app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenApi>();
    const org = await h.org();
    const viewer = await org.as("viewer");
    const importer = await org.as("importer");
    const ids = {
      customerId: "c_x",
      contactId: "p_x",
      siteId: "s_x",
      equipmentId: "e_x",
      importId: "i_x",
      userId: "u_x",
      tokenId: "t_x",
    };
    const wrong: string[] = [];
    for (const rc of routeCases) {
      const needs = promised(doc, rc);
      const asViewer = await call(viewer, rc, ids);
      const asImporter = await call(importer, rc, ids);
      // An own-only route refuses another's record as unseen (404), not as forbidden.
      const refused = (status: number) => (rc.ownOnly ? status === 403 || status === 404 : status === 403);
      if (refused(asViewer) !== (needs !== "read")) wrong.push(`${rc.method} ${rc.route} viewer ${asViewer}`);
      if (refused(asImporter) !== (needs === "admin"))
        wrong.push(`${rc.method} ${rc.route} importer ${asImporter}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("the closed period", () => {
  it("is a real calendar day: 2026-99-99, 2026-02-30 and 2025-13-01 are refused, 2024-02-29 is kept", async () => {
    const org = await h.org();
    for (const through of ["2026-99-99", "2026-02-30", "2025-13-01", "2026-00-10"]) {
      const res = await org.admin.put("/api/v1/closed-period", { through });
      expect([through, res.status]).toEqual([through, 400]);
      expect((res.body as { error: { message: string } }).error.message).toContain("real calendar day");
    }
    const schema = async () =>
      (await org.admin.get("/api/v1/schema")).body as { closedPeriodThrough: unknown };
    expect((await schema()).closedPeriodThrough).toBeNull();
    expect((await org.admin.put("/api/v1/closed-period", { through: "2024-02-29" })).status).toBe(200);
    expect((await schema()).closedPeriodThrough).toBe("2024-02-29");
    expect((await org.admin.put("/api/v1/closed-period", { through: null })).status).toBe(200);
  });
});
