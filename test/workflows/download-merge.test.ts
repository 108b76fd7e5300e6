// Download over a sheet holding the user's work (issue 15, item 3): it asks first, and none of the
// three answers loses a row the user did not choose to lose.
import { describe, expect, it } from "vitest";
import { catalogOf } from "../../src/domain";
import { paneMessages } from "../../src/domain/pane-messages";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { downloadCustomers, getState } from "../../src/workflows";
import { downloadRisk } from "../../src/workflows/download-customers";
import { simEnv } from "../excel/helpers";
import { customerCells, useLiveCrm } from "./customers-sheet";
import { colOf, typeRow } from "./sheet";

const crm = useLiveCrm();

/**
 * Alpha and Bravo in the CRM, downloaded; then Alpha's city edited in the sheet, Charlie typed in
 * (not imported, with a status the user can see), and in the CRM Bravo's city changed and Delta added.
 */
async function sheetWithWork() {
  const client = await crm().newClient();
  const opened = await client.createImport({ sheet: "customers" });
  const seeded = await client.sendBatch(opened.id, [
    { ref: "a", values: { name: "Alpha AB", email: "a@alpha.se", city: "Lund" } },
    { ref: "b", values: { name: "Bravo AB", email: "b@bravo.se", city: "Umeå" } },
  ]);
  await client.finishImport(opened.id);
  const { book, env } = simEnv();
  const deps = { env, client };
  expect((await downloadCustomers(deps)).count).toBe(2);
  const customers = catalogOf(getState().schema!).customers;
  const { C, S } = customerCells(customers);
  const rowOf = (name: string) =>
    3 + book.values(`${C("name", 3)}:${colOf(customers, "name")}20`).findIndex((r) => r[0] === name);

  await book.userEdit(C("city", rowOf("Alpha AB")), "Malmö");
  await typeRow(book, customers, 5, { name: "Charlie AB", email: "c@charlie.se", city: "Visby" });
  await book.userEdit(S(5), "Ready: will create");

  const later = await client.createImport({ sheet: "customers" });
  const bravo = seeded[1]!;
  await client.sendBatch(later.id, [
    {
      ref: "b",
      crmId: bravo.crmId!,
      version: bravo.version!,
      values: { name: "Bravo AB", email: "b@bravo.se", city: "Kiruna" },
    },
    { ref: "d", values: { name: "Delta AB", email: "d@delta.se", city: "Ystad" } },
  ]);
  await client.finishImport(later.id);
  const names = () =>
    book
      .values(`${C("name", 3)}:${colOf(customers, "name")}20`)
      .map((r) => r[0])
      .filter(Boolean);
  return { book, deps, customers, C, S, rowOf, names, alphaId: seeded[0]!.crmId! };
}

describe("Download over unsent and edited rows", () => {
  it("counts them, and with no choice made (a ribbon command alone) writes nothing and says how to choose", async () => {
    const { book, deps, C, names } = await sheetWithWork();
    const risk = await downloadRisk(deps, "customers");
    expect(risk).toEqual({ sheet: "Customers", unsent: 1, edited: 1 });
    const before = book.values(`${C("name", 3)}:${C("city", 6).split("!")[1]}`);
    await expect(downloadCustomers(deps)).rejects.toThrow(
      paneMessages.downloadNeedsChoice("Customers", { unsent: 1, edited: 1 }),
    );
    expect(book.values(`${C("name", 3)}:${C("city", 6).split("!")[1]}`)).toEqual(before);
    expect(names()).toEqual(["Alpha AB", "Bravo AB", "Charlie AB"]);
  });

  it("Merge: clean rows take the CRM's version, edited and unsent rows stay as the user left them, new records are added", async () => {
    const { book, deps, C, S, rowOf, names } = await sheetWithWork();
    const outcome = await downloadCustomers(deps, "merge");
    expect(outcome).toEqual({ count: 3, sheet: "Customers", kept: { unsent: 1, edited: 1 } });
    expect(names().sort()).toEqual(["Alpha AB", "Bravo AB", "Charlie AB", "Delta AB"]);
    // Alpha: the user's edit kept, and its status says why.
    expect(book.cell(C("city", rowOf("Alpha AB"))).value).toBe("Malmö");
    expect(book.cell(S(rowOf("Alpha AB"))).value).toBe(text.keptEdited);
    // Bravo: not edited, so the CRM's newer city.
    expect(book.cell(C("city", rowOf("Bravo AB"))).value).toBe("Kiruna");
    // Charlie: where it was, with its values and its status.
    expect(rowOf("Charlie AB")).toBe(5);
    expect(book.cell(C("city", 5)).value).toBe("Visby");
    expect(book.cell(S(5)).value).toBe("Ready: will create");
    // Delta: added below the last row.
    expect(rowOf("Delta AB")).toBe(6);
    expect(book.cell(C("crmId", 6)).value).toMatch(/\S/);
    // The merged sheet is clean where it should be: a second merge finds the same two rows to keep.
    expect(await downloadRisk(deps, "customers")).toEqual({ sheet: "Customers", unsent: 1, edited: 1 });
  });

  it("New sheet: the download goes into 'Customers (2)' and the sheet the user worked in is untouched", async () => {
    const { book, deps, C, names } = await sheetWithWork();
    const range = `${C("name", 1)}:${C("city", 8).split("!")[1]}`;
    const before = book.values(range);
    const outcome = await downloadCustomers(deps, "newSheet");
    expect(outcome).toMatchObject({ count: 3, sheet: "Customers (2)" });
    expect(book.values(range)).toEqual(before);
    expect(names()).toEqual(["Alpha AB", "Bravo AB", "Charlie AB"]);
    const copy = book.values(`'Customers (2)'!${C("name", 3).split("!")[1]}:${C("name", 5).split("!")[1]}`);
    expect(copy.map((r) => r[0]).sort()).toEqual(["Alpha AB", "Bravo AB", "Delta AB"]);
  });

  it("Replace, once chosen, writes exactly the CRM's records, as before", async () => {
    const { book, deps, C, rowOf, names } = await sheetWithWork();
    const outcome = await downloadCustomers(deps, "replace");
    expect(outcome).toMatchObject({ count: 3, sheet: "Customers" });
    expect(names().sort()).toEqual(["Alpha AB", "Bravo AB", "Delta AB"]);
    expect(book.cell(C("city", rowOf("Alpha AB"))).value).toBe("Lund");
  });
});
