import type { SynonymGroup } from "./types";

/**
 * Pipedrive: exports and import templates prefix every column with its item ("Organization - Name",
 * "Person - Email - Work"); mapHeaders strips the prefix, these are the whole headers it knows.
 */
export const pipedrive: SynonymGroup = {
  system: "Pipedrive",
  sources: [
    "https://support.pipedrive.com/en/article/importing-mandatory-fields",
    "https://support.pipedrive.com/en/article/contacts-people-and-organizations",
    "https://getcapt.com/blog/pipedrive-import-csv (Person - Name, Person - Email, Organization - Name ...)",
  ],
  customers: {
    name: ["Organization - Name", "Organization"],
    street: ["Organization - Address", "Organization - Street/road name"],
    city: ["Organization - City/town/village/locality", "Organization - City"],
    region: ["Organization - State/county"],
    postalCode: ["Organization - ZIP/Postal code"],
    country: ["Organization - Country"],
    accountManager: ["Organization - Owner"],
  },
  contacts: {
    customer: ["Person - Organization"],
    firstName: ["Person - First name"],
    lastName: ["Person - Last name"],
    title: ["Person - Job title"],
    email: ["Person - Email", "Person - Email - Work"],
    phone: ["Person - Phone", "Person - Phone - Work"],
  },
  notOurs: [
    "Organization - ID",
    "Person - ID",
    "Organization - Label",
    "Person - Label",
    "Organization - People",
    "Organization - Open deals",
    "Organization - Closed deals",
    "Organization - Add time",
    "Organization - Update time",
    "Person - Add time",
    "Person - Update time",
    "Person - Owner",
    "Person - Visible to",
    "Organization - Visible to",
    "Person - Name",
    "Person - Email - Home",
    "Person - Email - Other",
    "Person - Phone - Home",
    "Person - Phone - Other",
    "Person - Phone - Mobile",
  ],
};
