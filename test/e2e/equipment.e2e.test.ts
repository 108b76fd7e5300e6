/**
 * Issue 15, item 4: the Equipment sheet end to end in a real browser against the real CRM. A customer
 * and its site exist in the CRM (and another customer's site); New template makes the Equipment
 * sheet; rows typed for the customer and its site, one naming the other customer's site; Validate
 * says which will be created and which will fail and why (on the Site cell); Import does just that:
 * CRM IDs and statuses in the sheet, the failing row with its reason while the others import.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { messages } from "../../src/domain/messages";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import {
  awaitStep,
  awaitValidated,
  connect,
  createElsewhere,
  openSession,
  record,
  type Session,
} from "./session";
import {
  FIRST_DATA_ROW,
  cell,
  clickRibbon,
  columnValues,
  eventually,
  expectFatesKept,
  fieldColumns,
  paste,
  showSheet,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("equipment import");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const ROW = FIRST_DATA_ROW;
const LAST = ROW + 2;

test("equipment typed for a CRM customer and its site: validated, imported, one bad site failing with its reason", async () => {
  const { page, pane } = s;
  const [acme, bolt] = await createElsewhere(s, "customers", `equipment customers ${tag}`, [
    { name: `Acme Cooling ${tag}`, email: `office@acme-${tag}.example` },
    { name: `Bolt Foods ${tag}`, email: `office@bolt-${tag}.example` },
  ]);
  const [depot] = await createElsewhere(s, "sites", `equipment sites ${tag}`, [
    { billingCustomer: acme!, siteName: `Depot ${tag}` },
    { billingCustomer: bolt!, siteName: `Yard ${tag}` },
  ]);
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Equipment");
  const col = await fieldColumns(page, "Equipment");
  const at = (label: string) => {
    const c = col[label];
    if (!c) throw new Error(`no ${label} column in ${JSON.stringify(col)}`);
    return c;
  };
  const status = at(sheetMessages.statusHeader);
  const crmId = at(sheetMessages.crmIdHeader);
  const fill = (label: string, rows: (string | null)[]) =>
    paste(
      page,
      `Equipment!${at(label)}${ROW}:${at(label)}${LAST}`,
      rows.map((v) => [v ?? ""]),
    );
  await fill("Name", ["Rooftop chiller", "Cold room compressor", "Ice machine"]);
  await fill("Make", ["Daikin", "Bitzer", "Scotsman"]);
  await fill("Serial number", [`SN-${tag}-1`, `SN-${tag}-2`, `SN-${tag}-3`]);
  await fill("Install date", ["2024-03-01", "2023-06-15", "2025-01-10"]);
  await fill("Warranty expiry", ["2029-03-01", "2026-06-15", "2027-01-10"]);
  await fill("Customer", [`Acme Cooling ${tag}`, `Acme Cooling ${tag}`, `Acme Cooling ${tag}`]);
  // The third names a site of another customer: it must fail, and only it.
  await fill("Site", [`Depot ${tag}`, null, `Yard ${tag}`]);
  await s.snap("typed");

  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  await awaitValidated(pane, "Equipment");
  const why = messages.site.unresolved(`Yard ${tag}`);
  const validated = await columnValues(page, "Equipment", status, ROW, LAST);
  expect(validated).toEqual([
    sheetMessages.readyCreate,
    sheetMessages.readyCreate,
    sheetMessages.willFail(why),
  ]);
  await eventually(() => cell(page, `Equipment!${at("Site")}${LAST}`).getAttribute("data-note")).toContain(
    why,
  );
  await s.snap("validated");

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("imported");

  const imported = await columnValues(page, "Equipment", status, ROW, LAST);
  expectFatesKept(validated, imported);
  expect(imported).toEqual([sheetMessages.created, sheetMessages.created, sheetMessages.failed(why)]);
  const ids = (await columnValues(page, "Equipment", crmId, ROW, LAST)).map((v) => String(v ?? ""));
  expect(ids[0]).toMatch(/^equ_/);
  expect(ids[1]).toMatch(/^equ_/);
  expect(ids[2]).toBe("");
  const chiller = (await record(s, "equipment", ids[0]!)).values;
  expect(chiller).toMatchObject({
    name: "Rooftop chiller",
    customer: acme,
    site: depot,
    installDate: "2024-03-01",
    warrantyExpiry: "2029-03-01",
  });
  expect((await record(s, "equipment", ids[1]!)).values).toMatchObject({ customer: acme, make: "Bitzer" });
});
