/**
 * The ribbon's Validate and Import show their work in the pane (a ribbon button has no status line):
 * with the pane closed, Validate opens it on the error list; Import opens it on its progress, with
 * Cancel, while the CRM holds the rows. After the run-through the status area holds at most one
 * message per sheet, and none of them is stale.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { MAX_ROWS_PER_BATCH } from "../../src/domain/api";
import { messages } from "../../src/domain/messages";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, connect, importsBy, openSession, setGate, type Session } from "./session";
import { FIRST_DATA_ROW, clickRibbon, columnsOf, eventually, paste, showSheet, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("ribbon shows its work");
});
afterAll(async () => {
  if (s) await setGate(s, false);
  await s?.close();
});

const ROWS = 2 * MAX_ROWS_PER_BATCH;
const tag = Date.now().toString(36);
const LAST = FIRST_DATA_ROW + ROWS - 1;
const BAD = FIRST_DATA_ROW + 4;

test("ribbon Validate lands on the error list, ribbon Import on its progress; one message per sheet", async () => {
  const { page, pane } = s;
  // 2,000 rows keep the page busy for a while after each paste and command on a loaded machine.
  page.setDefaultTimeout(120_000);
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, status] = [col["Name *"], col["Email"], col["Import status"]];
  expect([name, email, status].every(Boolean)).toBe(true);
  const n = Array.from({ length: ROWS }, (_, i) => i);
  await paste(
    page,
    `Customers!${name}${FIRST_DATA_ROW}:${name}${LAST}`,
    n.map((i) => [`Ribbon ${tag} ${i}`]),
  );
  await paste(
    page,
    `Customers!${email}${FIRST_DATA_ROW}:${email}${LAST}`,
    n.map((i) => [FIRST_DATA_ROW + i === BAD ? "not-an-email" : `r${i}@ribbon-${tag}.example`]),
  );

  // The pane is closed; the ribbon's Validate opens it on the sheet's error list.
  await page.locator('.ribbon button[data-command="showTaskpane"]').click();
  await eventually(() => pane.isHidden()).toBe(true);
  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  await eventually(() => pane.isVisible()).toBe(true);
  await awaitStep(pane, text.validateHeading("Customers"), 120_000);
  const problems = pane.getByRole("region", { name: text.errorsByMessage });
  await eventually(() => problems.innerText()).toContain(messages.invalidEmail);
  await pane.getByRole("button", { name: text.goToCell(`Customers!${email}${BAD}`) }).waitFor();
  await s.snap("ribbon-validate");

  // Fixed, then the ribbon's Import: the pane shows its progress and Cancel while the CRM holds rows.
  await paste(page, `Customers!${email}${BAD}`, [[`fixed@ribbon-${tag}.example`]]);
  expect(await setGate(s, true)).toMatchObject({ closed: true, held: 0 });
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await awaitStep(pane, text.importHeading, 120_000);
  await pane.getByRole("button", { name: text.cancel }).waitFor();
  await eventually(async () => (await setGate(s, null)).held).toBeGreaterThan(0);
  await pane.getByText(text.rowsOf(0, ROWS)).waitFor();
  await s.snap("ribbon-import-progress");
  await setGate(s, false);
  await pane.getByRole("heading", { name: text.summaryHeading }).waitFor({ timeout: 120_000 });
  // The status area, read at once (a success expires after 8 s): at most one message per topic, the
  // import's result there, and the validation's "with errors" gone.
  const area = pane.getByRole("status", { name: text.statusArea });
  const topics = await area
    .locator("[data-topic]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-topic")));
  expect(new Set(topics).size).toBe(topics.length);
  const said = await area.innerText();
  expect(said).not.toContain(sheetMessages.validated("Customers", ROWS - 1, 1));
  expect(said).toContain(sheetMessages.imported("Customers", ROWS, 0, 0, 0));
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("ribbon-import-done");

  const [mine] = await importsBy(s);
  expect(mine?.counts).toMatchObject({ created: ROWS, failed: 0 });
  const statuses = (await values(page, `Customers!${status}${FIRST_DATA_ROW}:${status}${LAST}`)).map(
    ([v]) => v,
  );
  expect(statuses.every((v) => v === sheetMessages.created)).toBe(true);
});
