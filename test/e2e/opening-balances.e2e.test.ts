/**
 * Opening balances in the pane (issue 15): two customers imported with opening balances, then
 * History -> the import lists them; one's ledger opens with the balance after its entry; Delete,
 * confirmed, removes both; and the menu's Customer ledger shows the selected row's customer, now
 * with no entries.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { balanceMessages } from "../../src/domain/balance-messages";
import { diagnosticMessages } from "../../src/domain/diagnostic-messages";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { expectAccessiblePane } from "./accessibility";
import { awaitStep, connect, openSession, type Session } from "./session";
import {
  FIRST_DATA_ROW,
  cell,
  clickRibbon,
  eventually,
  fieldColumns,
  paste,
  showSheet,
  values,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("opening balances");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const LAST = FIRST_DATA_ROW + 1;

test("History lists an import's opening balances, opens a ledger, deletes them; the menu's ledger follows the selected row", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await fieldColumns(page, "Customers");
  const [name, email, balance, date, status] = [
    col["Name"],
    col["Email"],
    col["Opening balance"],
    col["Opening balance date"],
    col["Import status"],
  ];
  const names = [`Ledger ${tag} A`, `Ledger ${tag} B`];
  await paste(
    page,
    `Customers!${name}${FIRST_DATA_ROW}:${name}${LAST}`,
    names.map((n) => [n]),
  );
  await paste(
    page,
    `Customers!${email}${FIRST_DATA_ROW}:${email}${LAST}`,
    [0, 1].map((i) => [`l${i}@ledger-${tag}.example`]),
  );
  await paste(page, `Customers!${balance}${FIRST_DATA_ROW}:${balance}${LAST}`, [[1250.5], [40]]);
  await paste(page, `Customers!${date}${FIRST_DATA_ROW}:${date}${LAST}`, [["2026-03-01"], ["2026-03-02"]]);
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await eventually(async () =>
    (await values(page, `Customers!${status}${FIRST_DATA_ROW}:${status}${LAST}`)).map(([v]) => v),
  ).toEqual([sheetMessages.created, sheetMessages.created]);

  await awaitStep(pane, text.summaryHeading, 120_000);
  await pane.getByRole("button", { name: text.done }).click();
  await pane.getByRole("button", { name: text.history }).click();
  await awaitStep(pane, text.historyHeading);
  await pane
    .getByRole("button", { name: /^Open the import of/ })
    .filter({ hasText: "Customers" })
    .filter({ hasText: s.userName })
    .first()
    .click();
  const part = pane.getByRole("region", { name: balanceMessages.balancesHeading });
  await expect
    .poll(() => part.getByRole("listitem").allInnerTexts(), { timeout: 30_000 })
    .toEqual([
      expect.stringContaining(`${names[0]}: 1,250.50 on 2026-03-01`),
      expect.stringContaining(`${names[1]}: 40.00 on 2026-03-02`),
    ]);
  await expectAccessiblePane(pane, "an import's opening balances");
  await s.snap("opening-balances");

  // A balance opens its customer's ledger; Back returns to the import.
  await part.getByRole("button", { name: balanceMessages.showLedger(names[0]!) }).click();
  const ledger = pane.getByRole("list", { name: balanceMessages.ledgerHeading(names[0]!) });
  await expect
    .poll(() => ledger.getByRole("listitem").allInnerTexts(), { timeout: 30_000 })
    .toEqual([expect.stringMatching(/^2026-03-01 Opening balance\s+Debit 1,250\.50 · Balance 1,250\.50$/)]);
  await expectAccessiblePane(pane, "a customer's ledger");
  await pane.getByRole("button", { name: text.back }).click();

  // Delete, confirmed in place: both go.
  await part.getByRole("button", { name: balanceMessages.removeButton(2) }).click();
  await part.getByRole("button", { name: balanceMessages.confirmRemove }).click();
  await part.getByText(balanceMessages.removed(2, 0)).waitFor({ timeout: 30_000 });
  await part.getByText(balanceMessages.noBalances).waitFor();

  // The menu's ledger, for the selected row's customer: no entries left.
  await cell(page, `Customers!${name}${FIRST_DATA_ROW + 1}`).click();
  await pane.getByRole("button", { name: diagnosticMessages.menu }).click();
  await page.getByRole("menuitem", { name: balanceMessages.ledgerMenu }).click();
  await pane.getByRole("button", { name: balanceMessages.selectedRow }).click();
  await pane
    .getByRole("heading", { name: balanceMessages.ledgerHeading(names[1]!) })
    .waitFor({ timeout: 30_000 });
  await pane.getByText(balanceMessages.noEntries).waitFor();
});
