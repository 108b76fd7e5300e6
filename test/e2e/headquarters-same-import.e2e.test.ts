/**
 * Issue 15: a headquarters created in the same import. Two multi-location branches name, as their
 * Headquarters, a company on a row of the same sheet, one above it and one below: Validate (the CRM's
 * dry run) says all three will be created, Import creates the headquarters first and both branches
 * linked to it, and the status Import wrote is, row for row, the fate Validate said.
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
const branches = [`Nordic Hotels Lund ${tag}`, `Nordic Hotels Malmö ${tag}`];
// The headquarters is the row between them.
const [ABOVE, BELOW] = [FIRST_DATA_ROW, FIRST_DATA_ROW + 2];

test("branches whose headquarters is a row below or above them: all will be created, all are, the branches linked", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await fieldColumns(page, "Customers");
  const status = col[sheetMessages.statusHeader]!;
  const crmId = col[sheetMessages.crmIdHeader]!;
  // Column by column, the rows: the Lund branch, the headquarters, the Malmö branch.
  const cells: [string, string, string, string][] = [
    ["Name", branches[0]!, hq, branches[1]!],
    ["Email", `lund@hotels-${tag}.example`, `hq@hotels-${tag}.example`, `malmo@hotels-${tag}.example`],
    ["Multi-location", sheetMessages.yes, "", sheetMessages.yes],
    ["Location name", "Lund", "", "Malmö"],
    ["Location code", "LUN", "", "MMA"],
    ["Headquarters", hq, "", hq],
  ];
  for (const [label, ...rows] of cells) {
    const c = col[label];
    expect(c, label).toBeTruthy();
    await paste(
      page,
      `Customers!${c}${ABOVE}:${c}${BELOW}`,
      rows.map((v) => [v]),
    );
  }

  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  const counts = await awaitValidated(pane, "Customers");
  expect(counts).toMatchObject({ [text.ready]: 3, [text.withErrors]: 0, [text.willBeSkipped]: 0 });
  const validated = await columnValues(page, "Customers", status, ABOVE, BELOW);
  expect(validated).toEqual([1, 2, 3].map(() => sheetMessages.readyCreate));
  await s.snap("validated");

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("imported");
  const imported = await columnValues(page, "Customers", status, ABOVE, BELOW);
  expect(imported).toEqual([1, 2, 3].map(() => sheetMessages.created));
  expectFatesKept(validated, imported);

  // The CRM: one import, all created, each branch under the headquarters created with it.
  const [mine] = (await importsBy(s)).filter((i) => !i.dryRun);
  expect(mine?.counts).toMatchObject({ created: 3, failed: 0, skipped: 0 });
  const [lundId, hqId, malmoId] = (await columnValues(page, "Customers", crmId, ABOVE, BELOW)).map(String);
  expect((await record(s, "customers", hqId!)).values["name"]).toBe(hq);
  for (const [i, id] of [lundId, malmoId].entries())
    expect((await record(s, "customers", id!)).values).toMatchObject({
      name: branches[i],
      multiLocation: true,
      headquarters: hqId,
    });
});
