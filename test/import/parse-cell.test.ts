import { describe, expect, it } from "vitest";
import { baseCatalog, fieldByKey, messages, type FieldDef } from "../../src/domain";
import {
  localeDateOrder,
  parseCell,
  parseDateText,
  parseNumberText,
  serialToIso,
  type ParseOptions,
} from "../../src/import";

const customers = baseCatalog.customers;
const field = (key: string): FieldDef => fieldByKey(customers, key)!;
const opts = (over: Partial<ParseOptions> = {}): ParseOptions => ({
  dateOrder: null,
  country: "SE",
  picklists: { category: ["Retail", "Wholesale"] },
  ...over,
});

describe("dates", () => {
  it("reads Excel serial numbers, 45000 being 2023-03-15", () => {
    expect(parseCell(45000, field("openingBalanceDate"), opts())).toEqual({ value: "2023-03-15" });
    expect(parseCell(45000.75, field("openingBalanceDate"), opts())).toEqual({ value: "2023-03-15" });
  });

  it("honours Excel's 1900 leap-year bug: serial 60 is the day that never was", () => {
    expect(serialToIso(1)).toBe("1900-01-01");
    expect(serialToIso(59)).toBe("1900-02-28");
    expect(serialToIso(60)).toBeNull();
    expect(serialToIso(61)).toBe("1900-03-01");
    expect(parseCell(60, field("openingBalanceDate"), opts()).issue?.message).toBe(
      messages.openingBalance.dateUnreadable,
    );
  });

  it("reads a number in a 1904 workbook as a 1904 serial: 0 is 1904-01-01, 1,462 days after the 1900 count", () => {
    expect(serialToIso(0, true)).toBe("1904-01-01");
    expect(serialToIso(45000 - 1462, true)).toBe("2023-03-15");
    expect(serialToIso(-1, true)).toBeNull();
    const date = field("openingBalanceDate");
    expect(parseCell(43538, date, opts({ date1904: true }))).toEqual({ value: "2023-03-15" });
    expect(parseCell(43538, date, opts())).toEqual({ value: "2019-03-14" });
    // Text that looks like a serial comes from a file, not from this workbook's cells: 1900 system.
    expect(parseCell("45000", date, opts({ date1904: true }))).toMatchObject({ value: "2023-03-15" });
  });

  it("reads text in the declared day/month order", () => {
    expect(parseCell("31/12/2024", field("openingBalanceDate"), opts({ dateOrder: "DMY" }))).toEqual({
      value: "2024-12-31",
    });
    expect(parseCell("12/31/2024", field("openingBalanceDate"), opts({ dateOrder: "MDY" }))).toEqual({
      value: "2024-12-31",
    });
    expect(parseCell("03/04/2024", field("openingBalanceDate"), opts({ dateOrder: "DMY" }))).toEqual({
      value: "2024-04-03",
    });
    expect(parseCell("03/04/2024", field("openingBalanceDate"), opts({ dateOrder: "MDY" }))).toEqual({
      value: "2024-03-04",
    });
    expect(parseDateText("2024-12-31", "MDY")).toEqual({ ok: true, iso: "2024-12-31" });
    expect(parseDateText("31.12.24", "DMY")).toEqual({ ok: true, iso: "2024-12-31", twoDigitYear: true });
    expect(parseDateText("24/12/31", "YMD")).toEqual({ ok: true, iso: "2024-12-31", twoDigitYear: true });
    expect(parseDateText("2024/12/31", null)).toEqual({ ok: true, iso: "2024-12-31" });
  });

  it("with no declared order reads dates that cannot be misread as they are, and one that reads two ways in the locale's order, with a warning", () => {
    expect(parseCell("31/12/2024", field("openingBalanceDate"), opts())).toEqual({ value: "2024-12-31" });
    expect(parseCell("05/05/2024", field("openingBalanceDate"), opts())).toEqual({ value: "2024-05-05" });
    const warned = (chosen: string) => ({
      field: "openingBalanceDate",
      severity: "warning",
      message: messages.ambiguousDate(
        "Opening balance date",
        "03/04/2024",
        "2024-04-03",
        "2024-03-04",
        chosen,
      ),
    });
    // Day first unless told otherwise (most of the world's locales).
    expect(parseCell("03/04/2024", field("openingBalanceDate"), opts())).toEqual({
      value: "2024-04-03",
      issue: warned("2024-04-03"),
    });
    expect(parseCell("03/04/2024", field("openingBalanceDate"), opts({ defaultDateOrder: "DMY" }))).toEqual({
      value: "2024-04-03",
      issue: warned("2024-04-03"),
    });
    expect(parseCell("03/04/2024", field("openingBalanceDate"), opts({ defaultDateOrder: "MDY" }))).toEqual({
      value: "2024-03-04",
      issue: warned("2024-03-04"),
    });
  });

  it("a column's own date order settles a date: no warning, whatever the locale's order", () => {
    for (const defaultDateOrder of ["DMY", "MDY"] as const) {
      expect(
        parseCell("03/04/2024", field("openingBalanceDate"), opts({ dateOrder: "MDY", defaultDateOrder })),
      ).toEqual({ value: "2024-03-04" });
      expect(
        parseCell("03/04/2024", field("openingBalanceDate"), opts({ dateOrder: "DMY", defaultDateOrder })),
      ).toEqual({ value: "2024-04-03" });
    }
  });

  it("the locale's order: month first for en-US and its kin, day first for the rest and for none", () => {
    expect(["en-US", "en_US", "en-PH", "fil-PH"].map(localeDateOrder)).toEqual(["MDY", "MDY", "MDY", "MDY"]);
    // Year-first locales (sv-SE 2026-03-04, ja-JP) write no day/month order of their own: day first.
    expect(
      ["en-GB", "es-US", "sv-SE", "de-DE", "fr-FR", "ar-EG", "ja-JP", "en-CA"].map(localeDateOrder),
    ).toEqual(["DMY", "DMY", "DMY", "DMY", "DMY", "DMY", "DMY", "DMY"]);
    expect([null, undefined, "", "not a locale!"].map(localeDateOrder)).toEqual(["DMY", "DMY", "DMY", "DMY"]);
  });

  it("refuses days that do not exist, in the field's own words", () => {
    const c = parseCell("31/02/2024", field("openingBalanceDate"), opts({ dateOrder: "DMY" }));
    expect(c.issue).toEqual({
      field: "openingBalanceDate",
      severity: "error",
      message: "Invalid opening balance date. Enter a real date, such as 2026-03-31.",
    });
    expect(parseCell("someday", field("openingBalanceDate"), opts()).issue?.message).toBe(
      "Invalid opening balance date. Enter a real date, such as 2026-03-31.",
    );
  });
});

