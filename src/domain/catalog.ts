import type { Catalog, FieldDef, FieldKind, Requirement, SheetDef, SheetName } from "./fields";
import { messages } from "./messages";

/** Currencies offered in the template's dropdown (ISO 4217). */
export const currencies = [
  "AUD",
  "BRL",
  "CAD",
  "CHF",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "GBP",
  "HKD",
  "INR",
  "JPY",
  "KRW",
  "MXN",
  "NOK",
  "NZD",
  "PLN",
  "SAR",
  "SEK",
  "SGD",
  "TRY",
  "USD",
  "ZAR",
] as const;

type Opts = Partial<Omit<FieldDef, "key" | "label" | "kind">>;

function field(key: string, label: string, kind: FieldKind, description: string, opts: Opts = {}): FieldDef {
  return {
    key,
    label,
    kind,
    requirement: "optional" as Requirement,
    description,
    aliases: [],
    custom: false,
    ...opts,
  };
}

const crmId = field("crmId", "CRM ID", "text", "Filled in by the CRM. Leave blank for a new record.", {
  system: true,
  maxLength: 64,
  codeLike: true,
  // Only our own label: another system's "ID", "Record Id" or "Upsales ID" is never our CRM ID.
  aliases: ["crm id"],
});

const address = (prefix: string): FieldDef[] => [
  field("street", "Street", "text", `${prefix} street and number.`, {
    maxLength: 255,
    aliases: ["address", "address 1", "street address", "address line 1"],
  }),
  field("city", "City", "text", `${prefix} city.`, { maxLength: 100, aliases: ["town"] }),
  field("region", "Region", "text", `${prefix} state, county or region.`, {
    maxLength: 100,
    aliases: ["state", "county", "province"],
  }),
  field("postalCode", "Postal code", "text", `${prefix} postal or ZIP code, kept as text.`, {
    maxLength: 20,
    codeLike: true,
    aliases: ["zip", "zip code", "postcode", "post code", "postnummer"],
  }),
  field(
    "country",
    "Country",
    "picklist",
    "Two-letter country code (SE, GB, US). Phones without +code use it.",
    {
      maxLength: 2,
      picklist: "country",
      aliases: ["country code", "land"],
    },
  ),
];

const email = (who: string) =>
  field("email", "Email", "email", `${who} e-mail address, e.g. name@example.com.`, {
    maxLength: 254,
    aliases: ["e-mail", "email address", "e-mail address", "mail", "mejladress"],
  });
const phone = (who: string) =>
  field("phone", "Phone", "phone", `${who} phone number; stored in international form (+46...).`, {
    maxLength: 30,
    codeLike: true,
    aliases: ["telephone", "phone number", "tel", "telefon"],
  });

