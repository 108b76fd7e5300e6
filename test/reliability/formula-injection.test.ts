/**
 * Values from the CRM that Excel would run as formulas (=, +, -, @, or a tab or carriage return before
 * one) land as text after a download: the simulated workbook holds no formula anywhere, every such
 * cell reads back exactly as the CRM holds it, and each one was either text-formatted or escaped.
 */
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCrmClient } from "../../src/client";
import { baseCatalog, catalogOf, sheetNames, type FieldDef, type SheetName } from "../../src/domain";
import { columnLetter } from "../../src/excel/a1";
import { toCell } from "../../src/excel/cells";
import { downloadRecords, getState, resetStore } from "../../src/workflows";
import { parseAreas, type SimWorkbook } from "../../workbench/excel-sim";
import { simEnv } from "../excel/helpers";
import { startHarness, type Harness } from "../server/harness";
import { createOrganisation } from "../../src/server/services/provision";

let h: Harness;
let baseUrl: string;
beforeAll(async () => {
  h = await startHarness();
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await h.close();
});

const payloads = [
  '=HYPERLINK("http://evil.example","click")',
  "=1+1",
  "+46-cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=cmd",
  "\t+1",
  "\r@x",
  "\t\r-1",
];

/** Every free-text field of the sheet gets a payload (rotating), so each prefix meets many columns. */
const hostileFields = (fields: FieldDef[]) => fields.filter((f) => f.kind === "text" && !f.system);

/** Every cell of every sheet the add-in wrote: how many, and which hold a formula. */
function scanFormulas(book: SimWorkbook): { scanned: number; formulas: string[] } {
  const formulas: string[] = [];
  let scanned = 0;
  for (const name of book.sheetNames()) {
    const used = book.usedRange(name);
    if (!used) continue;
    const { rect } = parseAreas(used)[0]!;
    for (let r = rect.row; r < rect.row + rect.rows; r++)
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const address = `'${name}'!${columnLetter(c)}${r + 1}`;
        scanned++;
        if (book.cell(address).isFormula) formulas.push(address);
      }
  }
  return { scanned, formulas };
}

describe("a download of formula-like CRM values", () => {
  it("writes no formula anywhere and every value lands as the same text", async () => {
    const { org, token } = await createOrganisation(h.db, `Formula ${Date.now()}`);
    const client = createCrmClient({ baseUrl, token, retries: 0 });
    const open = async (sheet: SheetName, values: Record<string, string>) => {
      const opened = await client.createImport({ sheet });
      const [r] = await client.sendBatch(opened.id, [{ ref: "r", values }]);
      return r!.crmId!;
    };
    const customerId = await open("customers", { name: "Placeholder", email: "=1+2@example.com" });
    const ids: Record<SheetName, string> = {
      customers: customerId,
      contacts: await open("contacts", { customer: customerId, firstName: "Ann" }),
      sites: await open("sites", { billingCustomer: customerId, siteName: "Depot" }),
      equipment: await open("equipment", { customer: customerId, name: "Boiler" }),
    };
    // The CRM may hold such text from anywhere (another system, its own UI), not just our imports,
    // so it is written straight into the records, leading tab and carriage return included.
    const stored: Record<SheetName, Record<string, string>> = {
      customers: {},
      contacts: {},
      sites: {},
      equipment: {},
    };
    let n = 0;
    for (const sheet of sheetNames) {
      const current = await client.getRecord(sheet, ids[sheet]);
      const values: Record<string, unknown> = { ...current.values };
      for (const f of hostileFields(baseCatalog[sheet].fields))
        values[f.key] = stored[sheet][f.key] = payloads[n++ % payloads.length]!;
      await sql`update records set values = ${JSON.stringify(values)}::jsonb where id = ${ids[sheet]} and org_id = ${org.id}`.execute(
        h.db,
      );
    }

    const { book, env } = simEnv();
    resetStore();
    for (const sheet of sheetNames) expect((await downloadRecords({ env, client }, sheet)).count).toBe(1);
    const catalog = catalogOf(getState().schema!);

    const scan = scanFormulas(book);
    expect(scan.formulas).toEqual([]);
    expect(scan.scanned).toBeGreaterThan(3 * 20);
    let checked = 0;
    for (const sheet of sheetNames) {
      const def = catalog[sheet];
      const idCol = columnLetter(def.fields.findIndex((f) => f.key === "crmId"));
      const used = parseAreas(book.usedRange(def.title)!)[0]!.rect;
      let row = -1;
      for (let r = 1; r <= used.row + used.rows; r++)
        if (book.cell(`'${def.title}'!${idCol}${r}`).value === ids[sheet]) row = r;
      expect([sheet, row > 0]).toEqual([sheet, true]);
      for (const [key, value] of Object.entries(stored[sheet])) {
        const field = def.fields.find((f) => f.key === key)!;
        const cell = book.cell(`'${def.title}'!${columnLetter(def.fields.indexOf(field))}${row}`);
        expect([sheet, key, cell.value, cell.isFormula]).toEqual([sheet, key, value, false]);
        // Real Excel also runs +, - and @ as formulas: the cell must be text-formatted or escaped.
        const written = toCell(field, value);
        expect([sheet, key, cell.numberFormat === "@" || String(written).startsWith("'")]).toEqual([
          sheet,
          key,
          true,
        ]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(payloads.length);
  });
});