describe("numbers written as text", () => {
  it.each([
    ["1 234,50", 1234.5],
    ["1\u00a0234,50", 1234.5],
    ["$1,234.50", 1234.5],
    ["1.234,50", 1234.5],
    ["(120)", -120],
    ["-120", -120],
    ["120-", -120],
    ["12%", 0.12],
    ["SEK 1 000", 1000],
    ["1,5", 1.5],
    ["1.234.567", 1234567],
    ["1e3", 1000],
  ])("%s reads as %d", (text, n) => {
    expect(parseNumberText(text)).toBe(n);
    expect(parseCell(text, field("creditLimit"), opts())).toEqual({ value: n });
  });

  it("reads 1,234 as 1234 when the column's mark is unknown, with a warning naming both readings", () => {
    expect(parseNumberText("1,234")).toBe(1234);
    expect(parseCell("1,234", field("creditLimit"), opts())).toEqual({
      value: 1234,
      issue: {
        field: "creditLimit",
        severity: "warning",
        message: messages.ambiguousNumber("Credit limit", "1,234", 1234, 1.234),
      },
    });
    expect(parseCell("1,234", field("creditLimit"), opts({ decimal: "." }))).toEqual({ value: 1234 });
    expect(parseCell("1,234", field("creditLimit"), opts({ decimal: "," }))).toEqual({ value: 1.234 });
  });

  it("refuses what is not a number, with the seed's message for the opening balance", () => {
    for (const text of ["abc", "1.2.3,4,5", "--", "12 apples"]) expect(parseNumberText(text)).toBeNull();
    expect(parseCell("lots", field("openingBalance"), opts()).issue?.message).toBe(
      "Invalid opening balance value. Enter an amount greater than 0, such as 1500 or 1500.50.",
    );
    expect(parseCell("lots", field("creditLimit"), opts()).issue?.message).toBe(
      messages.invalidNumber("Credit limit"),
    );
  });
});

