import type { SynonymGroup } from "./types";

/** Odoo: res.partner field labels, as "Export" writes them (Contacts app, customers). */
export const odoo: SynonymGroup = {
  system: "Odoo",
  sources: [
    "https://github.com/odoo/odoo/blob/17.0/odoo/addons/base/models/res_partner.py (string= labels: Name, Street, Street2, Zip, City, State, Country, Tax ID, Reference, Job Position ...)",
    "https://www.odoo.com/documentation/17.0/applications/essentials/export_import_data.html",
  ],
  customers: {
    name: ["Name", "Display Name", "Company Name"],
    customerNumber: ["Reference", "Internal Reference"],
    street: ["Street"],
    city: ["City"],
    region: ["State", "State/Province"],
    postalCode: ["Zip"],
    country: ["Country", "Country/Country Code"],
    taxNumber: ["Tax ID", "VAT"],
    website: ["Website Link", "Website"],
    accountManager: ["Salesperson"],
    notes: ["Notes", "Internal Notes"],
    category: ["Tags"],
  },
  contacts: {
    customer: ["Related Company", "Parent Name"],
    title: ["Job Position"],
    email: ["Email"],
    phone: ["Phone"],
  },
  notOurs: [
    "ID",
    "External ID",
    "Is a Company",
    "Street2",
    "Related Company/ID",
    "Active",
    "Language",
    "Timezone",
    "Created on",
    "Last Updated on",
    "Commercial Entity",
    "Payment Terms",
    "Title",
  ],
};
