/**
 * Import three customers from the sheet, edit one of them elsewhere (another import through the API),
 * then History -> the import -> Revert: the dry run names the conflict, the revert deletes the other
 * two, and the sheet's rows say so (the deleted rows lose their CRM ID, so importing them again
 * creates them again).
 */
import { inject } from "vitest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { revertMessages } from "../../src/domain/revert-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, connect, importsBy, openSession, type Session } from "./session";
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

/** The CRM API as this session's user, from outside the pane. */
async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${inject("e2e").baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${s.token}`,
      "content-type": "application/json",
      "idempotency-key": crypto.randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

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
  const opened = await call("POST", "/imports", {
    sheet: "customers",
    duplicateAction: "update",
    source: `Elsewhere ${tag}`,
  });
  const other = (opened.body as { id: string }).id;
  const edit = await call("POST", `/imports/${other}/rows`, {
    rows: [
      {
        ref: "x",
        crmId: ids[1],
        values: { name: `Revert ${tag} 1`, email: `r1@revert-${tag}.example`, city: "Elsewhere" },
      },
    ],
  });
  expect(edit.status).toBe(200);
  expect((await call("POST", `/imports/${other}/finish`, {})).status).toBe(200);

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
  expect((await call("GET", `/customers/${ids[0]}`)).status).toBe(404);
  expect((await call("GET", `/customers/${ids[2]}`)).status).toBe(404);
  const kept = (await call("GET", `/customers/${ids[1]}`)).body as { values: Record<string, unknown> };
  expect(kept.values.city).toBe("Elsewhere");
  const detail = (await call("GET", `/imports/${mine!.id}`)).body as {
    revert: { counts: Record<string, number> };
  };
  expect(detail.revert.counts).toEqual({ deleted: 2, restored: 0, reversed: 0, conflict: 1 });
});
