/**
 * The demo organisation created on first start, so the add-in has something to show: users
 * (account managers among them), categories, campaigns, customers with contacts, sites and the
 * equipment installed at those sites.
 */
import { insertPicklistValue } from "./repositories/catalog";
import { randomBytes } from "node:crypto";
import { insertUser, type Db } from "./repositories/organisations";
import { setPasswordHash } from "./repositories/users";
import { hashPassword, type ScryptCost } from "./services/passwords";
import { insertRecords } from "./repositories/records";
import { newId } from "./ids";
import { storedKeys, tokensOf } from "./services/record-values";
import { createOrganisation, type Provisioned } from "./services/provision";
import type { RecordValues, SheetName } from "../domain";

export const DEMO_ORGANISATION = "Demo";
/** The demo user who signs in to the pane (an importer); its password is printed at first start. */
export const DEMO_USER_EMAIL = "demo@example.com";

export interface DemoOrganisation extends Provisioned {
  signIn: { email: string; password: string };
}

const managers = [
  { name: "Anna Lind", email: "anna.lind@example.com", role: "importer" as const },
  { name: "Ben Carter", email: "ben.carter@example.com", role: "importer" as const },
  { name: "Chloé Martin", email: "chloe.martin@example.com", role: "viewer" as const },
];
const categories = ["Retail", "Wholesale", "Hospitality", "Public sector"];
const campaigns = ["Spring fair 2026", "Newsletter", "Referral"];
const contactCategories = ["Decision maker", "User", "Invoice recipient"];
const companies: [string, string, string, string][] = [
  ["Nordic Bikes AB", "Stockholm", "SE", "+46812345678"],
  ["Café Lumière", "Lyon", "FR", "+33478123456"],
  ["Harbour Foods Ltd", "Bristol", "GB", "+441179123456"],
  ["Alpine Tools GmbH", "Munich", "DE", "+49891234567"],
  ["Sunset Hotels", "Malaga", "ES", "+34952123456"],
  ["Green Leaf Grocers", "Leeds", "GB", "+441132123456"],
  ["Baltic Shipping Oy", "Helsinki", "FI", "+358912345678"],
  ["Oslo Office Supply", "Oslo", "NO", "+4722123456"],
  ["Copenhagen Coffee ApS", "Copenhagen", "DK", "+4533123456"],
  ["Dublin Print Co", "Dublin", "IE", "+35312345678"],
  ["Vienna Music Haus", "Vienna", "AT", "+431234567890"],
  ["Lisbon Tiles Lda", "Lisbon", "PT", "+351213456789"],
  ["Prague Glassworks", "Prague", "CZ", "+420212345678"],
  ["Warsaw Wood Sp. z o.o.", "Warsaw", "PL", "+48221234567"],
  ["Zurich Watches AG", "Zurich", "CH", "+41441234567"],
  ["Amsterdam Flowers BV", "Amsterdam", "NL", "+31201234567"],
  ["Brussels Chocolates", "Brussels", "BE", "+3221234567"],
  ["Milan Fashion Srl", "Milan", "IT", "+390212345678"],
  ["Athens Olive Co", "Athens", "GR", "+302101234567"],
  ["Tallinn Tech OÜ", "Tallinn", "EE", "+3726123456"],
];

function customerValues(i: number): RecordValues {
  const [name, city, country, phone] = companies[i]!;
  return {
    customerNumber: `D${String(1001 + i)}`,
    name,
    type: "Company",
    email: `info@${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`,
    phone,
    city,
    country,
    category: categories[i % categories.length]!,
    accountManager: managers[i % managers.length]!.name,
    campaign: campaigns[i % campaigns.length]!,
    currency: "EUR",
  };
}

const record = (prefix: string, sheet: SheetName, values: RecordValues) => ({
  id: newId(prefix),
  version: 1,
  values,
  tokens: tokensOf(storedKeys(sheet, []), values),
});

export async function createDemoOrganisation(
  db: Db,
  adminToken?: string,
  demoPassword = randomBytes(12).toString("base64url"),
  passwordCost?: ScryptCost,
): Promise<DemoOrganisation> {
  const provisioned = await createOrganisation(db, DEMO_ORGANISATION, adminToken);
  const orgId = provisioned.org.id;
  const demo = await insertUser(db, orgId, { name: "Demo User", email: DEMO_USER_EMAIL, role: "importer" });
  await setPasswordHash(db, orgId, demo.id, await hashPassword(demoPassword, passwordCost));
  for (const m of managers) await insertUser(db, orgId, m);
  for (const c of categories) await insertPicklistValue(db, orgId, "category", c);
  for (const c of campaigns) await insertPicklistValue(db, orgId, "campaign", c);
  for (const c of contactCategories) await insertPicklistValue(db, orgId, "contactCategory", c);
  const customers = companies.map((_, i) => record("cus", "customers", customerValues(i)));
  await insertRecords(db, orgId, "customers", customers);
  const contacts = customers.map((c, i) =>
    record("con", "contacts", {
      customer: c.id,
      firstName: ["Eva", "Liam", "Noah", "Maja"][i % 4]!,
      lastName: "Demo",
      email: `contact${i}@example.com`,
      primary: true,
    }),
  );
  await insertRecords(db, orgId, "contacts", contacts);
  const sites = customers.slice(0, 3).map((c, i) =>
    record("sit", "sites", {
      billingCustomer: c.id,
      siteName: `Warehouse ${i + 1}`,
      city: String(c.values.city),
    }),
  );
  await insertRecords(db, orgId, "sites", sites);
  const equipment = sites.map((s, i) =>
    record("equ", "equipment", {
      name: ["Rooftop chiller", "Cold room compressor", "Forklift charger"][i]!,
      make: ["Daikin", "Bitzer", "Fronius"][i]!,
      serialNumber: `DEMO-${1001 + i}`,
      installDate: `202${2 + i}-04-01`,
      warrantyExpiry: `202${7 + i}-03-31`,
      customer: String(s.values.billingCustomer),
      site: s.id,
    }),
  );
  await insertRecords(db, orgId, "equipment", equipment);
  return { ...provisioned, signIn: { email: DEMO_USER_EMAIL, password: demoPassword } };
}
