/**
 * Import three customers from the sheet, edit one of them elsewhere (another import through the API),
 * then History -> the import -> Revert: the dry run names the conflict, the revert deletes the other
 * two, and the sheet's rows say so (the deleted rows lose their CRM ID, so importing them again
 * creates them again).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { revertMessages } from "../../src/domain/revert-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import {
  awaitStep,
  connect,
  exists,
  importDetail,
  importsBy,
  openSession,
  record,
  updateElsewhere,
  type Session,
} from "./session";
import { FIRST_DATA_ROW, clickRibbon, columnsOf, eventually, paste, showSheet, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("revert import");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const LAST = FIRST_DATA_ROW + 2;

test("revert from History: the edited record is a conflict, the others are deleted and the sheet says so", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, crmId, status] = [col["Name *"], col["Email"], col["CRM ID"], col["Import status"]];
  await paste(
    page,
    `Customers!${name}${FIRST_DATA_ROW}:${name}${LAST}`,
    [0, 1, 2].map((i) => [`Revert ${tag} ${i}`]),
  );
  await paste(
    page,
    `Customers!${email}${FIRST_DATA_ROW}:${email}${LAST}`,
    [0, 1, 2].map((i) => [`r${i}@revert-${tag}.example`]),
  );
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await eventually(async () =>
    (await values(page, `Customers!${status}${FIRST_DATA_ROW}:${status}${LAST}`)).map(([v]) => v),
  ).toEqual([sheetMessages.created, sheetMessages.created, sheetMessages.created]);
  const ids = (await values(page, `Customers!${crmId}${FIRST_DATA_ROW}:${crmId}${LAST}`)).map(([v]) =>
    String(v),
  );
  const [mine] = await importsBy(s);
  expect(mine?.counts.created).toBe(3);

  // Elsewhere: the second customer is changed by another import, through the API.
  await updateElsewhere(s, "customers", `Elsewhere ${tag}`, [
    {
      crmId: ids[1]!,
      values: { name: `Revert ${tag} 1`, email: `r1@revert-${tag}.example`, city: "Elsewhere" },
    },
  ]);

  // History -> the sheet's import -> Revert: the dry run first.
  // The ribbon's Import ran in the pane: from its summary, Done leads back to Start.
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
  await pane.getByRole("button", { name: revertMessages.revertButton }).click();
  await awaitStep(pane, revertMessages.revertHeading);
  const preview = revertMessages.preview({ deleted: 2, restored: 0, reversed: 0, conflict: 1 });
  await pane.getByText(preview).waitFor({ timeout: 60_000 });
  const conflicts = pane.getByRole("region", { name: revertMessages.conflictsHeading });
  await expect.poll(() => conflicts.innerText()).toContain(`Customers!${FIRST_DATA_ROW + 1}`);
  await s.snap("revert-dry-run");

  await pane.getByRole("button", { name: revertMessages.start }).click();
  await pane
    .getByText(revertMessages.done({ deleted: 2, restored: 0, reversed: 0, conflict: 1 }, 3))
    .waitFor({ timeout: 60_000 });
  await s.snap("reverted");

  // The sheet: deleted rows marked and without their CRM ID; the edited one says why it stays.
  const after = (await values(page, `Customers!${status}${FIRST_DATA_ROW}:${status}${LAST}`)).map(([v]) =>
    String(v),
  );
  expect(after[0]).toBe(revertMessages.statusDeleted);
  expect(after[2]).toBe(revertMessages.statusDeleted);
  expect(after[1]).toMatch(/^Not reverted: Changed since the import/);
  const idsAfter = (await values(page, `Customers!${crmId}${FIRST_DATA_ROW}:${crmId}${LAST}`)).map(([v]) =>
    String(v),
  );
  expect(idsAfter).toEqual(["", ids[1], ""]);

  // The CRM agrees: two gone, the edited one kept with its edit; the history shows the revert.
  expect(await exists(s, "customers", ids[0]!)).toBe(false);
  expect(await exists(s, "customers", ids[2]!)).toBe(false);
  const kept = await record(s, "customers", ids[1]!);
  expect(kept.values.city).toBe("Elsewhere");
  const detail = await importDetail(s, mine!.id);
  expect(detail.revert?.counts).toEqual({ deleted: 2, restored: 0, reversed: 0, conflict: 1 });
});
