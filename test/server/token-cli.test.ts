// Issue 16: tokens made by the operator CLI and the CRM_ADMIN_TOKEN of the first start could not be
// listed or revoked through the product. Here the CLI's own commands (`npm run crm -- token
// list|revoke`, parsed from its argv as scripts/crm.ts does) and the API list and revoke them, on
// PGlite and PostgreSQL.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoOrganisation, DEMO_ORGANISATION } from "../../src/server/demo";
import { parseCommand, runCommand } from "../../scripts/crm-commands";
import { client, startHarness, TEST_PASSWORD_COST, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** `npm run crm -- <args>` on the test database: what it prints, or the error it ends with. */
const crm = (...args: string[]): Promise<string> =>
  runCommand(h.db, parseCommand(args)).catch((e: unknown) => `error: ${(e as Error).message}`);

interface TokenItem {
  id: string;
  kind: string;
  current: boolean;
}
const items = (body: unknown) => (body as { items: TokenItem[] }).items;
const idsIn = (listing: string) => [...listing.matchAll(/^(tok_\S+)/gm)].map((m) => m[1]!);

describe("tokens made outside the API", () => {
  it("the CLI's tokens are listed and revoked by id, by the CLI and through the API; the admin's own too", async () => {
    const org = `CLI Org ${randomBytes(4).toString("hex")}`;
    const adminToken = /Admin token \(shown once\): (\S+)/.exec(await crm("org", "create", org))![1]!;
    const made = await crm("token", "create", "--org", org, "--role", "importer");
    const importerToken = /\(shown once\): (\S+)/.exec(made)![1]!;
    const admin = client(h.app, adminToken);
    const importer = client(h.app, importerToken);

    const listed = await crm("token", "list", "--org", org);
    const [adminId, importerId] = idsIn(listed);
    expect(idsIn(listed)).toHaveLength(2);
    expect(listed).toContain("Importer (CLI)");
    expect(listed).not.toContain(importerToken);
    const seen = items((await admin.get("/api/v1/tokens")).body);
    expect(seen.map((t) => t.id).sort()).toEqual([adminId, importerId].sort());
    expect(seen.find((t) => t.current)?.id).toBe(adminId);
    expect((await importer.get("/api/v1/schema")).status).toBe(200);

    expect(await crm("token", "revoke", "--org", org, importerId!)).toBe(`Token ${importerId} revoked.`);
    expect(await crm("token", "revoke", "--org", org, "tok_never_made")).toContain("error: No token");
    expect(await crm("token", "revoke", "--org", "No such org", adminId!)).toContain(
      "error: No organisation",
    );
    expect((await importer.get("/api/v1/schema")).status).toBe(401);
    expect((await admin.get("/api/v1/schema")).status).toBe(200);

    expect((await admin.del(`/api/v1/tokens/${adminId}`)).status).toBe(200);
    expect((await admin.get("/api/v1/schema")).status).toBe(401);
    expect(await crm("token", "list", "--org", org)).toContain("No live tokens");
  });

  it("the first start's CRM_ADMIN_TOKEN is listed and revoked like any other token", async () => {
    // As src/server/main.ts does on a first start with CRM_ADMIN_TOKEN set.
    const operatorToken = `operator-chosen-admin-token-${randomBytes(8).toString("hex")}`;
    await createDemoOrganisation(h.db, operatorToken, "demo password long enough", TEST_PASSWORD_COST);
    const admin = client(h.app, operatorToken);
    const own = items((await admin.get("/api/v1/tokens")).body).find((t) => t.current)!;
    expect(own.kind).toBe("personal");
    expect(idsIn(await crm("token", "list", "--org", DEMO_ORGANISATION))).toEqual([own.id]);
    expect((await admin.del(`/api/v1/tokens/${own.id}`)).status).toBe(200);
    expect((await admin.get("/api/v1/schema")).status).toBe(401);
    expect(await crm("token", "list", "--org", DEMO_ORGANISATION)).toContain("No live tokens");
  });
});
