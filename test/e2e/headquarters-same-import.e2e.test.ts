/**
 * Issue 15: a headquarters created in the same import. A multi-location branch names, as its
 * Headquarters, a company on a row below it in the same sheet: Validate (the CRM's dry run) says both
 * will be created, Import creates the headquarters first and the branch linked to it, and the status
 * Import wrote is, row for row, the fate Validate said.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, awaitValidated, connect, importsBy, openSession, record, type Session } from "./session";
import {
  FIRST_DATA_ROW,
  clickRibbon,
  columnValues,
  expectFatesKept,
  fieldColumns,
  paste,
  showSheet,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("headquarters same import");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const hq = `Nordic Hotels ${tag}`;
const branch = `Nordic Hotels Lund ${tag}`;
const [BRANCH, HQ] = [FIRST_DATA_ROW, FIRST_DATA_ROW + 1];

test("a branch whose headquarters is a row below it: both will be created, both are, the branch linked", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await fieldColumns(page, "Customers");
  const status = col[sheetMessages.statusHeader]!;
  const crmId = col[sheetMessages.crmIdHeader]!;
  const cells: [string, string, string][] = [
    ["Name", branch, hq],
    ["Email", `lund@hotels-${tag}.example`, `hq@hotels-${tag}.example`],
    ["Multi-location", sheetMessages.yes, ""],
    ["Location name", "Lund", ""],
    ["Location code", "LUN", ""],
    ["Headquarters", hq, ""],
  ];
  for (const [label, atBranch, atHq] of cells) {
    const c = col[label];
    expect(c, label).toBeTruthy();
    await paste(page, `Customers!${c}${BRANCH}:${c}${HQ}`, [[atBranch], [atHq]]);
  }

  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  const counts = await awaitValidated(pane, "Customers");
  expect(counts).toMatchObject({ [text.ready]: 2, [text.withErrors]: 0, [text.willBeSkipped]: 0 });
  const validated = await columnValues(page, "Customers", status, BRANCH, HQ);
  expect(validated).toEqual([sheetMessages.readyCreate, sheetMessages.readyCreate]);
  await s.snap("validated");

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("imported");
  const imported = await columnValues(page, "Customers", status, BRANCH, HQ);
  expect(imported).toEqual([sheetMessages.created, sheetMessages.created]);
  expectFatesKept(validated, imported);

  // The CRM: one import, both created, the branch under the headquarters created with it.
  const [mine] = (await importsBy(s)).filter((i) => !i.dryRun);
  expect(mine?.counts).toMatchObject({ created: 2, failed: 0, skipped: 0 });
  const [branchId, hqId] = (await columnValues(page, "Customers", crmId, BRANCH, HQ)).map(String);
  expect((await record(s, "customers", hqId!)).values["name"]).toBe(hq);
  expect((await record(s, "customers", branchId!)).values).toMatchObject({
    name: branch,
    multiLocation: true,
    headquarters: hqId,
  });
});
