/**
 * Signing in as a person does (issue 16): the CRM's address in the Connect step, the CRM's own
 * sign-in page in the dialog (a popup window on the workbench), an import, sign-out; then the
 * workbook is searched, every setting and every cell, for anything secret, and the refresh token
 * is shown to be revoked at the CRM.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { inject } from "vitest";
import { z } from "zod";
import { commandNames } from "../../src/commands/command-names";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, openSession, type Session } from "./session";
import { clickRibbon, columnsOf, eventually, showSheet, typeInto, values } from "./sheet";

const PASSWORD = "e2e sign-in password 42";
const tag = Date.now().toString(36);
const email = `signs.in.${tag}@e2e.example`;

let s: Session;
beforeAll(async () => {
  const { baseUrl, adminToken } = inject("e2e");
  const call = async (path: string, method: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  const user = z
    .object({ id: z.string() })
    .parse(await call("/users", "POST", { name: `Signs In ${tag}`, email, role: "importer" }));
  await call(`/users/${user.id}/password`, "PUT", { password: PASSWORD });
  s = await openSession("sign in import sign out");
});
afterAll(async () => {
  await s?.close();
});

const tokenAnswer = z.object({ access_token: z.string(), refresh_token: z.string() });

/** Every setting and every cell value of the simulated workbook, as text. */
async function everythingInTheWorkbook(session: Session): Promise<string[]> {
  return session.page.evaluate(() => {
    const book = (
      window as unknown as {
        workbench: {
          book: {
            settings: Map<string, unknown>;
            sheetNames(): string[];
            usedRange(sheet: string): string | null;
            values(address: string): unknown[][];
          };
        };
      }
    ).workbench.book;
    const found = [...book.settings.entries()].map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    for (const sheet of book.sheetNames()) {
      const used = book.usedRange(sheet);
      if (!used) continue;
      const address = used.includes("!") ? used : `'${sheet}'!${used}`;
      for (const row of book.values(address))
        for (const v of row) if (v !== null && v !== "") found.push(String(v));
    }
    return found;
  });
}

test("sign in through the CRM's page, import, sign out: the workbook holds no secret", async () => {
  const { page, pane, baseUrl } = s;
  const issued: string[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/oauth/token") && r.status() === 200)
      void r.json().then((body: unknown) => {
        const t = tokenAnswer.safeParse(body);
        if (t.success) issued.push(t.data.access_token, t.data.refresh_token);
      });
  });

  // The address as people type it for a local CRM: no scheme.
  await pane.getByLabel(text.crmUrl).fill(baseUrl.replace(/^http:\/\//, ""));
  const popupOpens = page.context().waitForEvent("page");
  await pane.getByRole("button", { name: text.signIn, exact: true }).click();
  const popup = await popupOpens;
  const popupLog: string[] = [];
  popup.on("console", (m) => popupLog.push(`${m.type()}: ${m.text()}`));
  popup.on("framenavigated", (f) => popupLog.push(`navigated: ${f.url().replace(/code=[^&]+/, "code=...")}`));
  await popup.getByLabel("E-mail").fill(email);
  await popup.getByLabel("Password").fill(PASSWORD);
  await popup.getByRole("button", { name: "Sign in" }).click();
  await popup.waitForEvent("close", { timeout: 60_000 }).catch((e: unknown) => {
    throw new Error(`The sign-in window stayed open:\n${popupLog.join("\n")}`, { cause: e });
  });
  await awaitStep(pane, text.startHeading, 20_000);
  await s.snap("signed-in");
  const stored = await page.evaluate(() => localStorage.getItem("crm-import.session"));
  const refreshToken = z
    .object({ kind: z.literal("sign-in"), refreshToken: z.string() })
    .parse(JSON.parse(stored ?? "null")).refreshToken;
  await eventually(() => issued.length).toBe(2);

  // An import with the signed-in session.
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, mail, crmId] = [col["Name *"], col["Email"], col["CRM ID"]];
  await typeInto(page, `Customers!${name}3`, `Signed In Traders ${tag}`);
  await typeInto(page, `Customers!${mail}3`, `hello@signed-in-${tag}.example`);
  await pane.getByRole("button", { name: text.useActiveSheet }).click();
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading);
  const [[id]] = (await values(page, `Customers!${crmId}3`)) as [[unknown]];
  expect(String(id)).toMatch(/^cus_/);
  expect((await values(page, `Customers!${col["Import status"]}3`))[0]![0]).toBe(sheetMessages.created);
  await s.snap("imported");

  // Sign out: back to Connect, the storage emptied, the refresh token revoked at the CRM.
  await pane.getByRole("button", { name: text.done }).click();
  await pane.getByRole("button", { name: text.signOut }).click();
  await awaitStep(pane, text.connectHeading);
  expect(await page.evaluate(() => localStorage.getItem("crm-import.session"))).toBeNull();
  const reuse = await fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: "crm-excel-addin",
    }),
  });
  expect(reuse.status).toBe(400);

  // Every setting and every cell: no token, no password, nothing that looks like one.
  const contents = await everythingInTheWorkbook(s);
  expect(contents.length).toBeGreaterThan(10);
  for (const secret of [...issued, refreshToken, PASSWORD])
    expect(contents.filter((c) => c.includes(secret))).toEqual([]);
  expect(contents.filter((c) => /crm_(at|rt|ac)_/.test(c))).toEqual([]);
});
