/**
 * The axe check that every e2e flow runs on each pane step (awaitStep) is not vacuous: the pane as
 * built passes it, and a control without a name, put into the pane, fails it with axe's rule.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { expectAccessiblePane, paneViolations } from "./accessibility";
import { openSession, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession("accessibility check");
});
afterAll(async () => {
  await s?.close();
});

test("axe passes the Connect step and fails a pane with an unnamed button", async () => {
  const { pane, page } = s;
  await pane.getByRole("heading", { name: text.connectHeading }).waitFor();
  expect(await paneViolations(pane)).toEqual([]);
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.className = "unnamed-probe";
    document.querySelector("#pane")?.append(button);
  });
  const found = await paneViolations(pane);
  expect(found.map((v) => v.id)).toContain("button-name");
  await expect(expectAccessiblePane(pane, "probe")).rejects.toThrow(/button-name/);
});
