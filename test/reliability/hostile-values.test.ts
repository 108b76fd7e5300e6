/**
 * Quotes, semicolons, SQL comment dashes, backslashes and strings at each field's full length go into
 * every text field of every sheet and come back from the API exactly as sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseCatalog, type FieldDef, type SheetName } from "../../src/domain";
import { startHarness, type Harness } from "../server/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const hostile = `O'Brien "the" ; DROP TABLE records; -- \\ %_ $1 \u202eRTL\u202c 😀 e\u0301`;

/**
 * The hostile text repeated up to the field's full length (UTF-16 units, as Excel and the rules count),
 * never splitting an emoji, and ending in a visible character so no trim can touch it.
 */
const fill = (field: FieldDef, seed: string): string => {
  const max = field.maxLength ?? 1_000;
  let out = "";
  for (const ch of `${seed} ${hostile} `.repeat(Math.ceil(max / 10) + 1)) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  const visible = out.trimEnd();
  return visible + "X".repeat(max - visible.length);
};

const freeText = (field: FieldDef): boolean => field.kind === "text" && !field.system && !field.custom;

function rowValues(sheet: SheetName, extra: Record<string, string>, seed: string): Record<string, string> {
  const values: Record<string, string> = { ...extra };
  for (const field of baseCatalog[sheet].fields.filter(freeText)) values[field.key] = fill(field, seed);
  return values;
}

describe("hostile text in every free-text field", () => {
  it("is stored and returned intact on customers, contacts, sites and equipment", async () => {
    const org = await h.org();
    const send = async (sheet: SheetName, values: Record<string, string>) => {
      const opened = (await org.admin.post("/api/v1/imports", { sheet })).body as { id: string };
      const res = await org.admin.post(
        `/api/v1/imports/${opened.id}/rows`,
        { rows: [{ ref: "r1", values }] },
        { "idempotency-key": `hv-${sheet}` },
      );
      const [result] = (res.body as { results: { outcome: string; crmId: string; errors: unknown[] }[] })
        .results;
      expect([sheet, result!.outcome, result!.errors]).toEqual([sheet, "created", []]);
      const stored = (await org.admin.get(`/api/v1/${sheet}/${result!.crmId}`)).body as {
        values: Record<string, unknown>;
      };
      for (const [key, value] of Object.entries(values))
        expect([sheet, key, stored.values[key]]).toEqual([sheet, key, value]);
      return result!.crmId;
    };
    const customerValues = rowValues("customers", { email: "o'brien--x@example.com" }, "c");
    const customerId = await send("customers", customerValues);
    await send("contacts", rowValues("contacts", { customer: customerId, email: "ann'o@example.com" }, "p"));
    const siteId = await send("sites", rowValues("sites", { billingCustomer: customerId }, "s"));
    await send("equipment", rowValues("equipment", { customer: customerId, site: siteId }, "e"));
    // The listing carries the same text, and the tables are all still there.
    const page = (await org.admin.get("/api/v1/customers")).body as {
      items: { values: Record<string, unknown> }[];
    };
    expect(page.items[0]!.values.name).toBe(customerValues.name);
    expect(page.items[0]!.values.name).toHaveLength(255);
  });

  // cleanText drops zero-width spaces but must keep U+200C/U+200D, which emoji sequences and Persian
  // or Indic words need.
  it("keeps zero-width joiners inside emoji and words (Persian ZWNJ)", async () => {
    const org = await h.org();
    const name = "👩\u200d💻 می\u200cخواهم";
    const opened = (await org.admin.post("/api/v1/imports", { sheet: "customers" })).body as { id: string };
    const res = await org.admin.post(
      `/api/v1/imports/${opened.id}/rows`,
      { rows: [{ ref: "r", values: { name, email: "z@example.com" } }] },
      { "idempotency-key": "zwj" },
    );
    const [result] = (res.body as { results: { crmId: string }[] }).results;
    const stored = (await org.admin.get(`/api/v1/customers/${result!.crmId}`)).body as {
      values: { name: string };
    };
    expect(stored.values.name).toBe(name);
  });

  it("as an import's source and a picklist value, is kept as sent", async () => {
    const org = await h.org();
    const source = `${hostile}`.slice(0, 255);
    const opened = (await org.admin.post("/api/v1/imports", { sheet: "customers", source })).body as {
      id: string;
    };
    const read = (await org.admin.get(`/api/v1/imports/${opened.id}`)).body as { source: string };
    expect(read.source).toBe(source);
    const value = `Gold'; --`;
    expect((await org.admin.post("/api/v1/picklists/category/values", { value })).status).toBeLessThan(300);
    const schema = JSON.stringify((await org.admin.get("/api/v1/schema")).body);
    expect(schema).toContain(JSON.stringify(value).slice(1, -1));
  });
});
