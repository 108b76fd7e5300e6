import { describe, expect, it } from "vitest";
import {
  baseCatalog,
  coerceValue,
  countryCodeOf,
  countryCodes,
  currencyCodeOf,
  customerTypeOf,
  messages,
  type FieldDef,
} from "../../src/domain";
import {
  detectColumnFormats,
  detectDateOrder,
  detectDecimalMark,
  monthOf,
  numberReadings,
  parseCell,
  parseDateText,
  parseNumberText,
  validateRows,
  type ParseOptions,
} from "../../src/import";

const customers = baseCatalog.customers;
const field = (key: string): FieldDef => customers.fields.find((f) => f.key === key)!;
const opts = (over: Partial<ParseOptions> = {}): ParseOptions => ({
  dateOrder: null,
  country: null,
  picklists: {},
  ...over,
});

describe("countries by name or alias", () => {
  it.each([
    ["Sverige", "SE"],
    ["Deutschland", "DE"],
    ["UK", "GB"],
    ["USA", "US"],
    ["United States", "US"],
    ["united kingdom", "GB"],
    ["Royaume-Uni", "GB"],
    ["Alemania", "DE"],
    ["Tyskland", "DE"],
    ["Frankreich", "FR"],
    ["ألمانيا", "DE"],
    ["The Netherlands", "NL"],
    ["se", "SE"],
  ])("%s is %s", (text, code) => {
    expect(countryCodeOf(text, countryCodes)).toBe(code);
  });

  it("says what it changed, and the server's reading accepts the same names", () => {
    expect(parseCell("United States", field("country"), opts())).toEqual({ value: "US" });
    expect(coerceValue(field("country"), "Sverige", { picklists: {} })).toEqual({ value: "SE" });
    expect(parseCell("Atlantis", field("country"), opts()).issue?.message).toBe(
      messages.notInList("Country", "Atlantis"),
    );
  });
});

describe("currencies by name, code or symbol", () => {
  it.each([
    ["US Dollar", "USD"],
    ["US dollars", "USD"],
    ["$", "USD"],
    ["€", "EUR"],
    ["Euro", "EUR"],
    ["kr", "SEK"],
    ["svenska kronor", "SEK"],
    ["Svensk krona", "SEK"],
    ["Pound Sterling", "GBP"],
    ["sek", "SEK"],
  ])("%s is %s", (text, code) => {
    expect(currencyCodeOf(text)).toBe(code);
  });

  it("reads a currency cell as its code", () => {
    expect(parseCell("US Dollar", field("currency"), opts())).toEqual({ value: "USD" });
    expect(parseCell("Bitcoin", field("currency"), opts()).issue?.severity).toBe("error");
  });
});

describe("customer types in other words", () => {
  it("reads Företag, Privatperson, Unternehmen and Particulier", () => {
    expect(customerTypeOf("Företag")).toBe("Company");
    expect(customerTypeOf("Privatperson")).toBe("Individual");
    expect(customerTypeOf("Unternehmen")).toBe("Company");
    expect(customerTypeOf("particulier")).toBe("Individual");
    expect(customerTypeOf("Customer - Direct")).toBeUndefined();
  });
});

describe("dates with month names, compact dates and serials as text", () => {
  it.each([
    ["16 Feb 2026", "2026-02-16"],
    ["16 February 2026", "2026-02-16"],
    ["16 februari 2026", "2026-02-16"],
    ["16. Februar 2026", "2026-02-16"],
    ["16 févr. 2026", "2026-02-16"],
    ["16 mars 2026", "2026-03-16"],
    ["3. März 2026", "2026-03-03"],
    ["Feb 16, 2026", "2026-02-16"],
    ["2026-Feb-16", "2026-02-16"],
    ["20260216", "2026-02-16"],
    ["46069", "2026-02-16"],
    ["46069,5", "2026-02-16"],
    ["46069.25", "2026-02-16"],
  ])("%s reads as %s, marked as rewritten", (text, iso) => {
    expect(parseDateText(text, null)).toEqual({ ok: true, iso, reformatted: true });
  });

  it("knows month names in five languages from the platform's data", () => {
    expect(monthOf("okt")).toBe(10);
    expect(monthOf("Dezember")).toBe(12);
    expect(monthOf("juil.")).toBe(7);
    expect(monthOf("maj")).toBe(5);
    expect(monthOf("Smarch")).toBeUndefined();
  });

  it("reads a two-digit year only with a warning", () => {
    expect(parseDateText("16-Feb-26", null)).toEqual({
      ok: true,
      iso: "2026-02-16",
      reformatted: true,
      twoDigitYear: true,
    });
    expect(parseCell("31/12/24", field("openingBalanceDate"), opts())).toEqual({
      value: "2024-12-31",
      issue: {
        field: "openingBalanceDate",
        severity: "warning",
        message: messages.twoDigitYear("Opening balance date", "31/12/24", "2024-12-31"),
      },
    });
  });

  it("names both readings of a date still ambiguous", () => {
    expect(parseDateText("03/04/2026", null)).toEqual({
      ok: false,
      ambiguous: true,
      readings: ["2026-04-03", "2026-03-04"],
    });
    // Worded for a user: the two readings as days, the one it will be imported as, and what to do.
    expect(messages.ambiguousDate("Date", "03/04/2026", "2026-04-03", "2026-03-04", "2026-04-03")).toBe(
      'Date "03/04/2026" could be 3 April 2026 (day first) or 4 March 2026 (month first); it will be imported as 3 April 2026. To change it, choose the column\'s date order on the Map step.',
    );
  });

  it("refuses a month name that is no month and a compact date that is no day", () => {
    expect(parseDateText("16 Smarch 2026", null).ok).toBe(false);
    expect(parseDateText("20261332", null).ok).toBe(false);
  });
});

