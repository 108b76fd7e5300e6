/**
 * "Check this Excel" on the workbench: opened from the pane's menu before connecting, its probes run
 * against the simulated host, the scratch sheet is gone afterwards and the report reaches the clipboard.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { diagnosticMessages as text } from "../../src/domain/diagnostic-messages";
import { awaitStep, openSession, type Session } from "./session";
import { eventually, sheetNames } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("diagnostics");
});
afterAll(async () => {
  await s?.close();
});

test("Check this Excel runs every probe on the workbench and copies the report", async () => {
  const { page, pane, baseUrl } = s;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const before = await sheetNames(page);

  await pane.getByRole("button", { name: text.menu }).click();
  await page.getByRole("menuitem", { name: text.menuItem }).click();
  await awaitStep(pane, text.heading);
  await pane.getByRole("button", { name: text.run }).click();

  const list = pane.getByRole("list", { name: text.heading });
  await list.waitFor({ timeout: 60_000 });
  const statuses = await list
    .getByRole("listitem")
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute("data-probe"), li.getAttribute("data-status")]),
    );
  expect(Object.fromEntries(statuses)).toMatchObject({
    requirementSets: "pass",
    scratchSheet: "pass",
    formatBounded: "pass",
    notes: "pass",
    payload: "pass",
    textWrite: "pass",
    cleanup: "pass",
  });
  await s.snap("checked");
  await eventually(() => sheetNames(page)).toEqual(before);

  await pane.getByRole("button", { name: text.copy }).click();
  await pane.getByText(text.copied).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")[0]).toBe(text.reportTitle);
  expect(copied).toContain(`[PASS] ${text.probes.textWrite}: `);
  expect(copied).toContain("+44 20 7946 0958");
});
