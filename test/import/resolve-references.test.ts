import { describe, expect, it } from "vitest";
import { baseCatalog, type RecordValues } from "../../src/domain";
import { columnIndex, indexCustomers, resolveReferences, validateSheet } from "../../src/import";

const workbook = indexCustomers([
  { crmId: "1001", customerNumber: "C-1", name: "Acme AB" },
  { crmId: null, customerNumber: "C-2", name: "Café Nord" },
  { customerNumber: "C-3", name: "Twin Ltd" },
  { customerNumber: "C-4", name: "twin ltd" },
  null,
]);
const contacts = baseCatalog.contacts;
const columnOf = columnIndex(["customer", "firstName"]);
const check = (values: string[], crm?: (v: string) => number) =>
  resolveReferences(
    values.map((customer): RecordValues => ({ customer, firstName: "Anna" })),
    contacts,
    { workbook, crm, columnOf },
  );

describe("references to customers", () => {
  it("resolve to a workbook customer by CRM ID, customer number or folded name", () => {
    expect(check(["1001", "c-2", "CAFE NORD", "acme ab"])).toEqual([]);
  });

  it("fall back to the CRM lookup, which the caller fetched beforehand", () => {
    const crm = (v: string) => (v === "Globex" ? 1 : v === "Initech" ? 3 : 0);
    expect(check(["Globex"], crm)).toEqual([]);
    expect(check(["Initech", "Nobody"], crm)).toEqual([
      {
        row: 0,
        column: 0,
        field: "customer",
        severity: "error",
        message: 'Customer "Initech" matches 3 customers: use the CRM ID or customer number.',
      },
      {
        row: 1,
        column: 0,
        field: "customer",
        severity: "error",
        message: 'Customer "Nobody" matches no customer in this workbook or in the CRM.',
      },
    ]);
  });

  it("are ambiguous when two workbook customers share the name", () => {
    expect(check(["Twin Ltd"]).map((i) => i.message)).toEqual([
      'Customer "Twin Ltd" matches 2 customers: use the CRM ID or customer number.',
    ]);
  });

  it("point headquarters at other rows of the Customers sheet itself", () => {
    const header = [
      "Customer number",
      "Name",
      "Email",
      "Multi-location",
      "Location name",
      "Location code",
      "Headquarters",
    ];
    const grid = [
      ["C-1", "Acme AB", "hq@acme.se", "No", "", "", ""],
      ["C-2", "Acme Malmö", "malmo@acme.se", "Yes", "Malmö", "M", "C-1"],
      ["C-3", "Acme Lund", "lund@acme.se", "Yes", "Lund", "L", "Acme AB"],
      ["C-4", "Acme Umeå", "umea@acme.se", "Yes", "Umeå", "U", "Acme Holding"],
    ];
    const r = validateSheet(header, grid, baseCatalog.customers, {
      closedPeriodThrough: null,
      picklists: {},
      dateOrder: null,
    });
    expect(r.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 6, 'Headquarters "Acme Holding" matches no customer in this workbook or in the CRM.'],
    ]);
    expect(r.rowStatus).toEqual(["ready", "ready", "ready", "error"]);
  });
});

describe("the index given the values it will be asked", () => {
  it("counts exactly as the full index, for wanted and other values", () => {
    const rows: RecordValues[] = [
      { crmId: "1", customerNumber: "C-1", name: "Acme AB" },
      { customerNumber: "c-1", name: "ACME  ab" },
      { customerNumber: "X-9", name: "Café Nord" },
      { customerNumber: "İX-9", name: "Zed" },
      { name: "Acme" },
    ];
    const probes = ["1", "C-1", "acme ab", "Cafe nord", "x-9", "Acme", "nobody", "zed", "ix-9"];
    const full = indexCustomers(rows);
    const partial = indexCustomers(rows, probes.slice(0, 4));
    for (const p of probes) expect([p, partial.count(p)]).toEqual([p, full.count(p)]);
    expect(full.count("C-1")).toBe(2);
    expect(full.count("acme ab")).toBe(2);
  });
});

describe("references on a sheet validated alone", () => {
  it("are checked against the CRM when no workbook customers are given", () => {
    const header = ["Customer", "First name"];
    const grid = [
      ["Globex", "Anna"],
      ["Nobody", "Bo"],
    ];
    const opts = { closedPeriodThrough: null, picklists: {}, dateOrder: null };
    const r = validateSheet(header, grid, baseCatalog.contacts, {
      ...opts,
      crmLookup: (v) => (v === "Globex" ? 1 : 0),
    });
    expect(r.issues.map((i) => [i.row, i.message])).toEqual([
      [1, 'Customer "Nobody" matches no customer in this workbook or in the CRM.'],
    ]);
    expect(validateSheet(header, grid, baseCatalog.contacts, opts).issues).toEqual([]);
  });
});
