import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { baseCatalog, matchValue, type RecordValues } from "../../src/domain";
import { columnIndex, findDuplicates, matchKeyValue, validateRows } from "../../src/import";

const customers = baseCatalog.customers;
const columns = ["name", "email", "phone", "postalCode", "country"];
const ctx = { closedPeriodThrough: null, picklists: {}, dateOrder: null } as const;
const dupes = (grid: unknown[][], keys: string[][]) => {
  const { rows } = validateRows(grid, columns, customers, ctx);
  return findDuplicates(rows, keys, customers, { firstSheetRow: 2, columnOf: columnIndex(columns) });
};

describe("duplicates inside the file", () => {
  it("finds the same e-mail whatever its case, pointing at the first row's sheet row number", () => {
    const issues = dupes(
      [
        ["A", "anna@acme.se", "", "", "SE"],
        ["B", "bo@acme.se", "", "", "SE"],
        ["C", "ANNA@Acme.se", "", "", "SE"],
      ],
      [["email"], ["phone"]],
    );
    expect(issues).toEqual([
      { row: 2, column: 1, field: "email", severity: "warning", message: "Same Email as row 2." },
    ]);
  });

  it("finds the same phone written differently", () => {
    const issues = dupes(
      [
        ["A", "", "070-123 45 67", "", "SE"],
        ["B", "", "+46 70 123 45 67", "", "SE"],
        ["C", "", 701234567, "", "SE"],
      ],
      [["phone"]],
    );
    expect(issues.map((i) => [i.row, i.message])).toEqual([
      [1, "Same Phone as row 2."],
      [2, "Same Phone as row 2."],
    ]);
  });

  it("matches on name + postal code together, folding case and accents, never on blanks", () => {
    const issues = dupes(
      [
        ["Café Nord", "", "", "111 22", "SE"],
        ["cafe  nord", "", "", "111 22", "SE"],
        ["Cafe Nord", "", "", "999 99", "SE"],
        ["", "", "", "111 22", "SE"],
        ["", "", "", "111 22", "SE"],
      ],
      [["name", "postalCode"]],
    );
    expect(issues).toEqual([
      { row: 1, column: 0, field: "name", severity: "warning", message: "Same Name + Postal code as row 2." },
    ]);
  });

  it("builds exactly the domain's matchValue keys", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("email", "phone", "mobile", "name"),
        fc.oneof(fc.string(), fc.stringMatching(/^\+\d{0,12}$/), fc.constant(null)),
        (field, v) => {
          const values: RecordValues = { [field]: v };
          expect(matchKeyValue([field], values)).toBe(matchValue([field], values));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
