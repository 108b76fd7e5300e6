/**
 * The main flow in a real browser against the real CRM: a new template, rows typed into the grid
 * (some bad), Validate from the ribbon (the pane opens on its error list), the marks on the cells and
 * the problems in the pane, one
 * fixed, the import from the pane, statuses and CRM IDs written back, and the import in History.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { messages } from "../../src/domain/messages";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, awaitValidated, connect, importsBy, openSession, type Session } from "./session";
import {
  cell,
  clickRibbon,
  columnValues,
  columnsOf,
  eventually,
  expectFatesKept,
  showSheet,
  typeInto,
  values,
} from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("template validate import");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const rows = [
  { name: `Fjord Traders ${tag}`, email: `sales@fjord-${tag}.example` },
  { name: `Kestrel Logistics ${tag}`, email: "kestrel.at.example" },
  { name: "", email: `hello@nameless-${tag}.example` },
  { name: `Linden Bakery ${tag}`, email: `orders@linden-${tag}.example` },
];

test("new template, typed rows, validate, fix, import, history", async () => {
  const { page, pane } = s;
  await connect(s);
  await s.snap("connected");

  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, status, crmId] = [col["Name *"], col["Email"], col["Import status"], col["CRM ID"]];
  expect([name, email, status, crmId].every(Boolean)).toBe(true);

  for (const [i, row] of rows.entries()) {
    if (row.name) await typeInto(page, `Customers!${name}${3 + i}`, row.name);
    await typeInto(page, `Customers!${email}${3 + i}`, row.email);
  }
  await s.snap("typed");

  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  const badEmail = cell(page, `Customers!${email}4`);
  const noName = cell(page, `Customers!${name}5`);
  await eventually(() => badEmail.getAttribute("data-note")).toContain(messages.invalidEmail);
  await eventually(() => badEmail.getAttribute("data-fill")).toMatch(/^#[0-9A-F]{6}$/i);
  await eventually(() => noName.getAttribute("data-note")).toContain(messages.clientNameRequired);
  await eventually(() => noName.getAttribute("data-fill")).toMatch(/^#[0-9A-F]{6}$/i);
  await eventually(() => cell(page, `Customers!${email}3`).getAttribute("data-note")).toBe("");

  // The ribbon's Validate lands the pane on its error list (a ribbon button has no status line):
  // counts and the problems grouped by message, each cell a link.
  await pane.getByRole("heading", { name: text.validateHeading("Customers") }).waitFor();
  const problems = pane.getByRole("region", { name: text.errorsByMessage });
  await problems.waitFor();
  await eventually(() => problems.innerText()).toContain(messages.invalidEmail);
  expect(await problems.innerText()).toContain(messages.clientNameRequired);
  await pane.getByRole("button", { name: text.goToCell(`Customers!${email}4`) }).waitFor();
  await pane.getByRole("button", { name: text.goToCell(`Customers!${name}5`) }).waitFor();
  await s.snap("validated");
  // The README's picture (docs/screenshot-workbench.png) is this file, copied.
  await s.snapWorkbench("validated");

  // A click on the error selects its cell in the grid.
  await pane.getByRole("button", { name: text.goToCell(`Customers!${email}4`) }).click();
  await eventually(() => badEmail.getAttribute("class")).toContain("selected");

  // Fix the e-mail, validate again: that mark goes, the missing name stays.
  await typeInto(page, `Customers!${email}4`, `ops@kestrel-${tag}.example`);
  await pane.getByRole("button", { name: text.validate, exact: true }).click();
  await eventually(() => badEmail.getAttribute("data-note")).toBe("");
  await eventually(() => problems.innerText()).not.toContain(messages.invalidEmail);
  await eventually(() => noName.getAttribute("data-note")).toContain(messages.clientNameRequired);
  await s.snap("fixed");
  // What this Validate said of each row (the CRM's dry run included): the import must do just that.
  const validated = await awaitValidated(pane, "Customers").then(() =>
    columnValues(page, "Customers", status!, 3, 6),
  );
  expect(validated).toEqual([
    sheetMessages.readyCreate,
    sheetMessages.readyCreate,
    sheetMessages.errors(1),
    sheetMessages.readyCreate,
  ]);

  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading);
  await s.snap("imported");

  const statuses = await columnValues(page, "Customers", status!, 3, 6);
  expectFatesKept(validated, statuses);
  const ids = (await values(page, `Customers!${crmId}3:${crmId}6`)).map(([v]) => String(v));
  expect(statuses[0]).toBe(sheetMessages.created);
  expect(statuses[1]).toBe(sheetMessages.created);
  expect(statuses[3]).toBe(sheetMessages.created);
  expect(ids[2]).toBe("");
  expect(new Set([ids[0], ids[1], ids[3]].filter((id) => id && id.length > 3)).size).toBe(3);

  const [mine] = await importsBy(s);
  expect(mine?.counts).toMatchObject({ created: 3, updated: 0, failed: 0 });

  // History lists it, by this user, with its counts; opening it shows no failed row.
  await pane.getByRole("button", { name: text.done }).click();
  await pane.getByRole("button", { name: text.history }).click();
  await pane.getByRole("heading", { name: text.historyHeading }).waitFor();
  // By the user's name, never their id.
  expect(mine?.createdByName).toBe(s.userName);
  const entry = pane.getByRole("listitem").filter({ hasText: s.userName });
  await eventually(() => entry.count()).toBe(1);
  expect(await entry.innerText()).not.toContain(s.userId);
  expect(await entry.innerText()).toContain(text.importCounts(3, 0, 0));
  await s.snap("history");
  await entry.getByRole("button").click();
  await pane.getByText(text.noFailures).waitFor();
});
