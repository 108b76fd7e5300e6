/**
 * Issue 15: importing sites keeps their billing customer editable. A customer is imported, then two
 * sites billed to it (Validate said both will be created, Import created both); the customer's City
 * is then edited in its row and imported again: Validate says it will update City, Import updates
 * it, and no "required for multi-location companies" failure appears on a customer that never was one.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, awaitValidated, connect, openSession, record, type Session } from "./session";
import {
  FIRST_DATA_ROW,
  clickRibbon,
  columnValues,
  eventually,
  expectFatesKept,
  fieldColumns,
  paste,
  showSheet,
  typeInto,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("site then customer edit");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const customer = `Harbour Logistics ${tag}`;
const ROW = FIRST_DATA_ROW;
const sites: [string, string][] = [
  ["Warehouse", "Gävle"],
  ["Shop", "Uppsala"],
];

/** Validate then Import of the active sheet from the pane: the rows' statuses after each, fates kept. */
async function validateThenImport(sheet: string, status: string, last: number) {
  const { page, pane } = s;
  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  const counts = await awaitValidated(pane, sheet);
  const validated = await columnValues(page, sheet, status, ROW, last);
  await s.snap(`validated-${sheet}`);
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap(`imported-${sheet}`);
  const imported = await columnValues(page, sheet, status, ROW, last);
  expectFatesKept(validated, imported);
  await pane.getByRole("button", { name: text.done }).click();
  await awaitStep(pane, text.startHeading);
  return { counts, validated, imported };
}

test("sites imported under a customer, then that customer's row edited and imported again: updated", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);

  // The customer, imported once.
  await showSheet(page, "Customers");
  const col = await fieldColumns(page, "Customers");
  const [name, email, city] = [col["Name"]!, col["Email"]!, col["City"]!];
  const [status, crmId] = [col[sheetMessages.statusHeader]!, col[sheetMessages.crmIdHeader]!];
  await paste(page, `Customers!${name}${ROW}`, [[customer]]);
  await paste(page, `Customers!${email}${ROW}`, [[`office@harbour-${tag}.example`]]);
  await paste(page, `Customers!${city}${ROW}`, [["Stockholm"]]);
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await awaitStep(pane, text.summaryHeading, 120_000);
  await eventually(async () => (await columnValues(page, "Customers", status, ROW, ROW))[0]).toBe(
    sheetMessages.created,
  );
  const [id] = (await columnValues(page, "Customers", crmId, ROW, ROW)).map(String);
  await pane.getByRole("button", { name: text.done }).click();
  await awaitStep(pane, text.startHeading);

  // Two sites billed to it, by its name.
  await showSheet(page, "Sites");
  const site = await fieldColumns(page, "Sites");
  const [billing, siteName, siteCity] = [site["Billing customer"]!, site["Site name"]!, site["City"]!];
  const last = ROW + sites.length - 1;
  await paste(
    page,
    `Sites!${billing}${ROW}:${billing}${last}`,
    sites.map(() => [customer]),
  );
  await paste(
    page,
    `Sites!${siteName}${ROW}:${siteName}${last}`,
    sites.map(([n]) => [`${n} ${tag}`]),
  );
  await paste(
    page,
    `Sites!${siteCity}${ROW}:${siteCity}${last}`,
    sites.map(([, c]) => [c]),
  );
  const sitesRun = await validateThenImport("Sites", site[sheetMessages.statusHeader]!, last);
  expect(sitesRun.validated).toEqual(sites.map(() => sheetMessages.readyCreate));
  expect(sitesRun.imported).toEqual(sites.map(() => sheetMessages.created));
  const siteIds = (await columnValues(page, "Sites", site[sheetMessages.crmIdHeader]!, ROW, last)).map(
    String,
  );
  for (const siteId of siteIds) expect((await record(s, "sites", siteId)).values["billingCustomer"]).toBe(id);

  // The customer's City edited in its row, imported again: an update, nothing about multi-location.
  await showSheet(page, "Customers");
  await typeInto(page, `Customers!${city}${ROW}`, "Västerås");
  const again = await validateThenImport("Customers", status, ROW);
  expect(again.counts).toMatchObject({ [text.ready]: 1, [text.withErrors]: 0 });
  expect(again.validated).toEqual([sheetMessages.readyUpdateOf("City")]);
  expect(again.imported).toEqual([sheetMessages.updated]);
  const stored = (await record(s, "customers", id!)).values;
  expect(stored).toMatchObject({ name: customer, city: "Västerås" });
  expect(stored["multiLocation"] ?? false).toBe(false);
});
