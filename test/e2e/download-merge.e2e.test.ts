/**
 * Download over rows not yet imported (issue 15): the ribbon's Download customers opens the pane on a
 * question with the rows' count; Merge keeps every unsent row with its values where it was and adds
 * the CRM's customers below.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { awaitStep, connect, openSession, type Session } from "./session";
import { FIRST_DATA_ROW, clickRibbon, columnsOf, eventually, paste, showSheet, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("download merge");
});
afterAll(async () => {
  await s?.close();
});

/** A demo customer the API creates on its first start. */
const DEMO_CUSTOMER = "Nordic Bikes AB";
const tag = Date.now().toString(36);

test("Download over unsent rows asks first; Merge keeps them and adds the CRM's customers", async () => {
  const { page, pane } = s;
  await connect(s);
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, city, crmId] = [col["Name *"], col["Email"], col["City"], col["CRM ID"]];
  expect([name, email, city, crmId].every(Boolean)).toBe(true);
  const mine = [
    [`Unsent ${tag} A`, `a@unsent-${tag}.example`, "Visby"],
    [`Unsent ${tag} B`, `b@unsent-${tag}.example`, "Kiruna"],
  ];
  const last = FIRST_DATA_ROW + mine.length - 1;
  for (const [i, c] of [name, email, city].entries())
    await paste(
      page,
      `Customers!${c}${FIRST_DATA_ROW}:${c}${last}`,
      mine.map((r) => [r[i]!]),
    );

  expect(await clickRibbon(page, commandNames.downloadCustomers)).toMatch(/done/);
  await awaitStep(pane, text.downloadChoiceHeading("Customers"));
  await pane.getByText(text.downloadChoiceIntro({ unsent: 2, edited: 0 })).waitFor();
  await s.snap("asked");
  await pane.getByRole("button", { name: text.mergeAround }).click();
  await awaitStep(pane, text.downloadDoneHeading);
  await pane.getByText(text.keptRows({ unsent: 2, edited: 0 })).waitFor();
  await s.snap("merged");

  // The unsent rows: where they were, with their values, still without a CRM ID.
  for (const [k, row] of mine.entries()) {
    const at = FIRST_DATA_ROW + k;
    expect((await values(page, `Customers!${name}${at}`))[0]?.[0]).toBe(row[0]);
    expect((await values(page, `Customers!${email}${at}`))[0]?.[0]).toBe(row[1]);
    expect((await values(page, `Customers!${city}${at}`))[0]?.[0]).toBe(row[2]);
    expect((await values(page, `Customers!${crmId}${at}`))[0]?.[0]).toBe("");
  }
  // The CRM's customers below them, each with its CRM ID.
  const from = FIRST_DATA_ROW + mine.length;
  const to = FIRST_DATA_ROW + 400;
  const column = async (c: string) => (await values(page, `Customers!${c}${from}:${c}${to}`)).map(([v]) => v);
  await eventually(() => column(name!)).toContain(DEMO_CUSTOMER);
  const names = await column(name!);
  const ids = await column(crmId!);
  const filled = names.flatMap((n, i) => (n === "" ? [] : [ids[i]]));
  expect(filled.length).toBeGreaterThan(0);
  expect(filled.every((id) => typeof id === "string" && id !== "")).toBe(true);
  expect(names.filter((n) => String(n).startsWith(`Unsent ${tag}`))).toEqual([]);
});