describe("amounts", () => {
  it("refuses text that is not an amount instead of guessing", () => {
    expect(parseNumberText("ca. 500")).toBeNull();
    expect(parseNumberText("abc")).toBeNull();
    expect(parseNumberText("approx 500")).toBeNull();
    expect(parseCell("ca. 500", field("openingBalance"), opts()).issue?.message).toBe(
      messages.openingBalance.notPositive,
    );
    expect(parseNumberText("500 kr")).toBe(500);
    expect(parseNumberText("500 kr.")).toBe(500);
    expect(parseNumberText("SEK 1 000")).toBe(1000);
    expect(parseNumberText("€ 12,50")).toBe(12.5);
  });

  it("reads 1.234 as 1234 in a decimal-comma column and as 1.234 in a decimal-point one", () => {
    expect(parseNumberText("1.234", ",")).toBe(1234);
    expect(parseNumberText("1.234.567", ",")).toBe(1234567);
    expect(parseNumberText("1.234,50", ",")).toBe(1234.5);
    expect(parseNumberText("1,5", ",")).toBe(1.5);
    expect(parseNumberText("1.5", ",")).toBe(1.5);
    expect(parseNumberText("1.234", ".")).toBe(1.234);
    expect(parseNumberText("1,234", ".")).toBe(1234);
    expect(parseNumberText("1,234.5", ",")).toBe(1234.5);
  });

  it("gives both readings of an amount whose mark decides it", () => {
    expect(numberReadings("1.234")).toEqual([1.234, 1234]);
    expect(numberReadings("1,234")).toEqual([1234, 1.234]);
    expect(numberReadings("1.234,50")).toBeNull();
    expect(numberReadings("12,5")).toBeNull();
  });
});

describe("a column's date order and decimal mark", () => {
  it("is settled by one unambiguous value", () => {
    expect(detectDateOrder(["03/04/2026", "25/03/2026"])).toBe("DMY");
    expect(detectDateOrder(["03/04/2026", "03/25/2026"])).toBe("MDY");
    expect(detectDateOrder(["03/04/2026", "05/06/2026"])).toBeNull();
    expect(detectDateOrder(["25/03/2026", "03/25/2026"])).toBeNull();
    expect(detectDecimalMark(["1.234", "12,5"])).toBe(",");
    expect(detectDecimalMark(["1,234", "12.50"])).toBe(".");
    expect(detectDecimalMark(["1.234.567"])).toBe(",");
    expect(detectDecimalMark(["1.234", "500"])).toBeNull();
    expect(detectDecimalMark(["ca. 500"])).toBeNull();
  });

  it("lets one telling column speak for the file's other amounts", () => {
    const columns = ["name", "creditLimit", "openingBalance", "openingBalanceDate"];
    const grid = [
      ["Acme", "1.500", "12,50", "25/03/2026"],
      ["Beta", "2.000", "3,10", "03/04/2026"],
    ];
    expect(detectColumnFormats(grid, columns, customers)).toEqual([
      null,
      { dateOrder: null, decimal: "," },
      { dateOrder: null, decimal: "," },
      { dateOrder: "DMY", decimal: null },
    ]);
  });

  it("is applied per column by validateRows, with every rewritten value noted", () => {
    const columns = ["name", "creditLimit", "openingBalanceDate", "openingBalance", "country"];
    const grid = [
      ["Acme", "1.500", "03/04/2026", "100", "Sverige"],
      ["Beta", "2.000", "16 Feb 2026", "100", "SE"],
    ];
    const formats = detectColumnFormats(grid, columns, customers);
    const r = validateRows(grid, columns, customers, {
      closedPeriodThrough: null,
      picklists: {},
      dateOrder: null,
      columnFormats: formats.map((f, i) => (i === 1 ? { dateOrder: null, decimal: "," } : f)),
      defaultDateOrder: "MDY",
    });
    // The column settles nothing (16 Feb 2026 has a month name): 03/04/2026 is read in the locale's
    // order (month first here) and said in a warning.
    expect(r.rows[0]).toMatchObject({ creditLimit: 1500, openingBalanceDate: "2026-03-04", country: "SE" });
    expect(r.issues).toContainEqual({
      row: 0,
      column: 2,
      field: "openingBalanceDate",
      severity: "warning",
      message: messages.ambiguousDate(
        "Opening balance date",
        "03/04/2026",
        "2026-04-03",
        "2026-03-04",
        "2026-03-04",
      ),
    });
    expect(r.rows[1]).toMatchObject({ creditLimit: 2000, openingBalanceDate: "2026-02-16" });
    expect(r.notes).toEqual([
      { row: 0, column: 4, field: "country", from: "Sverige", to: "SE" },
      { row: 1, column: 2, field: "openingBalanceDate", from: "16 Feb 2026", to: "2026-02-16" },
    ]);
    expect(messages.normalised("United States", "US")).toBe("United States → US");
  });
});
