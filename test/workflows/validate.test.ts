import { beforeEach, describe, expect, it } from "vitest";
import { catalogOf, messages } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { palette } from "../../src/excel";
import { markStyles } from "../../src/excel/palette";
import {
  clearMarks,
  getState,
  newTemplate,
  resetStore,
  setSchema,
  startLiveValidation,
  validateSheet,
} from "../../src/workflows";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../excel/schema";
import { colOf, statusCol, typeRow } from "./sheet";

const schema = testSchema();
const customers = catalogOf(schema).customers;
const C = (key: string, row: number) => `Customers!${colOf(customers, key)}${row}`;
const S = (row: number) => `Customers!${statusCol(customers)}${row}`;

async function sheetWithKnownErrors(apiVersion = "1.18") {
  const { book, env } = simEnv(apiVersion);
  const deps = { env };
  await newTemplate(deps, ["customers"]);
  await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se", cf_po_ref: "PO-1" });
  await typeRow(book, customers, 4, { email: "bad@", cf_po_ref: "PO-2", type: "Company" });
  await typeRow(book, customers, 5, { name: "Beta", cf_po_ref: "PO-3" });
  await typeRow(book, customers, 6, {
    name: "Gamma",
    email: "g@gamma.se",
    cf_po_ref: "PO-4",
    openingBalance: -5,
  });
  await typeRow(book, customers, 7, {
    name: "Delta",
    crmId: "c_1",
    phone: "+46701234567",
    cf_po_ref: "PO-5",
  });
  return { book, env, deps };
}

const fillOf = (book: ReturnType<typeof simEnv>["book"], address: string) => book.cell(address).fill;

beforeEach(() => {
  resetStore();
  setSchema(schema);
});

