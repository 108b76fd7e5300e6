// One truth for a row's fate: Validate asks the CRM's dry run what each row would become, and
// Import's outcome then matches it row for row (unless the CRM changed in between, which the row says).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CrmClient } from "../../src/client";
import { catalogOf, messages, type RecordValues, type SheetDef } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { getState, importSheet, newTemplate, resetStore, validateSheet } from "../../src/workflows";
import type { SimWorkbook } from "../../workbench/excel-sim";
import { expectFatesKept, fateOf } from "../e2e/sheet";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";
import { colOf, statusCol, typeRow } from "./sheet";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

/** Seeds the CRM with customers, as another user's earlier import would have. */
async function seed(client: CrmClient, rows: RecordValues[]) {
  const opened = await client.createImport({ sheet: "customers" });
  const results = await client.sendBatch(
    opened.id,
    rows.map((values, i) => ({ ref: `seed${i}`, values })),
  );
  await client.finishImport(opened.id);
  return results;
}

interface Scenario {
  book: SimWorkbook;
  client: CrmClient;
  deps: { env: ReturnType<typeof simEnv>["env"]; client: CrmClient };
  sheet: SheetDef;
  cell: (key: string, row: number) => string;
  status: (row: number) => unknown;
}

async function scenario(
  kind: "customers" | "contacts" | "sites" = "customers",
  locale?: string,
): Promise<Scenario> {
  const client = await crm.newClient();
  const { book, env } = simEnv("1.18", locale ? { locale } : {});
  const deps = { env, client };
  await newTemplate(deps, ["customers", "contacts", "sites"]);
  const sheet = catalogOf(getState().schema!)[kind];
  return {
    book,
    client,
    deps,
    sheet,
    cell: (key, row) => `${sheet.title}!${colOf(sheet, key)}${row}`,
    status: (row) => book.cell(`${sheet.title}!${statusCol(sheet)}${row}`).value,
  };
}

/**
 * Validate, then Import: each row's fate the same in both, and the statuses of both returned.
 * `between` looks at the sheet as Validate left it.
 */
async function validateThenImport(s: Scenario, rows: number[], between: () => void = () => {}) {
  await validateSheet(s.deps, { sheet: s.sheet.title });
  const said = rows.map(s.status);
  between();
  await importSheet(s.deps, { sheet: s.sheet.title });
  const wrote = rows.map(s.status);
  expectFatesKept(said, wrote);
  return { said, wrote };
}

const branch = (name: string, hq: string, code: string) => ({
  name,
  email: `${code}@hotels.example`,
  multiLocation: "Yes",
  locationName: name,
  locationCode: code,
  headquarters: hq,
});

