/**
 * Reading and typing the workbench's workbook from a test: cells through the grid (data-address,
 * data-fill, data-note) as a person sees them, bulk values through `window.workbench.book`.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { z } from "zod";
import { commandNames } from "../../src/commands/command-names";
import { sheetMessages } from "../../src/domain/sheet-messages";

/** The template's header row (row 1 holds each column's key word). */
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

const valuesSchema = z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])));
export type Values = z.infer<typeof valuesSchema>;

interface BookWindow {
  workbench: {
    book: {
      values(address: string): unknown;
      userEdit(address: string, value: unknown): Promise<void>;
      sheetNames(): string[];
    };
  };
}

export const cell = (page: Page, address: string): Locator => page.locator(`td[data-address="${address}"]`);

/** "A" for 0, "AD" for 29. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function values(page: Page, address: string): Promise<Values> {
  const raw = await page.evaluate((a) => (window as unknown as BookWindow).workbench.book.values(a), address);
  return valuesSchema.parse(raw);
}

export async function sheetNames(page: Page): Promise<string[]> {
  return z
    .array(z.string())
    .parse(await page.evaluate(() => (window as unknown as BookWindow).workbench.book.sheetNames()));
}

/** A block written as a user pasting it: the add-in's onChanged handlers see a user's edit. */
export async function paste(page: Page, address: string, grid: Values): Promise<void> {
  await page.evaluate(([a, g]) => (window as unknown as BookWindow).workbench.book.userEdit(a, g), [
    address,
    grid,
  ] as const);
}

/** The column letters of a template sheet, by header text ("Name *" -> "C"). */
export async function columnsOf(page: Page, sheet: string): Promise<Record<string, string>> {
  const [row = []] = await values(page, `${sheet}!A${HEADER_ROW}:BZ${HEADER_ROW}`);
  return Object.fromEntries(
    row.flatMap((header, i) => (header === "" ? [] : [[String(header), columnLetter(i)] as const])),
  );
}

/**
 * The column letters of a template sheet by field label, the header's markers left off ("Name *"
 * -> "Name", "Headquarters (multi-location)" -> "Headquarters").
 */
export async function fieldColumns(page: Page, sheet: string): Promise<Record<string, string>> {
  const markers = [sheetMessages.requiredMarker, sheetMessages.multiLocationMarker];
  const label = (header: string) =>
    markers.reduce((h, m) => (h.endsWith(m) ? h.slice(0, -m.length) : h), header);
  return Object.fromEntries(Object.entries(await columnsOf(page, sheet)).map(([h, c]) => [label(h), c]));
}

export async function showSheet(page: Page, sheet: string): Promise<void> {
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  await page.locator(`table[data-sheet="${sheet}"]`).waitFor();
}

/** Double-click, type, Enter: the grid's own editor, as a person types. */
export async function typeInto(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).dblclick();
  const editor = page.getByLabel(`Edit ${address}`, { exact: true });
  await editor.fill(text);
  await editor.press("Enter");
  await eventually(() => cell(page, address).textContent()).toBe(text);
}

/**
 * Clicks a ribbon button and answers the status line once its handler called completed(). The
 * watcher is in place before the click, so a fast command's "done" is not mistaken for the last one's.
 */
export async function clickRibbon(page: Page, command: string): Promise<string> {
  const settled = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const status = document.querySelector(".ribbon-status");
        if (!status) throw new Error("the ribbon has no status line");
        new MutationObserver((_, observer) => {
          if (!/^(done|failed)$/.test(status.getAttribute("data-status") ?? "")) return;
          observer.disconnect();
          resolve(status.textContent ?? "");
        }).observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
      }),
  );
  await page.locator(`.ribbon button[data-command="${command}"]`).click();
  return settled;
}

/** A column's values from row `first` to row `last` of a sheet (the status column, say), top to bottom. */
export async function columnValues(
  page: Page,
  sheet: string,
  column: string,
  first: number,
  last: number,
): Promise<Values[number]> {
  return (await values(page, `${sheet}!${column}${first}:${column}${last}`)).map(([v]) => v ?? null);
}

/**
 * The fate a row's status names, whether Validate wrote it (a prediction: "Ready: will create",
 * "Will skip: ...") or Import (an outcome: "Created", "Skipped: ..."). A row with errors is never
 * sent, so its "2 errors" stays and counts as failed, like "Will fail" and "Failed".
 */
export function fateOf(status: unknown): string {
  const s = String(status ?? "");
  const fates: [RegExp, string][] = [
    [/^(Ready: will create|Created)/, "created"],
    [/^(Ready: will update|Updated)/, "updated"],
    [/^(No changes|Unchanged)/, "unchanged"],
    [/^(Will skip|Skipped)/, "skipped"],
    [/^(Will fail|Failed|\d+ errors?$)/, "failed"],
    [/^Conflict/, "conflict"],
  ];
  return fates.find(([re]) => re.test(s))?.[1] ?? `unknown: ${s}`;
}

/**
 * What Validate said of each row is what Import did, row for row: will create -> created, will update
 * -> updated, will skip -> skipped, will fail -> failed. A status Import marked "the CRM changed since
 * Validate" has another fate than Validate's, so it fails here too: a flow that wants one says so.
 */
export function expectFatesKept(validated: readonly unknown[], imported: readonly unknown[]): void {
  expect(imported).toHaveLength(validated.length);
  expect(validated.map(fateOf).filter((f) => f.startsWith("unknown"))).toEqual([]);
  expect(imported.map((status, row) => `${row}: ${fateOf(status)}`)).toEqual(
    validated.map((status, row) => `${row}: ${fateOf(status)}`),
  );
}

/** expect.poll with a patience fit for a browser on a busy 2-core machine (vitest's default is 1 s). */
export const eventually = <T>(read: () => T | Promise<T>) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });

/**
 * New template from the ribbon, then `count` customers pasted into its Customers sheet (name and e-mail
 * from `row`), as a user fills a template in bulk. Returns the columns of Name, Email, CRM ID and Import
 * status.
 */
export async function templateWithCustomers(
  page: Page,
  count: number,
  row: (i: number) => readonly [name: string, email: string],
): Promise<{ name: string; email: string; crmId: string; status: string }> {
  expect(await clickRibbon(page, commandNames.newTemplate)).toMatch(/done/);
  await showSheet(page, "Customers");
  const col = await columnsOf(page, "Customers");
  const [name, email, crmId, status] = [col["Name *"], col["Email"], col["CRM ID"], col["Import status"]];
  if (!name || !email || !crmId || !status)
    throw new Error(`the template's Customers columns: ${JSON.stringify(col)}`);
  const last = FIRST_DATA_ROW + count - 1;
  const rows = Array.from({ length: count }, (_, i) => row(i));
  await paste(
    page,
    `Customers!${name}${FIRST_DATA_ROW}:${name}${last}`,
    rows.map(([n]) => [n]),
  );
  await paste(
    page,
    `Customers!${email}${FIRST_DATA_ROW}:${email}${last}`,
    rows.map(([, e]) => [e]),
  );
  return { name, email, crmId, status };
}