describe("yes/no", () => {
  it.each([
    ["Yes", true],
    ["no", false],
    ["TRUE", true],
    ["False", false],
    ["1", true],
    ["0", false],
    ["x", true],
    [1, true],
    [0, false],
    [true, true],
  ])("%s is %s", (raw, b) => {
    expect(parseCell(raw, field("multiLocation"), opts())).toEqual({ value: b });
  });

  it("refuses anything else", () => {
    expect(parseCell("maybe", field("multiLocation"), opts()).issue?.message).toBe(
      messages.invalidYesNo("Multi-location"),
    );
  });
});

describe("phones", () => {
  it("reads 0701234567 with country SE, and 701234567 stored as a number", () => {
    expect(parseCell("0701234567", field("phone"), opts())).toEqual({ value: "+46701234567" });
    expect(parseCell(701234567, field("phone"), opts())).toEqual({ value: "+46701234567" });
    expect(parseCell("+44 20 7946 0958", field("phone"), opts({ country: "SE" }))).toEqual({
      value: "+442079460958",
    });
  });

  it("keeps a phone it cannot read as text and says why", () => {
    const c = parseCell("12-34", field("phone"), opts());
    expect(c.value).toBe("12-34");
    expect(c.issue?.severity).toBe("error");
    expect(c.issue?.message).toMatch(/^Phone is not a valid phone number \(.+\)\.$/);
    expect(parseCell("0701234567", field("mobile"), opts({ country: null })).issue?.message).toBe(
      messages.invalidPhone("Mobile", messages.phoneReasons.noCountry),
    );
  });
});

describe("text", () => {
  it("turns a number cell into its text, and keeps '=1+1' typed as a name as text", () => {
    expect(parseCell(12345, field("customerNumber"), opts())).toEqual({ value: "12345" });
    const c = parseCell("=1+1", field("name"), opts());
    expect(c.value).toBe("=1+1");
    expect(c.issue).toEqual({ field: "name", severity: "warning", message: messages.formulaText("Name") });
  });

  it("trims, treats whitespace-only as empty, and cleans zero-width and no-break spaces", () => {
    expect(parseCell("  Acme AB  ", field("name"), opts())).toEqual({ value: "Acme AB" });
    expect(parseCell("   ", field("name"), opts())).toEqual({ value: null });
    expect(parseCell("\u200b\u00a0", field("name"), opts())).toEqual({ value: null });
    expect(parseCell("Acme\u00a0AB\u200b", field("name"), opts())).toEqual({ value: "Acme AB" });
    expect(parseCell("", field("name"), opts())).toEqual({ value: null });
    expect(parseCell(null, field("name"), opts())).toEqual({ value: null });
  });

  it("keeps a 32,767-character cell whole (the row rules judge its length)", () => {
    const long = "a".repeat(32_767);
    expect(parseCell(long, field("notes"), opts()).value).toBe(long);
  });
});

describe("picklists, e-mails and web addresses", () => {
  it("matches picklist options case-insensitively and returns the option's own spelling", () => {
    expect(parseCell("retail", field("category"), opts())).toEqual({ value: "Retail" });
    expect(parseCell("se", field("country"), opts())).toEqual({ value: "SE" });
    expect(parseCell("eur", field("currency"), opts())).toEqual({ value: "EUR" });
    expect(parseCell("Gold", field("category"), opts()).issue?.message).toBe(
      messages.notInList("Category", "Gold"),
    );
    expect(parseCell("Anyone", field("accountManager"), opts())).toEqual({ value: "Anyone" });
  });

  it("checks e-mails and web addresses with the domain's rules", () => {
    expect(parseCell("anna@example.com", field("email"), opts())).toEqual({ value: "anna@example.com" });
    expect(parseCell("anna.example.com", field("email"), opts()).issue?.message).toBe(
      "Invalid email format.",
    );
    expect(parseCell("www.example.se", field("website"), opts())).toEqual({ value: "www.example.se" });
    expect(parseCell("https://example.com/a/b?x=1", field("website"), opts())).toEqual({
      value: "https://example.com/a/b?x=1",
    });
    expect(parseCell("not a site", field("website"), opts()).issue?.message).toBe(
      messages.invalidUrl("Website"),
    );
  });
});
