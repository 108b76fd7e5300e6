import { describe, expect, it } from "vitest";
import {
  baseCatalog,
  cleanText,
  coerceValue,
  fieldByKey,
  isEmail,
  isIsoDate,
  isWebAddress,
  messages,
  optionsOf,
  yesNo,
} from "../../src/domain";

const f = (key: string) => fieldByKey(baseCatalog.customers, key)!;
const ctx = { country: "SE", picklists: { category: ["Retail"] } };

describe("cleanText", () => {
  it("trims, turns odd spaces into plain ones and drops zero-width characters", () => {
    expect(cleanText("  a\u00a0b\u202fc\u200bd\ufeff ")).toBe("a b cd");
    expect(cleanText("line\r\nbreak\ttab")).toBe("line break tab");
    expect(cleanText("\u200b")).toBe("");
    expect(cleanText("👩\u200d💻 می\u200cخواهم\u2060")).toBe("👩\u200d💻 می\u200cخواهم");
    // The same call twice: the module's global regexes must not keep state between calls.
    expect(cleanText("x\u200by")).toBe("xy");
    expect(cleanText("x\u200by")).toBe("xy");
  });
});

describe("validators", () => {
  it("isEmail accepts ordinary addresses and refuses the rest", () => {
    for (const ok of ["anna@example.com", "a.b+c@sub.example.co.uk", "x_y@a-b.se"])
      expect(isEmail(ok)).toBe(true);
    for (const bad of [
      "anna.example.com",
      "a@b",
      "a..b@example.com",
      "a@example..com",
      "a b@example.com",
      `${"a".repeat(250)}@x.se`,
    ])
      expect(isEmail(bad)).toBe(false);
  });

  it("isWebAddress takes http(s) addresses with or without the scheme", () => {
    for (const ok of ["example.com", "https://example.com/path", "http://www.example.se"])
      expect(isWebAddress(ok)).toBe(true);
    for (const bad of ["ftp://example.com", "exa mple.com", "localhost", "http://", "example"])
      expect(isWebAddress(bad)).toBe(false);
  });

  it("isIsoDate wants a real calendar day from 1900", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("1899-12-31")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("24-01-01")).toBe(false);
  });

  it("yesNo reads the usual spellings and numbers 1/0", () => {
    expect(["Yes", "y", "TRUE", "1", "x", "Ja", true, 1].map(yesNo)).toEqual(Array(8).fill(true));
    expect(["No", "n", "false", "0", "nej", false, 0].map(yesNo)).toEqual(Array(7).fill(false));
    expect([2, "maybe", null, {}].map(yesNo)).toEqual(Array(4).fill(undefined));
  });

  it("optionsOf gives static options, countries, or the tenant's list (none = free text)", () => {
    expect(optionsOf(f("type"), {})).toEqual(["Company", "Individual"]);
    expect(optionsOf(f("country"), {})).toContain("SE");
    expect(optionsOf(f("category"), { category: ["Retail"] })).toEqual(["Retail"]);
    expect(optionsOf(f("category"), { category: [] })).toBeUndefined();
  });
});

describe("coerceValue", () => {
  it("gives canonical values", () => {
    expect(coerceValue(f("name"), "  Acme ", ctx)).toEqual({ value: "Acme" });
    expect(coerceValue(f("phone"), "070-123 45 67", ctx)).toEqual({ value: "+46701234567" });
    expect(coerceValue(f("creditLimit"), "1e3", ctx)).toEqual({ value: 1000 });
    expect(coerceValue(f("multiLocation"), "yes", ctx)).toEqual({ value: true });
    expect(coerceValue(f("category"), "retail", ctx)).toEqual({ value: "Retail" });
    expect(coerceValue(f("openingBalanceDate"), "2025-01-31", ctx)).toEqual({ value: "2025-01-31" });
    expect(coerceValue(f("name"), null, ctx)).toEqual({ value: null });
    expect(coerceValue(f("name"), "   ", ctx)).toEqual({ value: null });
  });

  it("keeps a bad value with the seeds' or the generic message", () => {
    const err = (key: string, raw: unknown) => coerceValue(f(key), raw, ctx).issue?.message;
    expect(err("email", "nope")).toBe("Invalid email format.");
    expect(err("openingBalance", "lots")).toBe(messages.openingBalance.notPositive);
    expect(err("openingBalanceDate", "31/12/2024")).toBe(messages.openingBalance.dateUnreadable);
    expect(err("creditLimit", "1 000")).toBe(messages.invalidNumber("Credit limit"));
    expect(err("multiLocation", "perhaps")).toBe(messages.invalidYesNo("Multi-location"));
    expect(err("website", "not a site")).toBe(messages.invalidUrl("Website"));
    expect(err("category", "Gold")).toBe(messages.notInList("Category", "Gold"));
    expect(coerceValue(f("email"), "nope", ctx).value).toBe("nope");
  });
});

describe("picklists", () => {
  it("give the first option equal ignoring case, as written in the list", () => {
    const lists = { category: ["retail", "Retail", "WHOLESALE"] };
    const pick = (raw: string) => coerceValue(f("category"), raw, { picklists: lists }).value;
    expect(pick("Retail")).toBe("retail");
    expect(pick("RETAIL")).toBe("retail");
    expect(pick("wholesale")).toBe("WHOLESALE");
    expect(coerceValue(f("country"), "gb", ctx)).toEqual({ value: "GB" });
  });

  it("read a list again when it has grown", () => {
    const lists = { category: ["Retail"] };
    expect(coerceValue(f("category"), "Gold", { picklists: lists }).issue).toBeDefined();
    lists.category.push("Gold");
    expect(coerceValue(f("category"), "gold", { picklists: lists })).toEqual({ value: "Gold" });
  });
});

describe("a value's issue", () => {
  it("belongs to that value only: a good value after a bad one has none", () => {
    expect(coerceValue(f("email"), "nope", ctx).issue).toBeDefined();
    expect(coerceValue(f("email"), "a@b.se", ctx)).toEqual({ value: "a@b.se" });
    expect(coerceValue(f("name"), { a: 1 }, ctx)).toEqual({
      value: null,
      issue: { field: "name", severity: "error", message: messages.invalidNumber("Name") },
    });
    expect(coerceValue(f("creditLimit"), true, ctx).value).toBe("true");
  });
});
