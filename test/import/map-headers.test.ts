import { describe, expect, it } from "vitest";
import { baseCatalog, buildCatalog } from "../../src/domain";
import {
  applySavedMapping,
  headerSignature,
  mapHeaders,
  normaliseHeader,
  saveMapping,
} from "../../src/import";

const customers = baseCatalog.customers;

describe("mapping headers to fields", () => {
  it("maps our own template's headers, markers and all", () => {
    const header = customers.fields.map((f) =>
      f.requirement === "required"
        ? `${f.label} *`
        : f.requirement === "multiLocation"
          ? `${f.label} (multi-location)`
          : f.label,
    );
    const m = mapHeaders(header, customers);
    expect(m.columns).toEqual(customers.fields.map((f) => f.key));
    expect(m.matches.every((x) => x.confidence === 1)).toBe(true);
    expect(m.unmapped).toEqual([]);
  });

  it("ignores case, spacing, punctuation and accents, and knows the aliases", () => {
    const m = mapHeaders(
      ["  E-MAIL  address", "företagsnamn", "Zip Code", "postalcode", "Tél", "KUNDNUMMER"],
      customers,
    );
    // "postalcode" is the field's own key (confidence 1), so it wins over the alias "Zip Code".
    expect(m.columns).toEqual(["email", "name", null, "postalCode", "phone", "customerNumber"]);
    expect(m.duplicated).toEqual([{ field: "postalCode", columns: [2, 3] }]);
    expect(normaliseHeader("Tél.")).toBe("tel");
    expect(mapHeaders(["Tél."], customers).columns).toEqual(["phone"]);
  });

  it("accepts near spellings above the threshold and leaves far ones unmapped", () => {
    const m = mapHeaders(["Custmer number", "Opening balanse date", "Favourite colour", ""], customers);
    expect(m.columns).toEqual(["customerNumber", "openingBalanceDate", null, null]);
    expect(m.matches[0]!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(m.matches[0]!.confidence).toBeLessThan(1);
    expect(m.unmapped).toEqual([2]);
  });

  it("keeps the most confident of two columns for one field and reports the duplicate", () => {
    const m = mapHeaders(["Company", "Name"], customers);
    expect(m.columns).toEqual([null, "name"]);
    expect(m.duplicated).toEqual([{ field: "name", columns: [0, 1] }]);
  });

  it("leaves a header that fits two fields equally unmapped, as ambiguous", () => {
    const catalog = buildCatalog([
      {
        sheet: "customers",
        key: "cf_zip_area",
        label: "Zip area",
        kind: "text",
        requirement: "optional",
        description: "",
      },
    ]);
    const sheet = {
      ...catalog.customers,
      fields: catalog.customers.fields.map((f) => (f.key === "cf_zip_area" ? { ...f, aliases: ["zip"] } : f)),
    };
    const m = mapHeaders(["Zip"], sheet);
    expect(m.columns).toEqual([null]);
    expect(m.ambiguous).toEqual([{ column: 0, candidates: ["postalCode", "cf_zip_area"] }]);
  });

  it("maps contacts' and sites' own aliases", () => {
    expect(mapHeaders(["Company name", "Given name", "Surname"], baseCatalog.contacts).columns).toEqual([
      "customer",
      "firstName",
      "lastName",
    ]);
    expect(mapHeaders(["Bill to", "Site"], baseCatalog.sites).columns).toEqual([
      "billingCustomer",
      "siteName",
    ]);
  });
});

describe("saved mappings", () => {
  const header = ["Kund", "Epost", "Mobil"];

  it("gives the same signature for the same layout, whatever the spelling details", () => {
    expect(headerSignature(header)).toBe(headerSignature([" kund ", "EPOST", "Mobil *"]));
    expect(headerSignature(header)).not.toBe(headerSignature(["Epost", "Kund", "Mobil"]));
  });

  it("applies a saved mapping to a file with its signature", () => {
    const saved = saveMapping(header, ["name", "email", "mobile"]);
    const m = applySavedMapping(header, JSON.parse(JSON.stringify(saved)), customers);
    expect(m?.columns).toEqual(["name", "email", "mobile"]);
  });

  it("refuses a mapping saved for other headers, or that is not a mapping", () => {
    const saved = saveMapping(header, ["name", "email", "mobile"]);
    expect(applySavedMapping(["Kund", "Epost"], saved, customers)).toBeNull();
    expect(applySavedMapping(header, { signature: 5 }, customers)).toBeNull();
    expect(applySavedMapping(header, "name,email", customers)).toBeNull();
  });

  it("drops fields the sheet no longer has and never uses a field twice", () => {
    const saved = { signature: headerSignature(header), columns: ["name", "cf_gone", "name"] };
    const m = applySavedMapping(header, saved, customers);
    expect(m?.columns).toEqual(["name", null, null]);
    expect(m?.unmapped).toEqual([1, 2]);
  });
});

describe("mapping another system's equipment list to the Equipment sheet (issue 15)", () => {
  const equipment = baseCatalog.equipment;
  it("maps the usual names of each column", () => {
    const headers = [
      "Equipment name",
      "Manufacturer",
      "Model number",
      "Serial No",
      "Installation date",
      "Warranty end date",
      "Customer name",
      "Site name",
    ];
    expect(mapHeaders(headers, equipment).columns).toEqual([
      "name",
      "make",
      "model",
      "serialNumber",
      "installDate",
      "warrantyExpiry",
      "customer",
      "site",
    ]);
  });

  it("maps the template's own headers, markers and all", () => {
    const header = equipment.fields.map((f) => (f.requirement === "required" ? `${f.label} *` : f.label));
    expect(mapHeaders(header, equipment).columns).toEqual(equipment.fields.map((f) => f.key));
  });
});
