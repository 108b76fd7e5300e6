import { describe, expect, it } from "vitest";
import { baseCatalog, checkRecord, isMultiLocation, messages, validateRecord } from "../../src/domain";

const customers = baseCatalog.customers;
const ctx = { closedPeriodThrough: "2024-12-31", country: null, picklists: {} };
const messagesOf = (values: Record<string, unknown>) =>
  checkRecord(customers, values, ctx).issues.map((i) => i.message);

describe("the seeds' five rules, verbatim", () => {
  it("Client name is required.", () => {
    expect(messagesOf({ name: "", email: "a@b.se" })).toEqual(["Client name is required."]);
  });
  it("Email address or phone number is required.", () => {
    expect(messagesOf({ name: "Acme" })).toEqual(["Email address or phone number is required."]);
    expect(messagesOf({ name: "Acme", mobile: "+46701234567" })).toEqual([]);
  });
  it("Invalid email format.", () => {
    expect(messagesOf({ name: "Acme", email: "acme.se" })).toEqual(["Invalid email format."]);
  });
  // The seed sentence first and verbatim, then what is wrong and what is allowed (issue 18).
  const ob = messages.openingBalance;
  it("Invalid opening balance value.", () => {
    expect(ob.notPositive.startsWith("Invalid opening balance value. ")).toBe(true);
    expect(
      messagesOf({ name: "Acme", email: "a@b.se", openingBalance: 0, openingBalanceDate: "2025-01-01" }),
    ).toEqual([ob.notPositive]);
    expect(
      messagesOf({ name: "Acme", email: "a@b.se", openingBalance: "x", openingBalanceDate: "2025-01-01" }),
    ).toEqual([ob.notPositive]);
  });
  it("Invalid opening balance date.: missing, malformed, or in the closed period", () => {
    for (const m of [ob.dateMissing, ob.dateUnreadable, ob.dateClosed("2024-12-31")])
      expect(m.startsWith("Invalid opening balance date. ")).toBe(true);
    expect(messagesOf({ name: "Acme", email: "a@b.se", openingBalance: 10 })).toEqual([ob.dateMissing]);
    expect(
      messagesOf({ name: "Acme", email: "a@b.se", openingBalance: 10, openingBalanceDate: "2025-02-30" }),
    ).toEqual([ob.dateUnreadable]);
    expect(
      messagesOf({ name: "Acme", email: "a@b.se", openingBalance: 10, openingBalanceDate: "2024-12-31" }),
    ).toEqual([ob.dateClosed("2024-12-31")]);
    expect(
      messagesOf({ name: "Acme", email: "a@b.se", openingBalance: 10, openingBalanceDate: "2025-01-01" }),
    ).toEqual([]);
  });
});

describe("row rules", () => {
  it("multi-location fields are required only for multi-location companies", () => {
    expect(isMultiLocation({ multiLocation: true, type: "Company" })).toBe(true);
    expect(isMultiLocation({ multiLocation: true, type: "Individual" })).toBe(false);
    expect(messagesOf({ name: "Acme", email: "a@b.se", multiLocation: true })).toEqual([
      "Location name is required for multi-location companies.",
      "Location code is required for multi-location companies.",
      "Headquarters is required for multi-location companies.",
    ]);
    expect(messagesOf({ name: "Acme", email: "a@b.se", multiLocation: false })).toEqual([]);
  });

  it("enforces character limits", () => {
    expect(messagesOf({ name: "x".repeat(256), email: "a@b.se" })).toEqual([
      "Name is longer than 255 characters.",
    ]);
  });

  it("does not call a field blank when its cell held a value that failed to parse", () => {
    const issues = validateRecord(customers, { name: "Acme", email: null }, ctx, new Set(["email"]));
    expect(issues).toEqual([]);
  });

  it("names unknown fields and applies the other sheets' required fields", () => {
    expect(messagesOf({ name: "Acme", email: "a@b.se", shoeSize: 42 })).toEqual([
      'Unknown field "shoeSize".',
    ]);
    const contact = checkRecord(baseCatalog.contacts, { customer: "" }, ctx).issues.map((i) => i.message);
    expect(contact).toEqual(["Customer is required.", "First name is required."]);
  });

  it("reads phones with the record's own country", () => {
    expect(
      checkRecord(customers, { name: "Acme", phone: "020 7946 0958", country: "gb" }, ctx).values.phone,
    ).toBe("+442079460958");
  });
});

describe("the Equipment sheet's rules (issue 15)", () => {
  const equipment = baseCatalog.equipment;
  const check = (values: Record<string, unknown>) =>
    checkRecord(equipment, values, ctx).issues.map((i) => [i.field, i.message]);

  it("needs a name and a customer; everything else is optional", () => {
    expect(check({})).toEqual([
      ["name", messages.required("Name")],
      ["customer", messages.required("Customer")],
    ]);
    expect(check({ name: "Boiler", customer: "Acme" })).toEqual([]);
  });

  it("refuses a warranty that expires before the install date, naming both dates", () => {
    expect(
      check({ name: "Boiler", customer: "Acme", installDate: "2024-03-01", warrantyExpiry: "2024-02-29" }),
    ).toEqual([["warrantyExpiry", messages.warrantyBeforeInstall("2024-02-29", "2024-03-01")]]);
  });

  it("accepts a warranty that expires on the install day or later, or either date alone", () => {
    for (const dates of [
      { installDate: "2024-03-01", warrantyExpiry: "2024-03-01" },
      { installDate: "2024-03-01", warrantyExpiry: "2030-01-01" },
      { warrantyExpiry: "2020-01-01" },
      { installDate: "2030-01-01" },
    ])
      expect(check({ name: "Boiler", customer: "Acme", ...dates })).toEqual([]);
  });

  it("reads dates as dates: an unreadable one is its own error, not a warranty error", () => {
    expect(
      check({ name: "Boiler", customer: "Acme", installDate: "2024-03-01", warrantyExpiry: "soon" }),
    ).toEqual([["warrantyExpiry", messages.invalidDate("Warranty expiry")]]);
  });

  it("names a customer as contacts do, and a site of the customers' sites", () => {
    const byKey = (k: string) => equipment.fields.find((f) => f.key === k)!;
    expect(byKey("customer")).toMatchObject({
      kind: "reference",
      refSheet: "customers",
      requirement: "required",
    });
    expect(byKey("site")).toMatchObject({ kind: "reference", refSheet: "sites", requirement: "optional" });
    expect(byKey("serialNumber").codeLike).toBe(true);
  });
});
