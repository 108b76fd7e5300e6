import { beforeEach, describe, expect, it, vi } from "vitest";
import { catalogOf } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { commandNames } from "../../src/commands/command-names";
import { handlerFor } from "../../src/commands/handlers";
import { palette } from "../../src/excel";
import { columnLetter } from "../../src/excel/a1";
import { STATUS_NOTE_CHARS } from "../../src/excel/marks";
import { markStyles } from "../../src/excel/palette";
import {
  clearMarks,
  getState,
  isLiveChecked,
  newTemplate,
  resetStore,
  setSchema,
  validateAndWatch,
  validateSheet,
} from "../../src/workflows";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../excel/schema";
import { colOf, statusCol, typeRow } from "./sheet";

const schema = testSchema();
const customers = catalogOf(schema).customers;
const C = (key: string, row: number) => `Customers!${colOf(customers, key)}${row}`;
const S = (row: number) => `Customers!${statusCol(customers)}${row}`;

async function badSheet() {
  const { book, env } = simEnv();
  await newTemplate({ env }, ["customers"]);
  await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se", cf_po_ref: "PO-1" });
  await typeRow(book, customers, 4, { name: "Beta", email: "bad@", cf_po_ref: "PO-2" });
  return { book, env, deps: { env } };
}

beforeEach(() => {
  resetStore();
  setSchema(schema);
});

describe("the live check", () => {
  it("starts with Validate: a fixed cell loses its mark and its note, with no second Validate", async () => {
    const { book, deps } = await badSheet();
    await validateAndWatch(deps);
    expect(isLiveChecked(deps, "Customers")).toBe(true);
    expect(book.cell(C("email", 4)).fill).toBe(palette.error);
    await book.userEdit(C("email", 4), "beta@beta.se");
    await book.idle();
    expect(book.cell(C("email", 4)).fill).toBe(null);
    expect(book.cell(C("email", 4)).note).toBe(null);
    expect(book.cell(S(4)).value).not.toMatch(/error/);
    // And a new mistake is marked as it is typed.
    await book.userEdit(C("email", 3), "nope@");
    await book.idle();
    expect(book.cell(C("email", 3)).fill).toBe(markStyles.error.color);
    expect(book.cell(C("email", 3)).pattern).toBe(markStyles.error.pattern);
  });

  it("watches a sheet once however often it is validated, and stops with Clear marks", async () => {
    const { book, deps } = await badSheet();
    await validateAndWatch(deps);
    await validateAndWatch(deps);
    await clearMarks(deps);
    expect(isLiveChecked(deps, "Customers")).toBe(false);
    expect(getState().notifications.at(-1)?.text).toBe(text.marksCleared("Customers"));
    await book.userEdit(C("email", 3), "nope@");
    await book.idle();
    expect(book.cell(C("email", 3)).fill).toBe(null);
  });

  it("is what the ribbon's Validate runs; the ribbon's Clear marks clears and stops it", async () => {
    const { book, env } = await badSheet();
    const deps = { env };
    await handlerFor(commandNames.validate, () => deps)({ completed: vi.fn() });
    expect(isLiveChecked(deps, "Customers")).toBe(true);
    const event = { completed: vi.fn() };
    await handlerFor(commandNames.clearMarks, () => deps)(event);
    expect(event.completed).toHaveBeenCalledOnce();
    expect(isLiveChecked(deps, "Customers")).toBe(false);
    expect(book.cell(C("email", 4)).fill).toBe(null);
    expect(book.cell(S(4)).value).toBe("");
  });
});

/** A ready row whose values are read from other spellings: its status says so at length. */
const LONG_ROW = {
  name: "Gamma",
  email: "g@x.se",
  cf_po_ref: "PO-3",
  country: "United States",
  currency: "Euro",
};

describe("statuses", () => {
  it("put a long status's whole text in the status cell's note, and take the note away once short", async () => {
    const { book, deps } = await badSheet();
    await typeRow(book, customers, 5, LONG_ROW);
    await validateSheet(deps);
    const long = String(book.cell(S(5)).value);
    expect(long.length).toBeGreaterThan(STATUS_NOTE_CHARS);
    expect(book.cell(S(5)).note).toBe(long);
    expect(String(book.cell(S(3)).value).length).toBeLessThanOrEqual(STATUS_NOTE_CHARS);
    expect(book.cell(S(3)).note).toBe(null);
    await typeRow(book, customers, 5, { ...LONG_ROW, country: "US", currency: "EUR" });
    await validateSheet(deps);
    expect(book.cell(S(5)).note).toBe(null);
  });

  it("leave notes alone where the host has none (ExcelApi 1.17): the simulator refuses them", async () => {
    const { book, env } = simEnv("1.17");
    await newTemplate({ env }, ["customers"]);
    await typeRow(book, customers, 3, LONG_ROW);
    await validateSheet({ env });
    expect(String(book.cell(S(3)).value).length).toBeGreaterThan(STATUS_NOTE_CHARS);
    expect(book.cell(S(3)).note).toBe(null);
  });
});

describe("the add-in's own columns on a sheet that is not a template", () => {
  it("are named and the internal ones hidden once Validate writes them", async () => {
    const { book, env } = simEnv();
    book.addSheet("Customers");
    await book.userEdit("Customers!A1:C3", [
      ["Name", "Email", "PO reference"],
      ["Acme", "info@acme.se", "PO-1"],
      ["Beta", "bad@", "PO-2"],
    ]);
    await validateSheet({ env }, { sheet: "Customers" });
    expect(book.values("Customers!D1:G1")[0]).toEqual([
      text.statusHeader,
      text.versionHeader,
      text.hashHeader,
      text.marksHeader,
    ]);
    const hidden = [...book.sheet("Customers").hiddenColumns].map(columnLetter).sort();
    expect(hidden).toEqual(["E", "F", "G"]);
    expect(book.cell("Customers!B3").fill).toBe(palette.error);
    // Read again, the same columns are found by their headers.
    await validateSheet({ env }, { sheet: "Customers" });
    expect(
      book
        .values("Customers!H1:H3")
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
  });
});
