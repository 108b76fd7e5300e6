/**
 * A file of people, one row per person with the company repeated on each row (a Salesforce
 * "Contacts & Accounts" report export: test/e2e/fixtures/salesforce-contacts-accounts.csv), opened
 * from the pane. The Map step proposes by itself the fields and the grouping (companies on
 * Customers, people on Contacts); the proposal is accepted as it is, both sheets validated and
 * imported, and each contact lands under the company it was written beside: in the CRM (its
 * customer is that company's CRM ID) and in the sheets (statuses and CRM IDs written back).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { ROOT } from "./harness";
import { awaitStep, connect, importsBy, openSession, record, type Session } from "./session";
import { columnLetter, eventually, sheetNames, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("one row per person");
});
afterAll(async () => {
  await s?.close();
});

const fixture = readFileSync(join(ROOT, "test/e2e/fixtures/salesforce-contacts-accounts.csv"));
const fileName = `sf-people-${Date.now().toString(36)}.csv`;
const sheet = fileName.replace(/\.csv$/, "");

/** The fixture's people, by first name, with the company each is written beside (as written). */
const people: Record<string, string> = {
  Grace: "Northwind Traders",
  Marcus: "Northwind Traders",
  // The same company in capitals: grouped with the others, not a fifth customer.
  Priya: "Northwind Traders",
  Oliver: "Fabrikam Ltd",
  Chloe: "Fabrikam Ltd",
  Astrid: "Woodgrove Handel AB",
  Johan: "Woodgrove Handel AB",
  Dana: "Contoso Pharmacy",
};
const companies = [...new Set(Object.values(people))];

/** A sheet's rows under its header row (row 1 on the sheets grouping writes), as objects by header. */
async function rowsOf(name: string): Promise<Record<string, string>[]> {
  const [header = [], ...rows] = await values(s.page, `${name}!A1:${columnLetter(29)}40`);
  return rows
    .filter((r) => r.some((v) => v !== "" && v !== null))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), String(r[i] ?? "")])));
}

async function validateAndImport(name: string, ready: number): Promise<void> {
  const { pane } = s;
  await awaitStep(pane, text.validateHeading(name));
  await eventually(() => pane.getByRole("definition").first().innerText()).toBe(String(ready));
  await s.snap(`validated-${name}`);
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading);
  await s.snap(`imported-${name}`);
}

test("one row per person: the proposal accepted, companies and their contacts imported", async () => {
  const { page, pane } = s;
  await connect(s);

  await pane
    .getByLabel(text.csvFile)
    .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: fixture });
  await pane.getByRole("button", { name: text.openFile }).click();
  await awaitStep(pane, text.mapHeading(sheet));
  await eventually(() => sheetNames(page)).toContain(sheet);

  // The proposal, made by the rows themselves: one customer per "Account Name", the person's
  // columns to the contact, the company's phone ("Account Phone") to the customer.
  await pane.getByText(text.groupingProposed("Account Name")).waitFor();
  expect(await pane.getByRole("checkbox", { name: text.oneRowPerContact }).isChecked()).toBe(true);
  const groupBy = pane.getByLabel(text.groupBy);
  expect(await groupBy.locator("option:checked").innerText()).toBe(text.groupByColumn("Account Name"));
  const column = (header: string) => pane.getByLabel(text.column(header), { exact: true });
  await eventually(() => column("Account Name").inputValue()).toBe("name");
  const proposed = {
    "First Name": "contact:firstName",
    "Last Name": "contact:lastName",
    Title: "contact:title",
    "Account Phone": "phone",
    Phone: "contact:phone",
    Email: "contact:email",
    "Mailing City": "city",
    "Mailing Country": "country",
  };
  for (const [header, field] of Object.entries(proposed))
    expect(await column(header).inputValue()).toBe(field);
  expect(await pane.getByText(/columns? not matched/).count()).toBe(0);
  await s.snap("map");
  await pane.getByRole("button", { name: text.applyMapping }).click();

  // Customers first: four companies (NORTHWIND TRADERS folded into Northwind Traders).
  await validateAndImport("Customers", companies.length);
  expect(await sheetNames(page)).toEqual(expect.arrayContaining(["Customers", "Contacts"]));
  await pane.getByRole("button", { name: text.continueWith("Contacts") }).click();
  // Then the contacts, each naming its company; the one with no e-mail imports too.
  await validateAndImport("Contacts", Object.keys(people).length);

  // The CRM: two imports by this user (beside Validate's dry runs), nothing failed.
  const mine = (await importsBy(s)).filter((i) => !i.dryRun);
  expect(mine).toHaveLength(2);
  const customersImport = mine.find((i) => i.source === "Customers");
  const contactsImport = mine.find((i) => i.source === "Contacts");
  expect(customersImport?.counts).toMatchObject({ created: companies.length, failed: 0 });
  expect(contactsImport?.counts).toMatchObject({ created: Object.keys(people).length, failed: 0 });

  // The sheets: every row's status and CRM ID written back.
  const customerRows = await rowsOf("Customers");
  expect(customerRows.map((r) => r["Name"])).toEqual(companies);
  const idOf = new Map<string, string>();
  for (const row of customerRows) {
    expect(row[sheetMessages.statusHeader]).toMatch(new RegExp(`^${sheetMessages.created}`));
    const id = row[sheetMessages.crmIdHeader] ?? "";
    expect(id.length).toBeGreaterThan(3);
    idOf.set(row["Name"] ?? "", id);
    expect((await record(s, "customers", id)).values["name"]).toBe(row["Name"]);
  }
  expect(new Set(idOf.values()).size).toBe(companies.length);
  const contactRows = await rowsOf("Contacts");
  expect(contactRows.map((r) => r["First name"])).toEqual(Object.keys(people));

  // Each contact under its company: read back from the CRM, its customer is the company's CRM ID.
  for (const row of contactRows) {
    expect(row[sheetMessages.statusHeader]).toMatch(new RegExp(`^${sheetMessages.created}`));
    const contact = await record(s, "contacts", row[sheetMessages.crmIdHeader] ?? "");
    const first = String(contact.values["firstName"]);
    expect(contact.values["customer"]).toBe(idOf.get(people[first] ?? ""));
  }
  const priya = await record(s, "contacts", contactRows[2]?.[sheetMessages.crmIdHeader] ?? "");
  expect(priya.values).toMatchObject({ firstName: "Priya", lastName: "Raman" });
  expect(priya.values["email"] ?? null).toBeNull();
  // A person's phone written without +1 is read with the Country of the company it is under.
  const grace = await record(s, "contacts", contactRows[0]?.[sheetMessages.crmIdHeader] ?? "");
  expect(grace.values["phone"]).toBe("+12125550141");
});