const customers: SheetDef = {
  name: "customers",
  title: "Customers",
  noun: "customer",
  nounPlural: "customers",
  fields: [
    crmId,
    field("customerNumber", "Customer number", "text", "Your own number for the customer, unique.", {
      maxLength: 30,
      codeLike: true,
      aliases: ["customer no", "account number", "client number", "customer code", "kundnummer"],
    }),
    field("name", "Name", "text", "The customer's (client's) name. Required.", {
      requirement: "required",
      maxLength: 255,
      aliases: ["client name", "customer name", "account name", "company", "company name", "företagsnamn"],
    }),
    field("type", "Type", "picklist", "Company or Individual.", {
      options: ["Company", "Individual"],
      aliases: ["account type", "customer type"],
    }),
    email("The customer's"),
    phone("The customer's main"),
    field("mobile", "Mobile", "phone", "Mobile phone number.", {
      maxLength: 30,
      codeLike: true,
      aliases: ["mobile phone", "cell", "cell phone", "mobil"],
    }),
    field("website", "Website", "url", "Web address, e.g. https://example.com.", {
      maxLength: 255,
      aliases: ["web", "url", "homepage", "web site"],
    }),
    field("taxNumber", "Tax number", "text", "VAT or tax registration number.", {
      maxLength: 30,
      codeLike: true,
      aliases: ["vat number", "vat", "tax id", "organisation number", "org nr"],
    }),
    ...address("Billing"),
    field("category", "Category", "picklist", "Customer category, from the CRM's list.", {
      maxLength: 100,
      picklist: "category",
      aliases: ["customer category", "company category", "företagskategori"],
    }),
    field("accountManager", "Account manager", "picklist", "The CRM user who owns the customer.", {
      maxLength: 100,
      picklist: "accountManager",
      aliases: ["owner", "sales rep", "kontoansvarig"],
    }),
    field("campaign", "Campaign", "picklist", "Marketing campaign the customer came from.", {
      maxLength: 100,
      picklist: "campaign",
      aliases: ["source campaign", "kampanj"],
    }),
    field("currency", "Currency", "picklist", "Invoicing currency (ISO code, e.g. EUR).", {
      maxLength: 3,
      options: currencies,
    }),
    field("creditLimit", "Credit limit", "money", "Credit limit in the customer's currency.", {
      aliases: ["credit"],
    }),
    field("openingBalance", "Opening balance", "money", "Amount owed at the start; a positive number.", {
      aliases: ["balance", "opening balance amount"],
    }),
    field(
      "openingBalanceDate",
      "Opening balance date",
      "date",
      "Date of the opening balance; required with one, not in a closed period.",
      {
        aliases: ["balance date"],
      },
    ),
    field("multiLocation", "Multi-location", "yesNo", "Yes if the company has several locations.", {
      aliases: ["multi location", "multiple locations"],
    }),
    field(
      "locationName",
      "Location name",
      "text",
      "Name of this location. Required for multi-location companies.",
      {
        requirement: "multiLocation",
        maxLength: 100,
        aliases: ["location"],
      },
    ),
    field(
      "locationCode",
      "Location code",
      "text",
      "Code of this location. Required for multi-location companies.",
      {
        requirement: "multiLocation",
        maxLength: 30,
        codeLike: true,
      },
    ),
    field(
      "headquarters",
      "Headquarters",
      "reference",
      "The head-office customer (CRM ID, customer number or name). Required for multi-location companies.",
      {
        requirement: "multiLocation",
        maxLength: 255,
        refSheet: "customers",
        aliases: ["head office", "parent", "parent company", "hq"],
      },
    ),
    field("notes", "Notes", "text", "Free text.", {
      maxLength: 2000,
      aliases: ["note", "comments", "description"],
    }),
  ],
};

const contacts: SheetDef = {
  name: "contacts",
  title: "Contacts",
  noun: "contact",
  nounPlural: "contacts",
  fields: [
    crmId,
    field(
      "customer",
      "Customer",
      "reference",
      "The customer this person works for: CRM ID, customer number or name.",
      {
        requirement: "required",
        maxLength: 255,
        refSheet: "customers",
        aliases: ["company", "account", "customer name", "client", "company name"],
      },
    ),
    field("firstName", "First name", "text", "The contact's first name. Required.", {
      requirement: "required",
      maxLength: 100,
      aliases: ["given name", "first", "förnamn", "contact first name"],
    }),
    field("lastName", "Last name", "text", "The contact's last name.", {
      maxLength: 100,
      aliases: ["surname", "family name", "last", "efternamn", "contact last name"],
    }),
    field("title", "Title", "text", "Job title.", {
      maxLength: 100,
      aliases: ["job title", "position", "role", "titel"],
    }),
    email("The contact's"),
    phone("The contact's"),
    field("primary", "Primary", "yesNo", "Yes for the customer's main contact.", {
      aliases: ["primary contact", "main contact"],
    }),
    field("category", "Category", "picklist", "Contact category, from the CRM's list.", {
      picklist: "contactCategory",
      aliases: ["contact category", "kontaktkategori"],
    }),
  ],
};

