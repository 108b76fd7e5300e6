import { describe, expect, it } from "vitest";
import { baseCatalog, type RecordValues } from "../../src/domain";
import {
  duplicateGroups,
  findDuplicates,
  proposeGrouping,
  proposeMapping,
  resolveDuplicates,
} from "../../src/import";

const contacts = baseCatalog.contacts;

describe("one row per person", () => {
  const headers = [
    "Organization - ID",
    "Organization - Name",
    "Person - First name",
    "Person - Email - Work",
  ];
  const columns = [null, "name", "contact:firstName", "contact:email"];
  const grid = [
    ["17", "Acme AB", "Ann", "ann@acme.test"],
    ["17", "Acme AB", "Bo", "bo@acme.test"],
    ["18", "Beta GmbH", "Cy", "cy@beta.test"],
    ["19", "Acme AB", "Di", "di@acme2.test"],
  ];

  it("is recognised, grouped by the source system's organisation id when there is one", () => {
    expect(proposeGrouping(headers, grid, columns, contacts)).toEqual({
      keyColumn: 0,
      groups: 3,
      rows: 4,
      toContact: [],
    });
  });

  it("groups by name when there is no id, and moves person-level customer columns to the contact", () => {
    const cols = ["name", "email", "contact:firstName"];
    const rows = [
      ["Acme AB", "ann@acme.test", "Ann"],
      ["Acme AB", "bo@acme.test", "Bo"],
      ["Beta", "cy@beta.test", "Cy"],
    ];
    expect(proposeGrouping(["Company", "Email", "First name"], rows, cols, contacts)).toEqual({
      keyColumn: 0,
      groups: 2,
      rows: 3,
      toContact: [{ column: 1, field: "contact:email" }],
    });
  });

  it("is not proposed when every row is its own company, or when repeats are true duplicates", () => {
    expect(
      proposeGrouping(
        ["Name", "Email"],
        [
          ["A", "a@x.test"],
          ["B", "b@x.test"],
        ],
        ["name", "email"],
        contacts,
      ),
    ).toBeNull();
    const same = [
      ["Acme", "info@acme.test"],
      ["Acme", "info@acme.test"],
    ];
    expect(proposeGrouping(["Name", "Email"], same, ["name", "email"], contacts)).toBeNull();
  });
});

describe("in-file duplicates", () => {
  const customers = baseCatalog.customers;
  const rows: (RecordValues | null)[] = [
    { name: "Acme", email: "a@acme.test", phone: null, city: null },
    { name: "Acme Ltd", email: "A@acme.test", phone: "+4670174060", city: "Lund" },
    { name: "Beta", email: "b@beta.test", phone: "+4670174060", city: null },
    null,
  ];

  it("are a warning naming the first row, not an error", () => {
    const issues = findDuplicates(rows, [["email"], ["phone"]], customers, {
      firstSheetRow: 2,
      columnOf: new Map([["email", 1]]),
    });
    expect(issues.map((i) => [i.row, i.severity, i.message])).toEqual([
      [1, "warning", "Same Email as row 2."],
      [2, "warning", "Same Phone as row 3."],
    ]);
  });

  it("come as groups for the user's choice", () => {
    expect(duplicateGroups(rows, [["email"], ["phone"]])).toEqual([
      { key: ["email"], rows: [0, 1] },
      { key: ["phone"], rows: [1, 2] },
    ]);
  });

  it("import the first, merge into the first, or import all", () => {
    const groups = duplicateGroups(rows, [["email"]]);
    expect(resolveDuplicates(rows, groups, "all")).toEqual({ rows, skipped: [] });
    const first = resolveDuplicates(rows, groups, "first");
    expect(first.rows).toEqual([rows[0], null, rows[2], null]);
    expect(first.skipped).toEqual([{ row: 1, keptRow: 0 }]);
    const merged = resolveDuplicates(rows, groups, "merge");
    expect(merged.rows[0]).toEqual({
      name: "Acme",
      email: "a@acme.test",
      phone: "+4670174060",
      city: "Lund",
    });
    expect(merged.rows[1]).toBeNull();
    expect(rows[0]!.city).toBeNull();
  });
});

describe("the proposal for a file", () => {
  it("maps a Salesforce contact report to the company and its people, grouped by account", () => {
    const headers = ["Account Name", "First Name", "Last Name", "Title", "Email", "Account ID"];
    const rows = [
      ["Acme AB", "Ann", "Berg", "CEO", "ann@acme.test", "0014W00002AKpQZQA1"],
      ["Acme AB", "Bo", "Ek", "CFO", "bo@acme.test", "0014W00002AKpQZQA1"],
      ["Beta Ltd", "Cy", "Dahl", "Buyer", "cy@beta.test", "0014W00002AKpQaQAL"],
    ];
    const p = proposeMapping(headers, rows, baseCatalog.customers, { picklists: {}, contacts });
    expect(p.matches.map((m) => m.field)).toEqual([
      "name",
      "contact:firstName",
      "contact:lastName",
      "contact:title",
      "contact:email",
      null,
    ]);
    expect(p.grouping?.keyColumn).toBe(5);
    expect(p.grouping?.groups).toBe(2);
  });

  it("gives the company's phone to 'Account Phone' when the person's 'Phone' goes to the contact", () => {
    // A Salesforce "Contacts & Accounts" report: "Phone" first wins the customer's phone over
    // "Account Phone", then turns out to be each person's own; the company keeps its phone.
    const headers = ["First Name", "Account Name", "Account Phone", "Phone", "Email"];
    const rows = [
      ["Ann", "Acme Inc", "(212) 555-0140", "(212) 555-0141", "ann@acme.test"],
      ["Bo", "Acme Inc", "(212) 555-0140", "(212) 555-0142", "bo@acme.test"],
      ["Cy", "Beta Ltd", "+44 20 7946 0310", "+44 20 7946 0311", "cy@beta.test"],
    ];
    const p = proposeMapping(headers, rows, baseCatalog.customers, { picklists: {}, contacts });
    expect(p.matches.map((m) => m.field)).toEqual([
      "contact:firstName",
      "name",
      "phone",
      "contact:phone",
      "contact:email",
    ]);
    expect(p.matches[2]?.suggestions).toBeUndefined();
    expect(p.grouping?.keyColumn).toBe(1);
  });

  it("leaves a freed customer field free when no column lost it", () => {
    const headers = ["Account Name", "Phone", "First Name"];
    const rows = [
      ["Acme Inc", "+44 20 7946 0311", "Ann"],
      ["Acme Inc", "+44 20 7946 0312", "Bo"],
    ];
    const p = proposeMapping(headers, rows, baseCatalog.customers, { picklists: {}, contacts });
    expect(p.matches.map((m) => m.field)).toEqual(["name", "contact:phone", "contact:firstName"]);
  });

  it("leaves a file of companies alone", () => {
    const p = proposeMapping(
      ["Name", "Email"],
      [
        ["Acme", "a@acme.test"],
        ["Beta", "b@beta.test"],
      ],
      baseCatalog.customers,
      {
        picklists: {},
        contacts,
      },
    );
    expect(p.matches.map((m) => m.field)).toEqual(["name", "email"]);
    expect(p.grouping).toBeNull();
  });
});
