import { describe, expect, it } from "vitest";
import { baseCatalog } from "../../src/domain";
import { validateRows, type RowContext } from "../../src/import";

const customers = baseCatalog.customers;
const columns = [
  "name",
  "email",
  "phone",
  "country",
  "openingBalance",
  "openingBalanceDate",
  "multiLocation",
  "locationName",
  "locationCode",
  "headquarters",
  "notes",
  "category",
];
const ctx: RowContext = {
  closedPeriodThrough: "2024-12-31",
  picklists: { category: ["Retail"] },
  dateOrder: "DMY",
};
const row = (over: Record<string, unknown> = {}): unknown[] => {
  const base: Record<string, unknown> = { name: "Acme AB", email: "info@acme.se", country: "SE" };
  const all = { ...base, ...over };
  return columns.map((k) => all[k] ?? "");
};
const messagesOf = (grid: unknown[][]) =>
  validateRows(grid, columns, customers, ctx).issues.map((i) => i.message);

describe("row validation with the seeds' messages", () => {
  it("a complete row has no issue and typed values", () => {
    const r = validateRows(
      [row({ phone: "0701234567", openingBalance: "1 234,50", openingBalanceDate: 45700 })],
      columns,
      customers,
      ctx,
    );
    expect(r.issues).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      name: "Acme AB",
      phone: "+46701234567",
      openingBalance: 1234.5,
      openingBalanceDate: "2025-02-12",
    });
  });

  it("Client name is required.", () => {
    const r = validateRows([row({ name: "   " })], columns, customers, ctx);
    expect(r.issues).toEqual([
      { row: 0, column: 0, field: "name", severity: "error", message: "Client name is required." },
    ]);
  });

  it("Email address or phone number is required.", () => {
    expect(messagesOf([row({ email: "" })])).toEqual(["Email address or phone number is required."]);
    expect(messagesOf([row({ email: "", phone: "070-123 45 67" })])).toEqual([]);
  });

  it("Invalid email format. (and not also 'email or phone required')", () => {
    expect(messagesOf([row({ email: "anna.example.com" })])).toEqual(["Invalid email format."]);
  });

  it("Invalid opening balance value. (then what is allowed)", () => {
    const said = "Invalid opening balance value. Enter an amount greater than 0, such as 1500 or 1500.50.";
    expect(messagesOf([row({ openingBalance: -5, openingBalanceDate: "01/02/2025" })])).toEqual([said]);
    expect(messagesOf([row({ openingBalance: 0, openingBalanceDate: "01/02/2025" })])).toEqual([said]);
    expect(messagesOf([row({ openingBalance: "much", openingBalanceDate: "01/02/2025" })])).toEqual([said]);
  });

  it("Invalid opening balance date: missing, not a date, or inside the closed period", () => {
    // The seed's sentence first, verbatim, then one that says which of the three it is.
    expect(messagesOf([row({ openingBalance: 100 })])).toEqual([
      "Invalid opening balance date. An opening balance needs the date it applies from: fill in Opening balance date.",
    ]);
    expect(messagesOf([row({ openingBalance: 100, openingBalanceDate: "31/02/2025" })])).toEqual([
      "Invalid opening balance date. Enter a real date, such as 2026-03-31.",
    ]);
    expect(messagesOf([row({ openingBalance: 100, openingBalanceDate: "31/12/2024" })])).toEqual([
      "Invalid opening balance date. It falls in a closed financial period (through 2024-12-31): use a later date.",
    ]);
    expect(messagesOf([row({ openingBalance: 100, openingBalanceDate: "01/01/2025" })])).toEqual([]);
  });
});

describe("other row rules", () => {
  it("requires location name, code and headquarters only on multi-location rows", () => {
    expect(messagesOf([row({ multiLocation: "No" })])).toEqual([]);
    expect(messagesOf([row({ multiLocation: "Yes" })])).toEqual([
      "Location name is required for multi-location companies.",
      "Location code is required for multi-location companies.",
      "Headquarters is required for multi-location companies.",
    ]);
    expect(
      messagesOf([
        row({ multiLocation: "Yes", locationName: "Malmö", locationCode: "M1", headquarters: "Acme HQ" }),
      ]),
    ).toEqual([]);
  });

  it("checks picklists and character limits, and survives 32,767-character cells", () => {
    expect(messagesOf([row({ category: "Gold" })])).toEqual([
      '"Gold" is not a valid Category: pick one from the list.',
    ]);
    const huge = "x".repeat(32_767);
    const r = validateRows([row({ name: huge, notes: huge })], columns, customers, ctx);
    expect(r.issues.map((i) => [i.field, i.message])).toEqual([
      ["name", "Name is longer than 255 characters."],
      ["notes", "Notes is longer than 2000 characters."],
    ]);
  });

  it("ignores blank rows, rows of spaces and missing rows, and numbers data rows from 0", () => {
    const grid = [row(), columns.map(() => ""), columns.map(() => "  \u200b"), [], row({ name: "" })];
    const r = validateRows(grid, columns, customers, ctx);
    expect(r.rows.map((x) => x !== null)).toEqual([true, false, false, false, true]);
    expect(r.issues).toEqual([
      { row: 4, column: 0, field: "name", severity: "error", message: "Client name is required." },
    ]);
  });

  it("reports a required field that has no column with a null column", () => {
    const r = validateRows([["a@b.se"]], ["email"], customers, ctx);
    expect(r.issues).toEqual([
      { row: 0, column: null, field: "name", severity: "error", message: "Client name is required." },
    ]);
  });

  it("reads phones with the row's country, else the default country", () => {
    const cols = ["name", "phone", "country"];
    const r = validateRows(
      [
        ["A", "020 7946 0958", "GB"],
        ["B", "0701234567", ""],
      ],
      cols,
      customers,
      { ...ctx, country: "SE" },
    );
    expect(r.rows.map((x) => x?.phone)).toEqual(["+442079460958", "+46701234567"]);
  });
});