const sites: SheetDef = {
  name: "sites",
  title: "Sites",
  noun: "site",
  nounPlural: "sites",
  fields: [
    crmId,
    field(
      "billingCustomer",
      "Billing customer",
      "reference",
      "The customer who is billed for this site: CRM ID, customer number or name.",
      {
        requirement: "required",
        maxLength: 255,
        refSheet: "customers",
        aliases: ["billing account", "customer", "bill to"],
      },
    ),
    field("siteName", "Site name", "text", "Name of the site. Required.", {
      requirement: "required",
      maxLength: 255,
      aliases: ["site", "name", "location name"],
    }),
    ...address("The site's"),
    field("siteContact", "Site contact", "text", "Person to ask for at the site.", {
      maxLength: 100,
      aliases: ["contact", "contact person"],
    }),
    phone("The site's"),
    email("The site's"),
    field("notes", "Notes", "text", "Free text.", { maxLength: 2000, aliases: ["note", "comments"] }),
  ],
};

/**
 * Equipment installed for a customer (Ascora's Equipment sheet of the same template), at one of its
 * sites. Matched on re-import by its CRM ID, else by customer + serial number (`defaultMatchKeys`).
 */
const equipment: SheetDef = {
  name: "equipment",
  title: "Equipment",
  noun: "equipment",
  nounPlural: "equipment",
  fields: [
    crmId,
    field("name", "Name", "text", "What the equipment is, e.g. Rooftop air conditioner. Required.", {
      requirement: "required",
      maxLength: 255,
      aliases: ["equipment name", "equipment", "asset", "asset name"],
    }),
    field("make", "Make", "text", "The manufacturer, e.g. Daikin.", {
      maxLength: 100,
      aliases: ["manufacturer", "brand"],
    }),
    field("model", "Model", "text", "The model name or number.", {
      maxLength: 100,
      codeLike: true,
      aliases: ["model number", "model no"],
    }),
    field(
      "serialNumber",
      "Serial number",
      "text",
      "The serial number, unique for the customer: a re-import updates the equipment with it.",
      {
        maxLength: 100,
        codeLike: true,
        aliases: ["serial", "serial no", "serial no.", "s/n", "sn"],
      },
    ),
    field("installDate", "Install date", "date", "The day it was installed.", {
      aliases: ["installation date", "installed", "date installed"],
    }),
    field(
      "warrantyExpiry",
      "Warranty expiry",
      "date",
      "The last day of its warranty; not before the install date.",
      {
        aliases: [
          "warranty expiry date",
          "warranty expires",
          "warranty end",
          "warranty end date",
          "warranty",
        ],
      },
    ),
    field(
      "customer",
      "Customer",
      "reference",
      "The customer who owns it: CRM ID, customer number or name. Required.",
      {
        requirement: "required",
        maxLength: 255,
        refSheet: "customers",
        aliases: ["customer name", "client", "client name", "billing customer"],
      },
    ),
    field(
      "site",
      "Site",
      "reference",
      "Where it is installed: one of the customer's sites, by CRM ID or site name.",
      {
        maxLength: 255,
        refSheet: "sites",
        aliases: ["site name", "location", "installed at"],
      },
    ),
  ],
};

/** The built-in catalog, without the organisation's custom fields. */
export const baseCatalog: Catalog = { customers, contacts, sites, equipment };

export function sheetDef(catalog: Catalog, sheet: SheetName): SheetDef {
  return catalog[sheet];
}

export function fieldByKey(sheet: SheetDef, key: string): FieldDef | undefined {
  return sheet.fields.find((f) => f.key === key);
}

export const sheetOfTitle = (catalog: Catalog, title: string): SheetName | undefined =>
  (Object.values(catalog) as SheetDef[]).find((s) => s.title.toLowerCase() === title.trim().toLowerCase())
    ?.name;

/**
 * The reference that names a row's own customer (a contact's Customer, a site's Billing customer, a
 * piece of equipment's Customer):
 * a row with no Country of its own reads its phones with that customer's. None on Customers.
 */
export const ownerField = (sheet: SheetDef): FieldDef | undefined =>
  sheet.fields.find(
    (f) => f.kind === "reference" && f.refSheet === "customers" && f.requirement === "required",
  );

/** The issue a phone with no +code gets on a row with no country: the owner's Country may still read it. */
export const phoneNeedsCountry = (f: FieldDef) =>
  messages.invalidPhone(f.label, messages.phoneReasons.noCountry);
