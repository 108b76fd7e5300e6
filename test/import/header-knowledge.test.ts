import { describe, expect, it } from "vitest";
import { baseCatalog } from "../../src/domain";
import {
  checkContent,
  headerTokens,
  mapHeaders,
  qualifyHeader,
  synonymBase,
  synonymGroups,
} from "../../src/import";

const customers = baseCatalog.customers;
const contactsAsPrefixed = {
  ...baseCatalog.contacts,
  fields: baseCatalog.contacts.fields
    .filter((f) => f.key !== "customer" && f.key !== "crmId")
    .map((f) => ({ ...f, key: `contact:${f.key}` })),
};
const columnsOf = (headers: string[], sheet = customers) => mapHeaders(headers, sheet).columns;

describe("the synonym base", () => {
  it("cites a source for every group and names only fields the catalog has", () => {
    for (const g of synonymGroups) {
      expect(g.sources.length, g.system).toBeGreaterThan(0);
      for (const sheet of ["customers", "contacts", "sites"] as const) {
        const keys = new Set(baseCatalog[sheet].fields.map((f) => f.key));
        for (const field of Object.keys(g[sheet] ?? {}))
          expect(keys.has(field), `${g.system} ${field}`).toBe(true);
      }
    }
  });

  it("knows a header once per sheet, and never lists a field's header as not ours on that sheet", () => {
    const base = synonymBase("customers");
    expect(base.fields.get("billingcity")).toEqual(["city"]);
    expect(base.notOurs.has("accountid")).toBe(true);
    expect(base.notOurs.has("kundnummer")).toBe(false);
  });
});

describe("headers of known systems", () => {
  it("maps Salesforce account headers, qualifiers and all", () => {
    expect(
      columnsOf([
        "Account Name",
        "Account Number",
        "Account Phone",
        "Billing Street",
        "Billing City",
        "Billing State/Province",
        "Billing Zip/Postal Code",
        "Billing Country",
        "Website",
      ]),
    ).toEqual([
      "name",
      "customerNumber",
      "phone",
      "street",
      "city",
      "region",
      "postalCode",
      "country",
      "website",
    ]);
  });

  it("maps Dynamics 365 'Address 1:' columns and never the hidden (Do Not Modify) ones", () => {
    expect(
      columnsOf([
        "(Do Not Modify) Account",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Account Name",
        "Main Phone",
        "Address 1: Street 1",
        "Address 1: City",
        "Address 1: ZIP/Postal Code",
        "Address 1: Country/Region",
        "Address 2: City",
      ]),
    ).toEqual([null, null, null, "name", "phone", "street", "city", "postalCode", "country", null]);
  });

  it("maps Pipedrive organisation columns on Customers and person columns only as contacts", () => {
    const headers = [
      "Organization - Name",
      "Organization - ID",
      "Person - First name",
      "Person - Email - Work",
    ];
    expect(columnsOf(headers)).toEqual(["name", null, null, null]);
    expect(columnsOf(headers, contactsAsPrefixed)).toEqual([
      null,
      null,
      "contact:firstName",
      "contact:email",
    ]);
  });

  it("maps Swedish, German, French, Spanish and Arabic headers", () => {
    expect(
      columnsOf(["Företagsnamn", "Kundnummer", "E-post", "Ort", "Postnummer", "Ingående saldo"]),
    ).toEqual(["name", "customerNumber", "email", "city", "postalCode", "openingBalance"]);
    expect(columnsOf(["Firmenname", "PLZ", "Straße", "USt-IdNr.", "Währung"])).toEqual([
      "name",
      "postalCode",
      "street",
      "taxNumber",
      "currency",
    ]);
    expect(columnsOf(["Raison sociale", "Code postal", "Ville", "Pays"])).toEqual([
      "name",
      "postalCode",
      "city",
      "country",
    ]);
    expect(columnsOf(["Razón social", "Código postal", "Población", "País"])).toEqual([
      "name",
      "postalCode",
      "city",
      "country",
    ]);
    expect(columnsOf(["اسم الشركة", "البريد الإلكتروني", "المدينة", "الدولة"])).toEqual([
      "name",
      "email",
      "city",
      "country",
    ]);
  });

  it("never takes another system's record id for our CRM ID", () => {
    const headers = ["Account ID", "Record Id", "Id", "Upsales ID", "Organization - ID", "CRM ID"];
    const m = mapHeaders(headers, customers);
    expect(m.columns).toEqual([null, null, null, null, null, "crmId"]);
    for (const match of m.matches.slice(0, 5)) expect(match.suggestions ?? []).not.toContain("crmId");
  });

  it("never maps a shipping or delivery address to the customer's address, but suggests the field", () => {
    const m = mapHeaders(["Shipping City", "Leveransadress", "Ship To Postal Code"], customers);
    expect(m.columns).toEqual([null, null, null]);
    expect(m.matches[0]!.suggestions).toEqual(["city"]);
    expect(m.unmapped).toEqual([0, 1, 2]);
  });
});