describe("Validate asks the CRM, and Import does what it said", () => {
  it("a headquarters created in the same import, on a row below its branch: both created, the branch linked", async () => {
    const s = await scenario();
    await typeRow(s.book, s.sheet, 3, branch("Nordic Hotels Lund", "Nordic Hotels", "LUN"));
    await typeRow(s.book, s.sheet, 4, { name: "Nordic Hotels", email: "hq@hotels.example" });

    const { said, wrote } = await validateThenImport(s, [3, 4]);

    expect(said).toEqual([text.readyCreate, text.readyCreate]);
    expect(wrote).toEqual([text.created, text.created]);
    const hq = s.book.cell(s.cell("crmId", 4)).value;
    const stored = await s.client.listAllRecords("customers");
    expect(stored.find((r) => r.values.name === "Nordic Hotels Lund")?.values.headquarters).toBe(hq);
  });

  it("a headquarters only the CRM holds is found by asking it; one nobody holds fails on its cell", async () => {
    const s = await scenario();
    await seed(s.client, [{ name: "Old HQ", email: "old@hq.example" }]);
    await typeRow(s.book, s.sheet, 3, branch("Old HQ Malmö", "Old HQ", "MAL"));
    await typeRow(s.book, s.sheet, 4, branch("Lost branch", "Nobody", "LOST"));

    const why = messages.referenceUnresolved("Headquarters", "Nobody");
    const { said, wrote } = await validateThenImport(s, [3, 4], () =>
      expect(s.book.cell(s.cell("headquarters", 4)).note).toBe(why),
    );

    expect(said).toEqual([text.readyCreate, text.willFail(why)]);
    expect(wrote[0]).toBe(text.created);
    expect(wrote[1]).toBe(text.failed(why));
  });

  it("a row matching a customer on Phone says it will be skipped and why; the summary counts it", async () => {
    const s = await scenario();
    await seed(s.client, [{ name: "Acme AB", customerNumber: "CUST-12", phone: "+46812345678" }]);
    await typeRow(s.book, s.sheet, 3, { name: "Switchboard AB", phone: "+46 8 123 456 78" });
    await typeRow(s.book, s.sheet, 4, { name: "Fresh AB", email: "fresh@example.com" });

    const { said, wrote } = await validateThenImport(s, [3, 4]);

    const why = messages.matchesExisting("customer", "Acme AB (CUST-12)", "Phone");
    expect(said).toEqual([text.willSkip(why), text.readyCreate]);
    expect(wrote).toEqual([text.skipped(why), text.created]);
    expect(getState().summary).toMatchObject({ created: 1, skipped: 1 });
    // The summary lists it with why, as the pane shows it (the first few dozen, in sheet order).
    expect(getState().summary?.skippedRows).toEqual([{ ref: "Customers!3", reason: why }]);
    expect(getState().notifications.map((n) => n.text)).toContain(text.imported("Customers", 1, 0, 1, 0));
  });

  it("an update says which fields it changes", async () => {
    const s = await scenario();
    const [acme] = await seed(s.client, [{ name: "Acme AB", email: "a@acme.se", city: "Lund" }]);
    await typeRow(s.book, s.sheet, 3, {
      crmId: acme!.crmId,
      name: "Acme AB",
      email: "a@acme.se",
      city: "Malmö",
    });
    const { said, wrote } = await validateThenImport(s, [3]);
    expect(said).toEqual([text.readyUpdateOf("City")]);
    expect(wrote).toEqual([text.updated]);
  });

  it("a contact whose customer the CRM does not have fails at Validate, not at Import", async () => {
    const s = await scenario("contacts");
    await seed(s.client, [{ name: "Acme AB", email: "a@acme.se" }]);
    await typeRow(s.book, s.sheet, 3, { customer: "Acme AB", firstName: "Ann", email: "ann@acme.se" });
    await typeRow(s.book, s.sheet, 4, { customer: "Ghost AB", firstName: "Bo", email: "bo@ghost.se" });

    const why = messages.referenceNotInCrm("Customer", "Ghost AB");
    const { said } = await validateThenImport(s, [3, 4], () =>
      expect(s.book.cell(s.cell("customer", 4)).note).toBe(why),
    );

    expect(said).toEqual([text.readyCreate, text.willFail(why)]);
  });

  it("a site whose billing customer the CRM does not have fails at Validate, not at Import", async () => {
    const s = await scenario("sites");
    await seed(s.client, [{ name: "Acme AB", email: "a@acme.se" }]);
    await typeRow(s.book, s.sheet, 3, { billingCustomer: "Acme AB", siteName: "Lund depot" });
    await typeRow(s.book, s.sheet, 4, { billingCustomer: "Ghost AB", siteName: "Oslo depot" });

    const why = messages.referenceNotInCrm("Billing customer", "Ghost AB");
    const { said, wrote } = await validateThenImport(s, [3, 4], () =>
      expect(s.book.cell(s.cell("billingCustomer", 4)).note).toBe(why),
    );

    expect(said).toEqual([text.readyCreate, text.willFail(why)]);
    expect(wrote).toEqual([text.created, text.failed(why)]);
  });

  it("when the CRM changes between Validate and Import, the row says what Validate had said", async () => {
    const s = await scenario();
    await typeRow(s.book, s.sheet, 3, { name: "Late AB", phone: "+46 8 555 000 11" });
    await validateSheet(s.deps, { sheet: "Customers" });
    expect(s.status(3)).toBe(text.readyCreate);

    await seed(s.client, [{ name: "Early AB", phone: "+46855500011" }]);
    await importSheet(s.deps, { sheet: "Customers" });

    const why = messages.matchesExisting(
      "customer",
      `Early AB (${(await s.client.listAllRecords("customers"))[0]!.id})`,
      "Phone",
    );
    expect(s.status(3)).toBe(text.skipped(why) + text.changedSinceValidate(text.readyCreate));
  });
  it("a contact's local phone is read with its customer's Country; with none to read it by, it fails at Validate", async () => {
    const s = await scenario("contacts");
    await seed(s.client, [
      { name: "Acme AB", email: "a@acme.se", country: "SE" },
      { name: "Nowhere Ltd", email: "n@nowhere.example" },
    ]);
    await typeRow(s.book, s.sheet, 3, { customer: "Acme AB", firstName: "Ann", phone: "070-123 45 67" });
    await typeRow(s.book, s.sheet, 4, { customer: "Nowhere Ltd", firstName: "Bo", phone: "070-123 45 68" });

    const { said, wrote } = await validateThenImport(s, [3, 4]);

    const why = messages.invalidPhone("Phone", messages.phoneReasons.noCountry);
    expect(said[0]).toMatch(/^Ready: will create/);
    expect(said[1]).toBe(text.willFail(why));
    expect(wrote).toEqual([text.created, text.failed(why)]);
    expect(s.book.cell(s.cell("phone", 3)).note).toBe(messages.phoneWithOwnersCountry("Phone", "Customer"));
    const stored = await s.client.listAllRecords("contacts");
    expect(stored.map((r) => r.values.phone)).toEqual(["+46701234567"]);
  });

  it.each([
    ["en-GB", "2026-04-03"],
    ["en-US", "2026-03-04"],
  ])(
    "a date that reads two ways (user's locale %s): Validate says ready with a warning naming the reading, Import sends %s",
    async (locale, iso) => {
      const s = await scenario("customers", locale);
      // Text, as a pasted or CSV date arrives; the column has no other date to settle its order.
      await typeRow(s.book, s.sheet, 3, {
        name: "Dated AB",
        email: "d@dated.se",
        openingBalance: "100",
        openingBalanceDate: "'03/04/2026",
      });
      await typeRow(s.book, s.sheet, 4, { name: "Plain AB", email: "p@plain.se" });

      const { said, wrote } = await validateThenImport(s, [3, 4], () =>
        expect(s.book.cell(s.cell("openingBalanceDate", 3)).note).toBe(
          messages.ambiguousDate("Opening balance date", "03/04/2026", "2026-04-03", "2026-03-04", iso),
        ),
      );

      expect(said).toEqual([`${text.readyCreate} (${text.warnings(1)})`, text.readyCreate]);
      expect(wrote).toEqual([text.created, text.created]);
      const stored = await s.client.listAllRecords("customers");
      expect(stored.map((r) => [r.values.name, r.values.openingBalanceDate ?? null])).toEqual([
        ["Dated AB", iso],
        ["Plain AB", null],
      ]);
    },
  );

  it("a date whose column settles its order is read that way, with no warning, whatever the locale", async () => {
    const s = await scenario("customers", "en-US");
    await typeRow(s.book, s.sheet, 3, {
      name: "Dated AB",
      email: "d@dated.se",
      openingBalance: "100",
      openingBalanceDate: "'03/04/2026",
    });
    // 25/03/2026 can only be day first: the column is day first, so 03/04/2026 is 3 April.
    await typeRow(s.book, s.sheet, 4, {
      name: "Later AB",
      email: "l@later.se",
      openingBalance: "50",
      openingBalanceDate: "'25/03/2026",
    });

    const { said, wrote } = await validateThenImport(s, [3, 4]);

    expect(said).toEqual([text.readyCreate, text.readyCreate]);
    expect(wrote).toEqual([text.created, text.created]);
    const stored = await s.client.listAllRecords("customers");
    expect(stored.map((r) => r.values.openingBalanceDate).sort()).toEqual(["2026-03-25", "2026-04-03"]);
  });
});

