// POST /api/v1/picklists/:name/values: one route for the organisation's own lists (Category,
// Campaign) and for a custom picklist field's options (by key). Admins only; a value already there is
// kept; an unknown name or a field that is not a picklist is refused in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { apiMessages } from "../../src/server/messages";
import { customer, importRows, startHarness, type Client, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const field = (sheet: string, key: string, kind: string, options?: string[]) => ({
  sheet,
  key,
  label: key === "cf_tier" ? "Tier" : "Size",
  kind,
  ...(options ? { options } : {}),
});
const errorOf = (res: { body: unknown }) => (res.body as { error: { code: string; message: string } }).error;

async function optionsOf(c: Client, sheet: "customers" | "contacts", key: string) {
  const schema = (await c.get("/api/v1/schema")).body as {
    customFields: { sheet: string; key: string; options?: string[] }[];
    sheets: Record<string, { fields: { key: string; options?: string[] }[] }>;
  };
  const own = schema.customFields.find((f) => f.sheet === sheet && f.key === key)?.options;
  // The sheets' field definitions (what the pane and the row checks read) say the same.
  expect(schema.sheets[sheet]!.fields.find((f) => f.key === key)?.options).toEqual(own);
  return own;
}

describe("adding a value to a custom picklist field", () => {
  it("an admin adds it, everyone's schema has it, a row with it imports; again (any case) is a no-op", async () => {
    const org = await h.org();
    expect(
      (await org.admin.post("/api/v1/custom-fields", field("customers", "cf_tier", "picklist", ["Gold"])))
        .status,
    ).toBe(201);
    const [before] = await importRows(org.admin, "customers", [
      customer("r1", { name: "A", email: "a@example.com", cf_tier: "Platinum" }),
    ]);
    expect(before!.errors).toContainEqual({
      field: "cf_tier",
      message: messages.notInList("Tier", "Platinum"),
    });

    const added = await org.admin.post("/api/v1/picklists/cf_tier/values", { value: " Platinum " });
    expect([added.status, added.body]).toEqual([200, { ok: true }]);
    const viewer = await org.as("viewer");
    expect(await optionsOf(viewer, "customers", "cf_tier")).toEqual(["Gold", "Platinum"]);
    for (const again of ["Platinum", "platinum", "GOLD"])
      expect((await org.admin.post("/api/v1/picklists/cf_tier/values", { value: again })).status).toBe(200);
    expect(await optionsOf(org.admin, "customers", "cf_tier")).toEqual(["Gold", "Platinum"]);

    const [after] = await importRows(org.admin, "customers", [
      customer("r2", { name: "B", email: "b@example.com", cf_tier: "platinum" }),
    ]);
    expect(after!.outcome).toBe("created");
    const stored = await org.admin.get(`/api/v1/customers/${after!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.cf_tier).toBe("Platinum");
  });

  it("is refused to an importer and a viewer (403), and leaves the list as it was", async () => {
    const org = await h.org();
    await org.admin.post("/api/v1/custom-fields", field("customers", "cf_tier", "picklist", ["Gold"]));
    for (const role of ["importer", "viewer"] as const) {
      const res = await (await org.as(role)).post("/api/v1/picklists/cf_tier/values", { value: "Platinum" });
      expect(res.status).toBe(403);
      expect(errorOf(res).message).toContain(role);
    }
    expect(await optionsOf(org.admin, "customers", "cf_tier")).toEqual(["Gold"]);
  });

  it("an unknown name and a field that is not a picklist are refused in words", async () => {
    const org = await h.org();
    await org.admin.post("/api/v1/custom-fields", field("customers", "cf_size", "number"));
    const unknown = await org.admin.post("/api/v1/picklists/cf_nothing/values", { value: "X" });
    expect([unknown.status, errorOf(unknown)]).toEqual([
      404,
      { code: "not_found", message: apiMessages.noSuchPicklist("cf_nothing") },
    ]);
    const builtIn = await org.admin.post("/api/v1/picklists/country/values", { value: "Atlantis" });
    expect([builtIn.status, errorOf(builtIn).message]).toEqual([404, apiMessages.noSuchPicklist("country")]);
    const notPicklist = await org.admin.post("/api/v1/picklists/cf_size/values", { value: "Large" });
    expect([notPicklist.status, errorOf(notPicklist)]).toEqual([
      400,
      { code: "not_a_picklist", message: apiMessages.notAPicklist("Size", "number") },
    ]);
    // Another organisation's field is unknown here.
    const other = await h.org();
    await other.admin.post("/api/v1/custom-fields", field("customers", "cf_tier", "picklist", ["Gold"]));
    expect((await org.admin.post("/api/v1/picklists/cf_tier/values", { value: "X" })).status).toBe(404);
    expect(await optionsOf(other.admin, "customers", "cf_tier")).toEqual(["Gold"]);
    // The input is checked: no empty value, no unknown sheet.
    expect((await org.admin.post("/api/v1/picklists/cf_size/values", { value: "  " })).status).toBe(400);
    expect(
      (await org.admin.post("/api/v1/picklists/cf_size/values", { value: "L", sheet: "planets" })).status,
    ).toBe(400);
  });

  it("a key on two sheets needs the sheet; with it, only that sheet's field changes", async () => {
    const org = await h.org();
    await org.admin.post("/api/v1/custom-fields", field("customers", "cf_tier", "picklist", ["Gold"]));
    await org.admin.post("/api/v1/custom-fields", field("contacts", "cf_tier", "picklist", ["Gold"]));
    const unsaid = await org.admin.post("/api/v1/picklists/cf_tier/values", { value: "Silver" });
    expect([unsaid.status, errorOf(unsaid)]).toEqual([
      400,
      {
        code: "sheet_required",
        message: apiMessages.picklistOnSeveralSheets("cf_tier", ["contacts", "customers"]),
      },
    ]);
    const said = await org.admin.post("/api/v1/picklists/cf_tier/values", {
      value: "Silver",
      sheet: "contacts",
    });
    expect(said.status).toBe(200);
    expect(await optionsOf(org.admin, "contacts", "cf_tier")).toEqual(["Gold", "Silver"]);
    expect(await optionsOf(org.admin, "customers", "cf_tier")).toEqual(["Gold"]);
  });

  it("a full list is refused in words", async () => {
    const org = await h.org();
    const full = Array.from({ length: 1_000 }, (_, i) => `Level ${i}`);
    expect(
      (await org.admin.post("/api/v1/custom-fields", field("customers", "cf_tier", "picklist", full))).status,
    ).toBe(201);
    const res = await org.admin.post("/api/v1/picklists/cf_tier/values", { value: "One more" });
    expect([res.status, errorOf(res)]).toEqual([
      409,
      { code: "picklist_full", message: apiMessages.picklistFull("Tier", 1_000) },
    ]);
    // A value already there is still a no-op success.
    expect((await org.admin.post("/api/v1/picklists/cf_tier/values", { value: "level 7" })).status).toBe(200);
  });
});

describe("the organisation's own lists", () => {
  it("a value already there in another case is kept as it is", async () => {
    const org = await h.org();
    expect((await org.admin.post("/api/v1/picklists/category/values", { value: "Retail" })).status).toBe(200);
    expect((await org.admin.post("/api/v1/picklists/category/values", { value: "retail" })).status).toBe(200);
    expect((await org.admin.post("/api/v1/picklists/campaign/values", { value: "retail" })).status).toBe(200);
    const schema = (await org.admin.get("/api/v1/schema")).body as { picklists: Record<string, string[]> };
    expect(schema.picklists.category).toEqual(["Retail"]);
    expect(schema.picklists.campaign).toEqual(["retail"]);
  });
});
