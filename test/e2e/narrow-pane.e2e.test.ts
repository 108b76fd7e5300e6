/**
 * The pane as narrow as Excel lets it be (320 px) on a 1366x768 screen, with a sheet name as long as
 * Excel allows and made of wide letters: no step scrolls sideways (the pane's scrollWidth is measured
 * on every step), and on Import options the Import button is in view without scrolling.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { awaitStep, connect, importsBy, openSession, type Session } from "./session";
import { eventually, sheetNames } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("narrow pane");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
/** 31 characters, Excel's longest sheet name, in the widest letters. */
const longName = `WWMWWMWWMWWMWWMWWMWWMW${tag}`.slice(0, 31);
const csv = ["Company,E-mail,Town", `Wide ${tag},wide@${tag}.example,Malmö`].join("\r\n");

test("at 320 px no step scrolls sideways, and Import is in view on Import options", async () => {
  const { page, pane } = s;
  await page.setViewportSize({ width: 1366, height: 768 });
  await pane.evaluate((el) => {
    (el as HTMLElement).style.boxSizing = "border-box";
    (el as HTMLElement).style.width = "320px";
    (el as HTMLElement).style.minWidth = "320px";
  });
  const fits = async (heading: string) => {
    await awaitStep(pane, heading, 120_000);
    const m = await pane.evaluate((el) => ({
      width: el.getBoundingClientRect().width,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      page: document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth,
      // What sticks out furthest, named in the failure.
      widest: [...el.querySelectorAll("*")]
        .map((e) => ({ right: e.getBoundingClientRect().right, html: e.outerHTML.slice(0, 160) }))
        .sort((x, y) => y.right - x.right)[0],
    }));
    expect(Math.round(m.width), heading).toBe(320);
    expect(m.scrollWidth, `${heading}: the pane scrolls sideways (${m.widest?.html})`).toBeLessThanOrEqual(
      m.clientWidth,
    );
    expect(m.page, `${heading}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  };

  await connect(s);
  await fits(text.startHeading);
  const before = await sheetNames(page);
  await pane.getByLabel(text.csvFile).setInputFiles({
    name: `${longName}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await pane.getByRole("button", { name: text.openFile }).click();
  await eventually(async () => (await sheetNames(page)).length).toBe(before.length + 1);
  const sheet = (await sheetNames(page)).find((n) => !before.includes(n))!;
  expect(sheet.length).toBeGreaterThanOrEqual(25);
  await fits(text.mapHeading(sheet));
  await s.snap("map-320");
  await pane.getByRole("button", { name: text.applyMapping }).click();
  await fits(text.validateHeading(sheet));
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await fits(text.optionsHeading);
  // Import is on screen with the pane scrolled to its top.
  await pane.evaluate((el) => (el.scrollTop = 0));
  const button = pane.getByRole("button", { name: text.startImport, exact: true });
  const [b, p] = [await button.boundingBox(), await pane.boundingBox()];
  expect(b && p).toBeTruthy();
  expect(b!.y + b!.height, "the Import button is below the fold").toBeLessThanOrEqual(p!.y + p!.height);
  expect(p!.y + p!.height).toBeLessThanOrEqual(768);
  // The README's pane picture (docs/screenshot-pane.png) is this file's pane half, copied.
  await s.snap("options-320");
  await button.click();
  await fits(text.summaryHeading);
  await pane.getByRole("button", { name: text.done }).click();
  await fits(text.startHeading);

  await pane.getByRole("button", { name: text.history }).click();
  await fits(text.historyHeading);
  const [mine] = await importsBy(s);
  expect(mine?.source).toBe(sheet);
  await pane.getByRole("listitem").first().getByRole("button").click();
  await eventually(() => pane.getByRole("region", { name: text.failuresHeading }).count()).toBe(0);
  await eventually(() => pane.getByText(text.noFailures).isVisible()).toBe(true);
  const detailHeading = await pane.getByRole("heading", { level: 2 }).innerText();
  expect(detailHeading).toContain(sheet);
  expect(detailHeading).toContain(s.userName);
  await fits(detailHeading);
  await s.snap("history-320");

  await pane.getByRole("button", { name: text.back }).click();
  await pane.getByRole("button", { name: text.back }).click();
  await fits(text.startHeading);
  await pane.getByRole("button", { name: text.downloadSheet("sites") }).click();
  await fits(text.downloadDoneHeading);
});
