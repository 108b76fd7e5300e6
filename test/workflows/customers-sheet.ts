// The setup the live-CRM workflow tests share: the CRM started once per file, the store reset before
// each test, and a simulated workbook holding a Customers template with its cells' addresses.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { CrmClient } from "../../src/client";
import { catalogOf, type SheetDef } from "../../src/domain";
import type { ExcelEnv } from "../../src/excel";
import { getState, newTemplate, resetStore } from "../../src/workflows";
import type { SimWorkbook } from "../../workbench/excel-sim";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";
import { colOf, statusCol } from "./sheet";

/** Starts the live CRM before the file's tests and closes it after; resets the store before each test. */
export function useLiveCrm(): () => LiveCrm {
  let crm: LiveCrm | undefined;
  // The CRM's start (PGlite) took over 60 s on the shared machine under load.
  beforeAll(async () => {
    crm = await startCrm();
  }, 300_000);
  afterAll(async () => {
    await crm?.close();
  });
  beforeEach(() => resetStore());
  return () => {
    if (!crm) throw new Error("the live CRM is not started");
    return crm;
  };
}

/** A Customers sheet's cell addresses: `C(field, row)` and `S(row)`, the import status. */
export function customerCells(customers: SheetDef) {
  return {
    C: (key: string, row: number) => `Customers!${colOf(customers, key)}${row}`,
    S: (row: number) => `Customers!${statusCol(customers)}${row}`,
  };
}

export interface CustomersSheet extends ReturnType<typeof customerCells> {
  client: CrmClient;
  book: SimWorkbook;
  env: ExcelEnv;
  deps: { env: ExcelEnv; client: CrmClient };
  customers: SheetDef;
}

/** A client of a new organisation and a workbook with a new Customers template. */
export async function customersSheet(crm: LiveCrm): Promise<CustomersSheet> {
  const client = await crm.newClient();
  const { book, env } = simEnv();
  const deps = { env, client };
  await newTemplate(deps, ["customers"]);
  const customers = catalogOf(getState().schema!).customers;
  return { client, book, env, deps, customers, ...customerCells(customers) };
}
