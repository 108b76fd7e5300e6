/**
 * Issue 16's sign-in, end to end: the Connect step opens the CRM's sign-in page in the dialog (the
 * workbench's popup), the demo user signs in there, the popup closes by itself and the pane is
 * connected; a row is imported; Sign out revokes the sign-in. Then the workbook holds no secret:
 * every setting, every worksheet's custom properties, every cell's value and formula, every name,
 * and the workbook as the workbench saves it are read, and none holds the access token, the refresh
 * token, the sign-in code or the password.
 */
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { inject } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { OAUTH_CLIENT_ID } from "../../src/domain/oauth";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { DEMO_USER_EMAIL } from "../../src/server/demo";
import { signInMessages } from "../../src/server/sign-in-messages";
import { BOOK_KEY } from "../../workbench/persist";
import { SESSION_KEY } from "../../src/workflows/session";
import { awaitStep, openSession, type Session } from "./session";
import { clickRibbon, columnsOf, eventually, showSheet, typeInto, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("sign in import sign out", "?fresh");
});
afterAll(async () => {
  await s?.close();
});

/** Everything the workbook holds as text, read through the Excel API as an add-in (or a script) would. */
async function everythingInTheWorkbook(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    Excel.run(async (context) => {
      const found: string[] = [];
      const settings = context.workbook.settings;
      settings.load("items/key,items/value");
      const names = context.workbook.names;
      names.load("items/name,items/formula");
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      for (const item of settings.items) found.push(`setting ${item.key}=${JSON.stringify(item.value)}`);
      for (const name of names.items) found.push(`name ${name.name}=${String(name.formula)}`);
      const perSheet = sheets.items.map((sheet) => {
        const properties = sheet.customProperties;
        properties.load("items/key,items/value");
        const used = sheet.getUsedRangeOrNullObject();
        used.load("address,values,formulas");
        return { sheet, properties, used };
      });
      await context.sync();
      for (const { sheet, properties, used } of perSheet) {
        for (const p of properties.items) found.push(`property ${sheet.name}!${p.key}=${String(p.value)}`);
        if (used.isNullObject) continue;
        found.push(`cells ${used.address}=${JSON.stringify(used.values)}`);
        found.push(`formulas ${used.address}=${JSON.stringify(used.formulas)}`);
      }
      return found;
    }),
  );
}

function secretsOf(response: Response, secrets: Set<string>): void {
  void response
    .json()
    .then((body: { access_token?: unknown; refresh_token?: unknown }) => {
      for (const t of [body.access_token, body.refresh_token]) if (typeof t === "string") secrets.add(t);
    })
    .catch(() => undefined);
}

test("sign in through the dialog, import, sign out: the workbook holds no secret", async () => {
  const { page, pane, baseUrl } = s;
  const { demoPassword } = inject("e2e");
  // Every token the CRM hands this page, and the sign-in code the dialog carries back.
  const secrets = new Set<string>([demoPassword]);
  page.on("response", (r) => {
    if (r.url().includes("/oauth/token") && r.ok()) secretsOf(r, secrets);
  });

  await pane.getByRole("heading", { name: text.connectHeading }).waitFor();
  await pane.getByLabel(text.crmUrl).fill(baseUrl);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    pane.getByRole("button", { name: text.signIn, exact: true }).click(),
  ]);
  popup.on("framenavigated", (frame) => {
    const code = new URL(frame.url()).searchParams.get("code");
    if (frame === popup.mainFrame() && code) secrets.add(code);
  });
  await popup.getByRole("heading", { name: signInMessages.title }).waitFor();
  await popup.getByLabel(signInMessages.email).fill(DEMO_USER_EMAIL);
  await popup.getByLabel(signInMessages.password).fill(demoPassword);
  const closed = popup.waitForEvent("close");
  await popup.getByRole("button", { name: signInMessages.signIn, exact: true }).click();
  // The dialog hands the code to the pane and closes: nothing is left for the user to close.
  await closed;
  await awaitStep(pane, text.startHeading, 20_000);
  await s.snap("signed-in");
  // Two tokens from the code's exchange, and the code itself.
  await eventually(() => secrets.size).toBeGreaterThanOrEqual(4);

  // While signed in, the refresh token is in the add-in's own storage, outside the workbook.
  const stored = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  expect([...secrets].some((t) => stored?.includes(t))).toBe(true);

  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, status] = [col["Name *"], col["Email"], col["Import status"]];
  const tag = Date.now().toString(36);
  await typeInto(page, `Customers!${name}3`, `Signed In Traders ${tag}`);
  await typeInto(page, `Customers!${email}3`, `hello@signed-in-${tag}.example`);
  expect(await clickRibbon(page, commandNames.validate)).toMatch(/done/);
  await awaitStep(pane, text.validateHeading("Customers"));
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading);
  expect((await values(page, `Customers!${status}3`))[0]?.[0]).toBe(sheetMessages.created);
  await s.snap("imported");

  // The refresh token in use now (it rotates): Sign out must revoke this one.
  const current = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  const { refreshToken } = JSON.parse(current ?? "{}") as { refreshToken?: string };
  expect(refreshToken).toBeTruthy();
  secrets.add(refreshToken!);
  await pane.getByRole("button", { name: text.done }).click();
  await pane.getByRole("button", { name: text.signOut }).click();
  await awaitStep(pane, text.connectHeading);
  await s.snap("signed-out");

  // Sign out revoked the sign-in at the CRM: the refresh token no longer refreshes.
  const refreshed = await fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken!,
      client_id: OAUTH_CLIENT_ID,
    }),
  });
  expect(refreshed.status).toBe(400);
  expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();

  // The workbook, read whole: the import's data is there (the reading works), no secret is.
  const contents = await everythingInTheWorkbook(page);
  const everything = contents.join("\n");
  expect(everything).toContain(`Signed In Traders ${tag}`);
  expect(contents.some((c) => c.startsWith("property Customers!"))).toBe(true);
  await page.evaluate(() =>
    (window as unknown as { workbench: { keeper: { flush(): void } } }).workbench.keeper.flush(),
  );
  const saved = await page.evaluate((key) => localStorage.getItem(key), BOOK_KEY);
  expect(saved).toContain(`Signed In Traders ${tag}`);
  for (const secret of secrets) {
    expect(everything).not.toContain(secret);
    expect(saved).not.toContain(secret);
  }
});
