/**
 * Cancel in the middle of a 3,000-row import. The proxy holds the row batches, so Cancel is pressed
 * while exactly the first two batches (the client's two lanes) are in flight: they finish whole, the
 * third is never sent, and the sheet and the CRM agree on which rows were written.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_ROWS_PER_BATCH } from "../../src/domain/api";
import { messages } from "../../src/domain/messages";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, connect, importsBy, openSession, setGate, type Session } from "./session";
import { FIRST_DATA_ROW, eventually, templateWithCustomers, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("cancel import");
});
afterAll(async () => {
  if (s) await setGate(s, false);
  await s?.close();
});

const ROWS = 3 * MAX_ROWS_PER_BATCH;
const tag = Date.now().toString(36);
const LAST = FIRST_DATA_ROW + ROWS - 1;

test("Cancel stops after the batches in flight, with nothing half-written", async () => {
  const { page, pane } = s;
  await connect(s);
  const { crmId, status } = await templateWithCustomers(page, ROWS, (i) => [
    `Bulk ${tag} ${i}`,
    `b${i}@bulk-${tag}.example`,
  ]);

  await pane.getByRole("button", { name: text.useActiveSheet }).click();
  await awaitStep(pane, text.validateHeading("Customers"), 120_000);
  const ready = pane.getByRole("definition").nth(1);
  await eventually(() => ready.innerText()).toBe(ROWS.toLocaleString("en-US"));
  await pane.getByRole("button", { name: text.continueToOptions }).click();

  expect(await setGate(s, true)).toMatchObject({ closed: true, held: 0 });
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await eventually(async () => (await setGate(s, null)).held).toBe(2);
  await pane.getByRole("button", { name: text.cancel }).click();
  await pane.getByText(text.cancelling).waitFor();
  await s.snap("cancelling");
  const released = await setGate(s, false);
  expect(released.forwarded).toBe(2);
  await awaitStep(pane, text.summaryHeading, 120_000);
  await s.snap("cancelled");

  // The CRM wrote the two batches that were in flight, whole, and nothing of the third.
  expect((await setGate(s, null)).forwarded).toBe(2);
  const [mine] = await importsBy(s);
  expect(mine?.status).toBe("finished");
  expect(mine?.counts).toMatchObject({ created: 2 * MAX_ROWS_PER_BATCH, failed: 0, conflict: 0 });

  // The sheet agrees row for row: CRM IDs and "Created" up to the cancel point, "not sent" after it.
  const ids = (await values(page, `Customers!${crmId}${FIRST_DATA_ROW}:${crmId}${LAST}`)).map(([v]) => v);
  const statuses = (await values(page, `Customers!${status}${FIRST_DATA_ROW}:${status}${LAST}`)).map(([v]) =>
    String(v),
  );
  const cut = 2 * MAX_ROWS_PER_BATCH;
  expect(ids.slice(0, cut).every((id) => typeof id === "string" && id.length > 0)).toBe(true);
  expect(new Set(ids.slice(0, cut)).size).toBe(cut);
  expect(statuses.slice(0, cut).every((v) => v === sheetMessages.created)).toBe(true);
  expect(ids.slice(cut).every((id) => id === "")).toBe(true);
  expect(statuses.slice(cut).every((v) => v.includes(messages.crm.notSent))).toBe(true);
});
