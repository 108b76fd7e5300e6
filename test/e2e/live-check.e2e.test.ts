/**
 * Issue 18: a fixed cell loses its mark without a new Validate (the live check Validate starts), an
 * error is striped, and the ribbon's Clear marks takes the rest away.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { messages } from "../../src/domain/messages";
import { markStyles } from "../../src/excel/palette";
import { connect, openSession, type Session } from "./session";
import { cell, clickRibbon, columnsOf, eventually, showSheet, typeInto } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("live check");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);

test("a fixed cell loses its mark without a new Validate; Clear marks clears the rest", async () => {
  const { page } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email] = [col["Name *"], col["Email"]];
  await typeInto(page, `Customers!${name}3`, `Osprey Works ${tag}`);
  await typeInto(page, `Customers!${email}3`, "osprey.at.example");
  await typeInto(page, `Customers!${email}4`, `nameless-${tag}@example.com`);

  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  const badEmail = cell(page, `Customers!${email}3`);
  const noName = cell(page, `Customers!${name}4`);
  await eventually(() => badEmail.getAttribute("data-note")).toContain(messages.invalidEmail);
  await eventually(() => badEmail.getAttribute("data-fill")).toBe(markStyles.error.color);
  await eventually(() => badEmail.getAttribute("data-pattern")).toBe(markStyles.error.pattern);

  // Typed right, the cell loses its mark and note with no second Validate.
  await typeInto(page, `Customers!${email}3`, `hello@osprey-${tag}.example`);
  await eventually(() => badEmail.getAttribute("data-note")).toBe("");
  await eventually(() => badEmail.getAttribute("data-fill")).toBe("");
  await eventually(() => noName.getAttribute("data-note")).toContain(messages.clientNameRequired);
  await s.snapWorkbench("live-check");

  expect(await clickRibbon(page, commandNames.clearMarks)).toMatch(/done/);
  await eventually(() => noName.getAttribute("data-note")).toBe("");
  await eventually(() => noName.getAttribute("data-fill")).toBe("");
});
