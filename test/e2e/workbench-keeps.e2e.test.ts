/**
 * The workbench keeps its workbook and connection across a reload, the token outside the saved
 * workbook, and takes keyboard input and pasted text as Excel does.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { connect, openSession, type Session } from "./session";
import { cell, eventually, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("workbench keeps");
});
afterAll(async () => {
  await s?.close();
});

test("a typed and pasted workbook and the connection survive a reload", async () => {
  const { page, pane } = s;
  await connect(s);

  await cell(page, "Sheet1!A1").click();
  await page.keyboard.type("Rivera Coffee");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Stockholm");
  await page.keyboard.press("Enter");
  await eventually(() => values(page, "Sheet1!A1:B1")).toEqual([["Rivera Coffee", "Stockholm"]]);

  await cell(page, "Sheet1!A3").click();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "Blue Harbour\tBristol\r\nCafé Noir\tLyon\r\n");
    document.activeElement?.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true }),
    );
  });
  await eventually(() => values(page, "Sheet1!A3:B4")).toEqual([
    ["Blue Harbour", "Bristol"],
    ["Café Noir", "Lyon"],
  ]);

  await page.evaluate(() =>
    (window as unknown as { workbench: { keeper: { flush(): void } } }).workbench.keeper.flush(),
  );
  const kept = await page.evaluate(() => localStorage.getItem("crm-workbench:workbook:v1") ?? "");
  expect(kept).toContain("Café Noir");
  expect(kept).not.toContain(s.token);

  await page.reload();
  await pane.getByRole("heading", { name: text.startHeading }).waitFor({ timeout: 30_000 });
  expect(await values(page, "Sheet1!A1:B4")).toEqual([
    ["Rivera Coffee", "Stockholm"],
    ["", ""],
    ["Blue Harbour", "Bristol"],
    ["Café Noir", "Lyon"],
  ]);
});