describe("Validate", () => {
  it("marks exactly the cells in error, with their messages, and writes each row's status", async () => {
    const { book, deps } = await sheetWithKnownErrors();
    const a = await validateSheet(deps);
    const expected = new Map([
      [C("name", 4), messages.clientNameRequired],
      [C("email", 4), messages.invalidEmail],
      [C("email", 5), messages.emailOrPhoneRequired],
      [C("openingBalance", 6), messages.openingBalance.notPositive],
      [C("openingBalanceDate", 6), messages.openingBalance.dateMissing],
    ]);
    for (const [address, message] of expected) {
      expect(fillOf(book, address), address).toBe(palette.error);
      expect(book.cell(address).note).toBe(message);
    }
    const marked = a.marks.map((m) => `${m.row}:${m.col}`);
    expect(marked).toHaveLength(expected.size);
    for (const row of [3, 7])
      for (const f of customers.fields)
        expect(book.cell(`Customers!${colOf(customers, f.key)}${row}`).note).toBe(null);
    expect(book.values(`${S(3)}:${statusCol(customers)}7`).map((r) => r[0])).toEqual([
      text.readyCreate,
      text.errors(2),
      text.errors(1),
      text.errors(2),
      text.readyUpdate,
    ]);
    const report = getState().validation!;
    expect(report).toMatchObject({ rows: 5, ready: 2, create: 1, update: 1, errorRows: 3 });
    expect(report.byMessage.find((g) => g.message === messages.invalidEmail)?.cells).toEqual([C("email", 4)]);
  });

  it("clears a cell's mark once it is fixed, and keeps the others", async () => {
    const { book, deps } = await sheetWithKnownErrors();
    await validateSheet(deps);
    await book.userEdit(C("email", 4), "ok@beta.se");
    await validateSheet(deps);
    expect(fillOf(book, C("email", 4))).toBe(null);
    expect(book.cell(C("email", 4)).note).toBe(null);
    expect(fillOf(book, C("name", 4))).toBe(palette.error);
    expect(book.cell(S(4)).value).toBe(text.errors(1));
  });

  it("shows an error over the multi-location colour, striped, and gives the colour back once fixed", async () => {
    const { book, deps } = await sheetWithKnownErrors();
    await typeRow(book, customers, 8, {
      name: "Branch",
      email: "b@x.se",
      cf_po_ref: "PO-6",
      multiLocation: "Yes",
      locationName: "North",
    });
    await typeRow(book, customers, 9, {
      name: "Other",
      email: "o@x.se",
      cf_po_ref: "PO-7",
      multiLocation: "Yes",
    });
    // Before Validate the template's rule colours the empty multi-location cell as required.
    expect(book.displayFill(C("locationCode", 8))).toBe(palette.required);
    await validateSheet(deps);
    const marked = C("locationCode", 8);
    expect(book.cell(marked).note).toBeTruthy();
    expect(book.displayFill(marked)).toBe(markStyles.error.color);
    expect(book.displayPattern(marked)).toEqual({
      pattern: markStyles.error.pattern,
      patternColor: markStyles.error.patternColor,
    });
    // Another row's cells, and this row's unmarked ones, keep the rule's colour.
    expect(book.displayFill(C("locationName", 8))).toBe(palette.required);
    await book.userEdit(C("locationCode", 8), "N-1");
    await book.userEdit(C("headquarters", 8), "Acme AB");
    await book.userEdit(C("locationName", 9), "South");
    await validateSheet(deps);
    expect(book.cell(marked).note).toBe(null);
    expect(book.cell(marked).pattern).toBe("None");
    expect(book.displayFill(C("locationCode", 9))).toBe(markStyles.error.color);
  });

  it("re-validates an edited row by itself while the sheet is watched, ignoring its own writes", async () => {
    const { book, env, deps } = await sheetWithKnownErrors();
    await validateSheet(deps);
    const stop = await startLiveValidation({ env }, "Customers");
    book.resetStats();
    await book.userEdit(C("name", 4), "Epsilon");
    await book.idle();
    expect(fillOf(book, C("name", 4))).toBe(null);
    expect(book.cell(S(4)).value).toBe(text.errors(1));
    expect(fillOf(book, C("email", 5))).toBe(palette.error);
    // One row read (2 syncs), new marks' fills (0-1), the paint (1): our own writes set off nothing.
    expect(book.stats.syncs).toBeLessThanOrEqual(4);
    await stop();
    await book.userEdit(C("email", 4), "fixed@x.se");
    await book.idle();
    expect(fillOf(book, C("email", 4))).toBe(palette.error);
  });

  it("Clear marks gives back the user's own fills and removes our notes and statuses", async () => {
    const { book, env, deps } = await sheetWithKnownErrors();
    await env.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Customers");
      ws.getRange(C("email", 4).split("!")[1]).format.fill.color = "#FFFF00";
      ws.getRange(C("city", 4).split("!")[1]).format.fill.color = "#00B0F0";
      await context.sync();
    });
    await validateSheet(deps);
    expect(fillOf(book, C("email", 4))).toBe(palette.error);
    await validateSheet(deps);
    await clearMarks(deps);
    expect(fillOf(book, C("email", 4))).toBe("#FFFF00");
    expect(fillOf(book, C("city", 4))).toBe("#00B0F0");
    expect(fillOf(book, C("name", 4))).toBe(null);
    expect(book.cell(C("email", 4)).note).toBe(null);
    expect(book.cell(S(4)).value).toBe("");
    expect(book.cell(C("email", 4)).value).toBe("bad@");
  });

  it("puts messages in data-validation prompts where notes are not supported", async () => {
    const { book, deps } = await sheetWithKnownErrors("1.17");
    await validateSheet(deps);
    const col = customers.fields.findIndex((f) => f.key === "email");
    const v = book
      .sheet("Customers")
      .validations.find((x) => x.rect.row === 3 && x.rect.col === col && x.rect.rows === 1);
    expect(v?.prompt?.message).toBe(messages.invalidEmail);
    await clearMarks(deps);
    const after = book
      .sheet("Customers")
      .validations.find((x) => x.rect.row === 3 && x.rect.col === col && x.rect.rows === 1);
    expect(after?.prompt?.showPrompt ?? false).toBe(false);
  });

  it("tells which sheets it cannot validate", async () => {
    const { env } = simEnv();
    await expect(validateSheet({ env })).rejects.toThrow(text.notOurSheet("Sheet1"));
  });
});
