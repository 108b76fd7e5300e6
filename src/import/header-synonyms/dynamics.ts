import type { SynonymGroup } from "./types";

/**
 * Dynamics 365 / Dataverse: the account table's display names as "Export to Excel" writes them
 * (composite address columns prefixed "Address 1:", hidden "(Do Not Modify)" columns for re-import).
 */
export const dynamics: SynonymGroup = {
  system: "Dynamics 365 / Dataverse",
  sources: [
    "https://learn.microsoft.com/en-us/power-apps/developer/data-platform/reference/entities/account (display names: Account Name, Account Number, Main Phone, Address 1: City ...)",
    "https://learn.microsoft.com/en-us/power-apps/user/export-data-excel ((Do Not Modify) columns)",
    "http://axforum.info/forums/showthread.php?t=38401 (re-importing an exported grid)",
  ],
  customers: {
    name: ["Account Name"],
    customerNumber: ["Account Number"],
    phone: ["Main Phone", "Phone"],
    mobile: ["Mobile Phone"],
    email: ["Email", "Email Address 1"],
    website: ["Website"],
    street: ["Address 1: Street 1", "Address 1", "Street 1"],
    city: ["Address 1: City"],
    region: ["Address 1: State/Province"],
    postalCode: ["Address 1: ZIP/Postal Code"],
    country: ["Address 1: Country/Region"],
    currency: ["Currency"],
    creditLimit: ["Credit Limit"],
    accountManager: ["Owner"],
    notes: ["Description"],
  },
  contacts: {
    customer: ["Company Name", "Parent Customer"],
    firstName: ["First Name"],
    lastName: ["Last Name"],
    title: ["Job Title"],
    email: ["Email", "E-mail"],
    phone: ["Business Phone"],
  },
  notOurs: [
    "(Do Not Modify) Account",
    "(Do Not Modify) Row Checksum",
    "(Do Not Modify) Modified On",
    "Account ID",
    "Primary Contact",
    "Parent Account",
    "Relationship Type",
    "Status",
    "Status Reason",
    "Created On",
    "Modified On",
    "Industry",
    "Number of Employees",
    "Annual Revenue",
    "Address 1: Street 2",
    "Address 1: Street 3",
    "Address 1: Fax",
    "Fax",
    "Originating Lead",
  ],
};