describe("header words", () => {
  it("splits camelCase, snake_case and punctuation", () => {
    expect(headerTokens("BillingCity")).toEqual(["billing", "city"]);
    expect(headerTokens("billing_postal_code")).toEqual(["billing", "postal", "code"]);
    expect(headerTokens("Address 1: ZIP/Postal Code")).toEqual(["address", "1", "zip", "postal", "code"]);
  });

  it("drops customer-side qualifiers and stops on other sides", () => {
    expect(qualifyHeader(["billing", "city"], "customers")).toEqual({
      core: "city",
      stop: null,
      stripped: true,
    });
    expect(qualifyHeader(["shipping", "city"], "customers").stop).toBe("otherSide");
    expect(qualifyHeader(["person", "email"], "customers").stop).toBe("personSide");
    expect(qualifyHeader(["person", "email"], "contacts")).toEqual({
      core: "email",
      stop: null,
      stripped: true,
    });
    expect(qualifyHeader(["account", "id"], "customers").stop).toBe("foreignId");
  });
});

describe("content decides too", () => {
  const ctx = { picklists: { category: ["Retail", "Wholesale"] } };

  it("takes back a Type whose values are not Company/Individual, suggesting Category when they fit it", () => {
    const headers = ["Account Name", "Type"];
    const grid = [
      ["Acme", "Retail"],
      ["Beta", "Wholesale"],
    ];
    const m = checkContent(mapHeaders(headers, customers), grid, customers, ctx);
    expect(m.columns).toEqual(["name", null]);
    expect(m.matches[1]!.suggestions).toEqual(["category", "type"]);
    const other = checkContent(
      mapHeaders(headers, customers),
      [["Acme", "Customer - Direct"]],
      customers,
      ctx,
    );
    expect(other.columns).toEqual(["name", null]);
    expect(other.matches[1]!.suggestions).toEqual(["type"]);
  });

  it("keeps a Type of Company/Individual in any of the known words", () => {
    const grid = [
      ["Acme", "Företag"],
      ["Ann", "Privatperson"],
      ["Beta", "Company"],
    ];
    expect(checkContent(mapHeaders(["Namn", "Kundtyp"], customers), grid, customers, ctx).columns).toEqual([
      "name",
      "type",
    ]);
  });

  it("makes a column of e-mail addresses the e-mail column whatever its header", () => {
    const grid = [
      ["Acme", "info@acme.test"],
      ["Beta", "hello@beta.test"],
    ];
    const m = checkContent(mapHeaders(["Name", "Kontaktväg"], customers), grid, customers, ctx);
    expect(m.columns).toEqual(["name", "email"]);
    expect(m.matches[1]!.source).toBe("content");
    const notes = checkContent(mapHeaders(["Name", "Notes"], customers), grid, customers, ctx);
    expect(notes.columns).toEqual(["name", null]);
    expect(notes.matches[1]!.suggestions).toEqual(["email", "notes"]);
  });

  it("takes back a CRM ID whose values are another system's ids", () => {
    const grid = [
      ["0014W00002AKpQZQA1", "Acme"],
      ["zcrm_3152079000000153079", "Beta"],
    ];
    const m = checkContent(mapHeaders(["CRM ID", "Name"], customers), grid, customers, ctx);
    expect(m.columns).toEqual([null, "name"]);
    expect(m.matches[0]!.suggestions).toEqual([]);
    const ours = [["cus_0192a4b5c6d70001a1b2c3d4e5", "Acme"]];
    expect(checkContent(mapHeaders(["CRM ID", "Name"], customers), ours, customers, ctx).columns).toEqual([
      "crmId",
      "name",
    ]);
  });

  it("takes back an owner column whose people are not the CRM's users", () => {
    const sheet = customers;
    const grid = [["Acme", "Zed Nobody"]];
    const m = checkContent(mapHeaders(["Name", "Account Owner"], sheet), grid, sheet, {
      picklists: { accountManager: ["Ann Admin"] },
    });
    expect(m.columns).toEqual(["name", null]);
    expect(m.matches[1]!.suggestions).toEqual(["accountManager"]);
  });
});
