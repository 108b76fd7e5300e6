/**
 * Issue 18, the conflict choice: two customers imported from the sheet are changed in the CRM behind
 * the user's back (another import through the API), the user edits the same rows and imports: both
 * are conflicts, coloured, with the whole status in the cell's note, and the Import summary lists
 * each with the user's value beside the CRM's. Take theirs writes the CRM's value into one row; Keep
 * mine on the other, then Import again, sends the user's value over the CRM's.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { markStyles } from "../../src/excel/palette";
import { awaitStep, connect, importsBy, openSession, record, updateElsewhere, type Session } from "./session";
import {
  FIRST_DATA_ROW,
  cell,
  clickRibbon,
  columnsOf,
  eventually,
  paste,
  showSheet,
  typeInto,
  values,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("conflict choice");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const [A, B] = [FIRST_DATA_ROW, FIRST_DATA_ROW + 1];
const names = [`Conflict ${tag} A`, `Conflict ${tag} B`];
const emails = [`a@conflict-${tag}.example`, `b@conflict-${tag}.example`];

/** Someone else changes both customers' city in the CRM: an import of their own, through the API. */
async function editElsewhere(ids: readonly string[], city: string): Promise<void> {
  await updateElsewhere(
    s,
    "customers",
    `Elsewhere ${tag}`,
    ids.map((crmId, i) => ({ crmId, values: { name: names[i]!, email: emails[i]!, city } })),
  );
}

test("a row changed in the CRM since the import: mine beside theirs, Take theirs on one, Keep mine and import the other", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, city, crmId, status] = [
    col["Name *"],
    col["Email"],
    col["City"],
    col["CRM ID"],
    col["Import status"],
  ];
  expect([name, email, city, crmId, status].every(Boolean)).toBe(true);
  await paste(
    page,
    `Customers!${name}${A}:${name}${B}`,
    names.map((n) => [n]),
  );
  await paste(
    page,
    `Customers!${email}${A}:${email}${B}`,
    emails.map((e) => [e]),
  );
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await awaitStep(pane, text.summaryHeading, 120_000);
  await eventually(async () =>
    (await values(page, `Customers!${status}${A}:${status}${B}`)).map(([v]) => v),
  ).toEqual([sheetMessages.created, sheetMessages.created]);
  const ids = (await values(page, `Customers!${crmId}${A}:${crmId}${B}`)).map(([v]) => String(v));
  await pane.getByRole("button", { name: text.done }).click();
  await awaitStep(pane, text.startHeading);

  // Behind the user's back, then the user's own edit of the same rows.
  const theirs = `Elsewhere ${tag}`;
  await editElsewhere(ids, theirs);
  await typeInto(page, `Customers!${city}${A}`, "Mine A");
  await typeInto(page, `Customers!${city}${B}`, "Mine B");
  await clickRibbon(page, commandNames.import);
  await awaitStep(pane, text.summaryHeading, 120_000);

  // The sheet: both rows are conflicts, the differing cell coloured with the CRM's value in its note,
  // and the status (longer than its column) whole in the status cell's note.
  const statuses = (await values(page, `Customers!${status}${A}:${status}${B}`)).map(([v]) => String(v));
  for (const [i, row] of [A, B].entries()) {
    expect(statuses[i]).toMatch(/^Conflict: /);
    await eventually(() => cell(page, `Customers!${status}${row}`).getAttribute("data-note")).toBe(
      statuses[i],
    );
    const mine = cell(page, `Customers!${city}${row}`);
    await eventually(() => mine.getAttribute("data-fill")).toBe(markStyles.conflict.color);
    await eventually(() => mine.getAttribute("data-note")).toBe(sheetMessages.conflictCell(theirs));
  }
  const [mineA] = await importsBy(s);
  expect(mineA?.counts).toMatchObject({ created: 0, updated: 0, conflict: 2 });

  // The summary: each row with the user's value beside the CRM's.
  const conflicts = pane.getByRole("region", { name: text.conflictsHeading });
  const rowA = conflicts.getByRole("listitem", { name: text.conflictRow(names[0]!, A) });
  const rowB = conflicts.getByRole("listitem", { name: text.conflictRow(names[1]!, B) });
  await rowA.waitFor();
  expect(await rowA.locator('[data-side="mine"]').allInnerTexts()).toEqual(["Mine A"]);
  expect(await rowA.locator('[data-side="theirs"]').allInnerTexts()).toEqual([theirs]);
  expect(await rowB.locator('[data-side="mine"]').allInnerTexts()).toEqual(["Mine B"]);
  await s.snap("conflicts");

  // Take theirs on A: the CRM's value in the cell, the mark gone, the status says so.
  await rowA.getByRole("button", { name: text.takeTheirs }).click();
  await rowA.waitFor({ state: "detached" });
  await eventually(async () => (await values(page, `Customers!${city}${A}`))[0]?.[0]).toBe(theirs);
  expect((await values(page, `Customers!${status}${A}`))[0]?.[0]).toBe(sheetMessages.tookTheirs);
  await eventually(() => cell(page, `Customers!${city}${A}`).getAttribute("data-fill")).toBe("");
  await eventually(() => cell(page, `Customers!${city}${A}`).getAttribute("data-note")).toBe("");

  // Keep mine on B: the user's value stays; the list is settled.
  await rowB.getByRole("button", { name: text.keepMine }).click();
  await rowB.waitFor({ state: "detached" });
  await awaitStep(pane, text.summaryHeading);
  await eventually(async () => (await values(page, `Customers!${status}${B}`))[0]?.[0]).toBe(
    sheetMessages.keptMine,
  );
  // Longer than its column: the whole status is in the cell's note too.
  await eventually(() => cell(page, `Customers!${status}${B}`).getAttribute("data-note")).toBe(
    sheetMessages.keptMine,
  );
  expect((await values(page, `Customers!${city}${B}`))[0]?.[0]).toBe("Mine B");
  await eventually(() => cell(page, `Customers!${city}${B}`).getAttribute("data-fill")).toBe("");
  await s.snapWorkbench("conflict-settled");

  // Import again: B goes over the CRM's newer version; A keeps the CRM's value.
  await pane.getByRole("button", { name: text.done }).click();
  await awaitStep(pane, text.startHeading);
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await awaitStep(pane, text.summaryHeading, 120_000);
  await eventually(async () => (await values(page, `Customers!${status}${B}`))[0]?.[0]).toBe(
    sheetMessages.updated,
  );
  expect((await record(s, "customers", ids[1]!)).values.city).toBe("Mine B");
  expect((await record(s, "customers", ids[0]!)).values.city).toBe(theirs);
  // The short status took the place of the long one, and its note went with it.
  await eventually(() => cell(page, `Customers!${status}${B}`).getAttribute("data-note")).toBe("");
  const [again] = await importsBy(s);
  expect(again?.counts.conflict).toBe(0);
});
