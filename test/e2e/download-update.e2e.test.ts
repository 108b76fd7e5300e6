/**
 * Download the CRM's customers from the pane, change one cell in the grid, Import from the ribbon:
 * only that row is sent, as an update, and the CRM holds the new value.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, connect, importsBy, openSession, record, type Session } from "./session";
import {
  FIRST_DATA_ROW,
  clickRibbon,
  columnsOf,
  eventually,
  sheetNames,
  showSheet,
  typeInto,
  values,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("download edit import");
});
afterAll(async () => {
  await s?.close();
});

/** A demo customer the API creates on its first start; no other e2e test changes it. */
const DEMO_CUSTOMER = "Nordic Bikes AB";

test("download, edit a cell, import updates that customer only", async () => {
  const { page, pane } = s;
  await connect(s);
  await pane.getByRole("button", { name: text.downloadSheet("customers") }).click();
  await awaitStep(pane, text.downloadDoneHeading);
  await eventually(() => sheetNames(page)).toContain("Customers");
  const col = await columnsOf(page, "Customers");
  const [name, city, crmId, status] = [col["Name *"], col["City"], col["CRM ID"], col["Import status"]];
  expect([name, city, crmId, status].every(Boolean)).toBe(true);
  await eventually(async () => (await values(page, `Customers!${name}${FIRST_DATA_ROW}`))[0]?.[0]).not.toBe(
    "",
  );
  await showSheet(page, "Customers");
  await s.snap("downloaded");

  const names = (await values(page, `Customers!${name}${FIRST_DATA_ROW}:${name}${FIRST_DATA_ROW + 199}`)).map(
    ([v]) => v,
  );
  const row = FIRST_DATA_ROW + names.indexOf(DEMO_CUSTOMER);
  expect(row).toBeGreaterThanOrEqual(FIRST_DATA_ROW);
  const [[id]] = (await values(page, `Customers!${crmId}${row}`)) as [[string]];
  const before = await record(s, "customers", id);
  const newCity = before.values.city === "Gothenburg" ? "Malmö" : "Gothenburg";

  await typeInto(page, `Customers!${city}${row}`, newCity);
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await eventually(async () => (await values(page, `Customers!${status}${row}`))[0]?.[0]).toBe(
    sheetMessages.updated,
  );
  await s.snap("imported");

  const [mine] = await importsBy(s);
  expect(mine?.counts).toMatchObject({ created: 0, updated: 1, failed: 0, conflict: 0 });
  const after = await record(s, "customers", id);
  expect(after.values.city).toBe(newCity);
  expect(after.values.name).toBe(DEMO_CUSTOMER);
  expect(after.version).toBeGreaterThan(before.version);
  // The sheet carries the CRM's new version, so the next edit of this row is not a stale one.
  const version = col["CRM version"];
  expect(version).toBeTruthy();
  expect(Number((await values(page, `Customers!${version}${row}`))[0]?.[0])).toBe(after.version);
});