describe("in-file duplicates: the user's choice, said by Validate and done by Import", () => {
  const email = "dup@acme.example";
  async function duplicates(choice: "first" | "merge" | "all") {
    const s = await scenario();
    await typeRow(s.book, s.sheet, 3, { name: "Acme AB", email });
    await typeRow(s.book, s.sheet, 4, { name: "Acme AB", email, city: "Lund" });
    await typeRow(s.book, s.sheet, 5, {
      name: "Acme Sweden AB",
      email,
      city: "Malmö",
      street: "Storgatan 1",
    });
    await typeRow(s.book, s.sheet, 6, { name: "Fresh AB", email: "fresh@example.com" });
    // The choice, made on the Validate step, is kept with the sheet's import options.
    const first = await validateSheet(s.deps, { sheet: "Customers", inFileDuplicates: choice });
    expect(first.report.inFileDuplicates).toEqual({ groups: 1, rows: 3, choice });
    expect(getState().importOptions.Customers?.inFileDuplicates).toBe(choice);
    const { said, wrote } = await validateThenImport(s, [3, 4, 5, 6]);
    const stored = await s.client.listAllRecords("customers");
    return { said, wrote, stored: stored.map((r) => r.values) };
  }

  it("first: only the first row of the group is sent; the others say which row is imported", async () => {
    const { said, wrote, stored } = await duplicates("first");
    const why = messages.duplicateImportedInstead(3);
    expect(said).toEqual([text.readyCreate, text.willSkip(why), text.willSkip(why), text.readyCreate]);
    expect(wrote).toEqual([text.created, text.skipped(why), text.skipped(why), text.created]);
    expect(stored.map((v) => [v.name, v.city ?? null])).toEqual([
      ["Acme AB", null],
      ["Fresh AB", null],
    ]);
    expect(getState().summary).toMatchObject({ created: 2, skipped: 2 });
    expect(getState().summary?.skippedRows).toEqual([
      { ref: "Customers!4", reason: why },
      { ref: "Customers!5", reason: why },
    ]);
  });

  it("merge: one record from the group, first filled value per field; the others point at it", async () => {
    const { said, wrote, stored } = await duplicates("merge");
    const why = messages.duplicateMergedInto(3);
    expect(said).toEqual([text.readyCreate, text.willSkip(why), text.willSkip(why), text.readyCreate]);
    expect(wrote).toEqual([text.created, text.skipped(why), text.skipped(why), text.created]);
    const acme = stored.filter((v) => v.email === email);
    expect(acme).toHaveLength(1);
    expect(acme[0]).toMatchObject({ name: "Acme AB", city: "Lund", street: "Storgatan 1" });
    expect(getState().summary).toMatchObject({ created: 2, skipped: 2 });
  });

  it("all: every row of the group is created, the later ones whatever they match", async () => {
    const { said, wrote, stored } = await duplicates("all");
    expect(said.map(fateOf)).toEqual(["created", "created", "created", "created"]);
    expect(wrote).toEqual([text.created, text.created, text.created, text.created]);
    expect(stored.filter((v) => v.email === email).map((v) => v.name)).toEqual([
      "Acme AB",
      "Acme AB",
      "Acme Sweden AB",
    ]);
    expect(getState().summary).toMatchObject({ created: 4, skipped: 0 });
  });
});
