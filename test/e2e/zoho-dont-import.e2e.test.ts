/**
 * Issue 15: "Don't import" is obeyed on a header that looks like one of our fields. A Zoho CRM
 * accounts export (its own header names) is opened from the pane; its "Record Id" (Zoho's id, not
 * ours) and "Account Type" (Zoho's list, not our Company/Individual) are set to "Don't import" on
 * the Map step. Validate then reads nothing from them: every row will be created (none is taken for
 * an update of a record named by Zoho's id), no cell of those columns is marked, and Import creates
 * the rows as Validate said, without a Type.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import {
  awaitStep,
  awaitValidated,
  connect,
  importsBy,
  openSession,
  paneCounts,
  record,
  type Session,
} from "./session";
import { cell, columnLetter, columnValues, eventually, expectFatesKept, sheetNames, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("zoho dont import");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
// Stockholm numbers of this run's own, so no other flow's customer matches them on Phone.
const digits = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
const header = [
  "Record Id",
  "Account Name",
  "Account Type",
  "Phone",
  "Website",
  "Billing City",
  "Billing Country",
];
const accounts = [
  [
    "zcrm_5725767000000412001",
    `Nordlys ${tag}`,
    "Customer",
    `+46 8 61${digits} 1`,
    "nordlys.example",
    "Stockholm",
    "Sweden",
  ],
  [
    "zcrm_5725767000000412002",
    `Fjord Foods ${tag}`,
    "Partner",
    `+46 8 61${digits} 2`,
    "",
    "Göteborg",
    "Sweden",
  ],
  [
    "zcrm_5725767000000412003",
    `Trey Research ${tag}`,
    "Reseller",
    `+46 8 61${digits} 3`,
    "trey.example",
    "Malmö",
    "Sweden",
  ],
];
const csv = [header, ...accounts].map((r) => r.join(",")).join("\r\n");
const fileName = `Accounts_${tag}.csv`;
const sheet = fileName.replace(/\.csv$/, "");
const [FIRST, LAST] = [2, 1 + accounts.length];

test("Record Id and Account Type set to Don't import: never read, every row created", async () => {
  const { page, pane } = s;
  await connect(s);
  await pane.getByLabel(text.csvFile).setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await pane.getByRole("button", { name: text.openFile }).click();
  await awaitStep(pane, text.mapHeading(sheet));
  await eventually(() => sheetNames(page)).toContain(sheet);

  const column = (h: string) => pane.getByLabel(text.column(h), { exact: true });
  await eventually(() => column("Account Name").inputValue()).toBe("name");
  expect(await column("Phone").inputValue()).toBe("phone");
  expect(await column("Billing City").inputValue()).toBe("city");
  expect(await column("Billing Country").inputValue()).toBe("country");
  // Record Id is Zoho's id, never proposed as our CRM ID. Account Type is our Type's alias by its
  // header alone; its values are Zoho's list. The user's choice, whatever was proposed: neither.
  expect(await column("Record Id").inputValue()).not.toBe("crmId");
  for (const h of ["Record Id", "Account Type"]) {
    await column(h).selectOption({ label: text.ignore });
    expect(await column(h).inputValue()).toBe("");
  }
  await s.snap("map");
  await pane.getByRole("button", { name: text.applyMapping }).click();

  // Validate: every row will be created; nothing is read from the two columns.
  const counts = await awaitValidated(pane, sheet);
  expect(counts).toMatchObject({ [text.ready]: 3, [text.withErrors]: 0, [text.willBeSkipped]: 0 });
  const [headers = []] = await values(page, `${sheet}!A1:${columnLetter(29)}1`);
  const status = columnLetter(headers.indexOf(sheetMessages.statusHeader));
  expect(headers.slice(0, header.length)).toEqual(header);
  const validated = await columnValues(page, sheet, status, FIRST, LAST);
  for (const v of validated) expect(String(v)).toMatch(new RegExp(`^${sheetMessages.readyCreate}`));
  for (const letter of ["A", "C"])
    for (let row = FIRST; row <= LAST; row++) {
      await eventually(() => cell(page, `${sheet}!${letter}${row}`).getAttribute("data-note")).toBe("");
      expect(await cell(page, `${sheet}!${letter}${row}`).getAttribute("data-fill")).toBe("");
    }
  await s.snap("validated");

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("imported");
  const imported = await columnValues(page, sheet, status, FIRST, LAST);
  expect(imported).toEqual(accounts.map(() => sheetMessages.created));
  expectFatesKept(validated, imported);
  expect(await paneCounts(pane)).toMatchObject({ [text.counts.created]: 3, [text.counts.failed]: 0 });

  // The CRM: three new customers, under ids of its own, none with a Type taken from Account Type.
  const [mine] = (await importsBy(s)).filter((i) => !i.dryRun);
  expect(mine?.counts).toMatchObject({ created: 3, updated: 0, failed: 0 });
  // Import gave the sheet a CRM ID column of its own, beside its result columns.
  const [after = []] = await values(page, `${sheet}!A1:${columnLetter(29)}1`);
  const crmId = columnLetter(after.indexOf(sheetMessages.crmIdHeader));
  expect(after.indexOf(sheetMessages.crmIdHeader)).toBeGreaterThan(header.length);
  const ids = (await columnValues(page, sheet, crmId, FIRST, LAST)).map(String);
  for (const [i, id] of ids.entries()) {
    expect(id).not.toMatch(/^zcrm_/);
    const stored = (await record(s, "customers", id)).values;
    expect(stored).toMatchObject({ name: accounts[i]![1], country: "SE" });
    expect(stored["type"] ?? null).toBeNull();
  }
});
