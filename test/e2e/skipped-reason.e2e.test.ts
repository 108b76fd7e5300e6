/**
 * Issue 15: a skipped row says why. The CRM already holds a customer with a company's switchboard
 * number; a new row with the same Phone (written another way) is, at Validate, "Will skip" naming
 * that customer and the key it matched on; Import skips it with the same reason in its status, and
 * the summary counts it and lists it with that reason, beside the row that was created.
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
  importsBy,
  openSession,
  paneCounts,
  type Session,
} from "./session";
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
  s = await openSession("skipped reason");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
// A Stockholm number of this run's own, so no other flow's customer holds it.
const digits = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
const switchboard = { stored: `+4687${digits}`, written: `+46 8 7${digits.slice(0, 2)} ${digits.slice(2)}` };
const existing = { name: `Acme Group ${tag}`, customerNumber: `AG-${tag}` };
const [SAME_PHONE, FRESH] = [FIRST_DATA_ROW, FIRST_DATA_ROW + 1];

test("a row matching a customer on Phone: Validate says it will be skipped and why, Import does so and lists it", async () => {
  const { page, pane } = s;
  await connect(s);
  await createElsewhere(s, "customers", `Seed ${tag}`, [{ ...existing, phone: switchboard.stored }]);

  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await fieldColumns(page, "Customers");
  const [name, phone, email, status] = [
    col["Name"],
    col["Phone"],
    col["Email"],
    col[sheetMessages.statusHeader],
  ];
  expect([name, phone, email, status].every(Boolean)).toBe(true);
  await paste(page, `Customers!${name}${SAME_PHONE}:${name}${FRESH}`, [
    [`Acme Stockholm ${tag}`],
    [`Fresh Bakery ${tag}`],
  ]);
  await paste(page, `Customers!${phone}${SAME_PHONE}`, [[switchboard.written]]);
  await paste(page, `Customers!${email}${FRESH}`, [[`orders@fresh-${tag}.example`]]);

  const why = messages.matchesExisting("customer", `${existing.name} (${existing.customerNumber})`, "Phone");
  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  expect(await awaitValidated(pane, "Customers")).toMatchObject({
    [text.ready]: 1,
    [text.willBeSkipped]: 1,
    [text.withErrors]: 0,
  });
  const validated = await columnValues(page, "Customers", status!, SAME_PHONE, FRESH);
  expect(validated).toEqual([sheetMessages.willSkip(why), sheetMessages.readyCreate]);
  await s.snap("validated");

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("imported");
  const imported = await columnValues(page, "Customers", status!, SAME_PHONE, FRESH);
  expect(imported).toEqual([sheetMessages.skipped(why), sheetMessages.created]);
  expectFatesKept(validated, imported);

  // The summary counts the skipped row and lists it, with its reason: a list in the step, not a toast.
  expect(await paneCounts(pane)).toMatchObject({ [text.counts.created]: 1, [text.counts.skipped]: 1 });
  const skipped = pane.getByRole("region", { name: text.skippedRows });
  const items = skipped.getByRole("listitem");
  expect(await items.allInnerTexts()).toEqual([`Customers!${SAME_PHONE} ${why}`]);

  const [mine] = (await importsBy(s)).filter((i) => !i.dryRun);
  expect(mine?.counts).toMatchObject({ created: 1, skipped: 1, failed: 0 });
});
