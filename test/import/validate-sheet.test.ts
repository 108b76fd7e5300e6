import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseCatalog } from "../../src/domain";
import { validateSheet, type ValidateSheetOptions } from "../../src/import";

const customers = baseCatalog.customers;
const options: ValidateSheetOptions = {
  closedPeriodThrough: "2024-12-31",
  picklists: { category: ["Retail", "Wholesale"] },
  dateOrder: null,
  country: "SE",
  matchKeys: [["email"], ["phone"], ["name", "postalCode"]],
  crmLookup: (v) => (v.startsWith("CRM") ? 1 : 0),
};

const header = customers.fields.map((f) => f.label);
const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: -1e9, max: 1e12 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constantFrom(
    null,
    "",
    "  ",
    "\u200b",
    "=1+1",
    "Yes",
    "No",
    "31/12/2024",
    "03/04/2024",
    "0701234567",
    "SE",
    "GB",
    "Retail",
    "x".repeat(3000),
  ),
);

describe("validateSheet", () => {
  it("never throws on random grids, and every issue names a real row and its mapped column", () => {
    const headerArb = fc.array(
      fc.oneof(fc.constantFrom(...header, "Zip", "E-mail", "Företagsnamn", "Notes *"), fc.string()),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(headerArb, fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 25 }), (head, grid) => {
        const r = validateSheet(head, grid, customers, options);
        expect(r.rows.length).toBe(grid.length);
        expect(r.rowStatus.length).toBe(grid.length);
        const keys = new Set(customers.fields.map((f) => f.key));
        for (const i of r.issues) {
          expect(r.rows[i.row]).not.toBeNull();
          expect(i.field === null || keys.has(i.field)).toBe(true);
          if (i.column !== null) expect(r.mapping.columns[i.column]).toBe(i.field);
          expect(r.rowStatus[i.row]).toBe(
            r.issues.some((j) => j.row === i.row && j.severity === "error") ? "error" : "warning",
          );
        }
        r.rows.forEach((row, n) => {
          if (row === null) expect(r.rowStatus[n]).toBe("blank");
        });
      }),
      { numRuns: 300 },
    );
  });

  it("finds no issue in generated valid rows", () => {
    const validRow = fc.record({
      name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 &.-]{0,40}[A-Za-z0-9]$/),
      type: fc.constantFrom("Company", "individual", ""),
      phone: fc.tuple(fc.constantFrom("070", "073", "076"), fc.constantFrom("-", "", " ")),
      withEmail: fc.boolean(),
      category: fc.constantFrom("Retail", "wholesale", ""),
      balance: fc.option(fc.integer({ min: 1, max: 10_000_000 }).map((n) => n / 100)),
      dateSerial: fc.integer({ min: 45_658, max: 47_000 }),
      country: fc.constantFrom("SE", "se", ""),
      multi: fc.boolean(),
      // A note starting with "=" is kept but warned about (formula text): not "no issue".
      notes: fc.string({ maxLength: 2000 }).filter((t) => !t.trim().startsWith("=")),
    });
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 30 }), (specs) => {
        const head = [
          "Customer number",
          "Name *",
          "Type",
          "E-mail",
          "Phone",
          "Country",
          "Category",
          "Opening balance",
          "Opening balance date",
          "Multi-location",
          "Location name (multi-location)",
          "Location code",
          "Headquarters",
          "Notes",
        ];
        const grid = specs.map((s, i) => [
          `N${i}`,
          `${s.name} ${i}`,
          s.type,
          s.withEmail ? `user${i}@example.com` : "",
          `${s.phone[0]}${s.phone[1]}${String(1_000_000 + i).slice(1)}0`,
          s.country,
          s.category,
          s.balance ?? "",
          s.balance === null ? "" : s.dateSerial,
          s.multi && i > 0 ? "Yes" : "No",
          s.multi && i > 0 ? "Branch" : "",
          s.multi && i > 0 ? `B${i}` : "",
          s.multi && i > 0 ? (i % 2 ? `N${i - 1}` : "CRM-42") : "",
          s.notes,
        ]);
        const r = validateSheet(head, grid, customers, options);
        expect(r.issues).toEqual([]);
        expect(r.rowStatus.every((s) => s === "ready")).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("uses a saved mapping when its signature fits, and sorts issues by row then column", () => {
    const head = ["Klient X", "E-mail"];
    const saved = { signature: "", columns: ["name", "email"] };
    const r0 = validateSheet(head, [["Acme", "x"]], customers, { ...options, savedMapping: saved });
    expect(r0.mapping.columns).toEqual([null, "email"]);
    const grid = [
      ["", "bad"],
      ["", ""],
      ["Acme", "a@b.se"],
      ["Acme", "A@B.se"],
    ];
    const sig = validateSheet(head, [], customers, options);
    expect(sig.mapping.columns).toEqual([null, "email"]);
    const mapped = { ...sig.mapping, columns: ["name", "email"] };
    const r = validateSheet(head, grid, customers, { ...options, mapping: mapped });
    expect(r.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [0, 0, "Client name is required."],
      [0, 1, "Invalid email format."],
      [3, 1, "Same Email as row 4."],
    ]);
    expect(r.rowStatus).toEqual(["error", "blank", "ready", "warning"]);
  });
});
