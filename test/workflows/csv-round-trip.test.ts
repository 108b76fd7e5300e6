// A sheet opened from a CSV has no CRM ID column of its own (issue 15): Import adds one, named,
// after its result columns, so the next Import of the same sheet updates the records it created
// instead of creating them again, and the user's own columns are left as they were.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { columnLetter } from "../../src/excel/a1";
import { importSheet, resetStore, setSchema } from "../../src/workflows";
import { applyMapping, inspectSheet } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

const zoho = [
  "Record Id,Account Name,Email,Billing City",
  "zcrm_5725767000000412001,Nordlys AB,info@nordlys.example,Stockholm",
  "zcrm_5725767000000412002,Fjord Foods,post@fjord.example,Oslo",
].join("\n");

it("Import gives a CSV sheet a CRM ID column; editing a row and importing again updates it, nothing is created twice", async () => {
  const client = await crm.newClient();
  const { book, env } = simEnv();
  const deps = { env, client };
  setSchema(await client.getSchema());
  const at = (row: number, col: number) => book.cell(`Accounts!${columnLetter(col)}${row}`).value;
  await openCsv(deps, { name: "Accounts.csv", bytes: new TextEncoder().encode(zoho) }, "auto");
  const inspection = await inspectSheet(deps, "Accounts");
  await applyMapping(deps, {
    inspection,
    target: "customers",
    columns: [null, "name", "email", "city"],
    firstRowIsHeader: true,
  });

  const first = await importSheet(deps, { sheet: "Accounts" });
  expect(first).toMatchObject({ created: 2, failed: 0 });

  const header = Array.from({ length: 12 }, (_, c) => String(at(1, c) ?? ""));
  const idCol = header.lastIndexOf(text.crmIdHeader);
  expect(idCol).toBeGreaterThan(header.indexOf(text.statusHeader));
  expect(header.slice(0, 4)).toEqual(["Record Id", "Account Name", "Email", "Billing City"]);
  const ids = [2, 3].map((r) => at(r, idCol));
  const stored = await deps.client.listAllRecords("customers");
  expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.id)));

  await book.userEdit("Accounts!D2", [["Malmö"]]);
  const second = await importSheet(deps, { sheet: "Accounts" });

  expect(second).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: 0 });
  const after = await deps.client.listAllRecords("customers");
  expect(after).toHaveLength(2);
  expect(after.find((r) => r.values.name === "Nordlys AB")?.values.city).toBe("Malmö");
});
