/**
 * A CSV file from a European spreadsheet: semicolons between fields, commas inside them, accents.
 * Opened from the pane with the delimiter detected, its columns mapped, validated and imported.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { awaitStep, awaitValidated, connect, importsBy, openSession, type Session } from "./session";
import { columnLetter, columnValues, eventually, expectFatesKept, sheetNames, values } from "./sheet";

let s: Session;
beforeAll(async () => {
  s = await openSession("csv semicolon");
});
afterAll(async () => {
  await s?.close();
});

const tag = Date.now().toString(36);
const companies = [`Rivera Coffee, Import ${tag}`, `Café Noir ${tag}`, `Blue Harbour ${tag}`];
const csv = [
  "Company;E-mail;Phone;Town;Country;Internal notes",
  `${companies[0]};info@rivera-${tag}.example;+46 8 555 010 10;Stockholm;SE;call on Mondays, not Fridays`,
  `${companies[1]};bonjour@cafenoir-${tag}.example;;Lyon;FR;`,
  `${companies[2]};hello@blueharbour-${tag}.example;+44 20 7946 0958;Bristol;GB;VIP`,
].join("\r\n");
const fileName = `partners-${tag}.csv`;

test("a semicolon CSV is opened, mapped and imported", async () => {
  const { page, pane } = s;
  await connect(s);

  await pane.getByLabel(text.csvFile).setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await pane.getByRole("button", { name: text.openFile }).click();
  const sheet = fileName.replace(/\.csv$/, "");
  await awaitStep(pane, text.mapHeading(sheet));
  await eventually(() => sheetNames(page)).toContain(sheet);
  // The delimiter was left on Detect. Six columns, not one: the semicolons split them, and the
  // comma stayed inside its field.
  const [header = [], first = []] = await values(page, `${sheet}!A1:F2`);
  expect(header).toEqual(["Company", "E-mail", "Phone", "Town", "Country", "Internal notes"]);
  expect(first[0]).toBe(companies[0]);
  await s.snap("map");

  // The suggestions are accepted as they are: every column matched, "Internal notes" as Notes.
  const column = (header: string) => pane.getByLabel(text.column(header), { exact: true });
  await eventually(() => column("E-mail").inputValue()).toBe("email");
  expect(await column("Company").inputValue()).toBe("name");
  expect(await column("Phone").inputValue()).toBe("phone");
  expect(await column("Town").inputValue()).toBe("city");
  expect(await column("Country").inputValue()).toBe("country");
  expect(await column("Internal notes").inputValue()).toBe("notes");
  expect(await pane.getByText(/columns? not matched/).count()).toBe(0);
  await pane.getByRole("button", { name: text.applyMapping }).click();

  expect(await awaitValidated(pane, sheet)).toMatchObject({ [text.rows]: 3, [text.ready]: 3 });
  // Validate gave the sheet a labelled status column: what it says of each row, Import must do.
  const [labels = []] = await values(page, `${sheet}!A1:Z1`);
  const status = columnLetter(labels.indexOf(sheetMessages.statusHeader));
  const validated = await columnValues(page, sheet, status, 2, 4);
  await s.snap("validated");
  await pane.getByRole("button", { name: text.continueToOptions }).click();
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await awaitStep(pane, text.summaryHeading);
  await s.snap("imported");
  expectFatesKept(validated, await columnValues(page, sheet, status, 2, 4));

  const [mine] = await importsBy(s);
  expect(mine?.source).toBe(sheet);
  expect(mine?.counts).toMatchObject({ created: 3, failed: 0 });
  const rows = (await values(page, `${sheet}!A1:Z10`)).flat().map(String);
  for (const company of companies) expect(rows).toContain(company);
});
