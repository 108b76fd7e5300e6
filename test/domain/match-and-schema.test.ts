import { describe, expect, it } from "vitest";
import {
  baseCatalog,
  buildCatalog,
  customFieldSchema,
  fieldByKey,
  foldText,
  matchKeyLabel,
  matchValue,
  normalisePhone,
  sheetOfTitle,
  stableHash,
} from "../../src/domain";

describe("matching", () => {
  it("foldText folds case, accents and spacing", () => {
    expect(foldText("  Café   NORD ")).toBe("cafe nord");
    expect(foldText("Åre\tÖstra")).toBe("are ostra");
    // Plain ASCII takes a shorter road to the same result.
    expect(foldText("Acme Nord AB")).toBe("acme nord ab");
    expect(foldText("Acme  Nord ")).toBe("acme nord");
  });

  it("matchValue normalises per field and never matches blanks", () => {
    expect(matchValue(["email"], { email: " Anna@Acme.SE " })).toBe("anna@acme.se");
    expect(matchValue(["phone"], { phone: "+46 70-123" })).toBe("+4670123");
    expect(matchValue(["phone"], { phone: "+4670123" })).toBe("+4670123");
    expect(matchValue(["email"], { email: "anna@acme.se" })).toBe("anna@acme.se");
    expect(matchValue(["email"], { email: "\u00a0anna@acme.se" })).toBe("anna@acme.se");
    expect(matchValue(["name", "postalCode"], { name: "Café", postalCode: "111 22" })).toBe(
      "cafe\u001f111 22",
    );
    expect(matchValue(["name", "postalCode"], { name: "Café", postalCode: "" })).toBeNull();
    expect(matchValue(["email"], {})).toBeNull();
    expect(matchKeyLabel(["name", "postalCode"], (k) => fieldByKey(baseCatalog.customers, k)!.label)).toBe(
      "Name + Postal code",
    );
  });

  it("normalisePhone gives E.164 or a reason", () => {
    expect(normalisePhone("0701234567", "se")).toEqual({ ok: true, e164: "+46701234567" });
    expect(normalisePhone("0701234567", null)).toEqual({
      ok: false,
      reason: "add the country code, e.g. +46, or fill in Country",
    });
    expect(normalisePhone("12", "SE").ok).toBe(false);
  });
});

describe("catalog and schema", () => {
  it("every sheet has unique field keys and a CRM ID", () => {
    for (const sheet of Object.values(baseCatalog)) {
      const keys = sheet.fields.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys[0]).toBe("crmId");
    }
    expect(sheetOfTitle(baseCatalog, " contacts ")).toBe("contacts");
    expect(sheetOfTitle(baseCatalog, "Orders")).toBeUndefined();
  });

  it("appends custom fields without replacing built-in ones or touching the base catalog", () => {
    const cf = customFieldSchema.parse({
      sheet: "customers",
      key: "cf_segment",
      label: "Segment",
      kind: "picklist",
      options: ["A", "B"],
    });
    const catalog = buildCatalog([cf, { ...cf, key: "cf_segment" }]);
    const added = catalog.customers.fields.filter((f) => f.custom);
    expect(added.map((f) => [f.key, f.requirement, f.options])).toEqual([
      ["cf_segment", "optional", ["A", "B"]],
    ]);
    expect(baseCatalog.customers.fields.some((f) => f.custom)).toBe(false);
    expect(
      customFieldSchema.safeParse({ sheet: "customers", key: "segment", label: "S", kind: "text" }).success,
    ).toBe(false);
  });

  it("stableHash is stable and sensitive", () => {
    expect(stableHash({ a: 1 })).toBe(stableHash({ a: 1 }));
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: 2 }));
    expect(stableHash("x")).toMatch(/^[0-9a-f]{8}$/);
  });
});
