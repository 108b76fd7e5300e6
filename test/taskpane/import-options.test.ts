import { afterEach, describe, expect, it, vi } from "vitest";
import { crmClientOptionsSchema, type CrmClient } from "../../src/client";
import type { CreateImport, ImportRow } from "../../src/domain";
import { applyMapping, inspectSheet } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import {
  importWithOptions,
  previewImport,
  ribbonImportOptions,
  type PaneImportOptions,
} from "../../src/workflows/pane-actions";
import { predictedStatus } from "../../src/workflows/predict";
import { resetStore, setSchema } from "../../src/workflows/store";
import { simEnv } from "../excel/helpers";
import { testSchema } from "./harness";

afterEach(resetStore);

/** A CRM that creates every row it is sent and remembers what the import was opened with. */
function recordingCrm() {
  const opened: CreateImport[] = [];
  const sent: ImportRow[] = [];
  const client = {
    settings: crmClientOptionsSchema.parse({ baseUrl: "https://crm.example.com", token: "t" }),
    createImport: vi.fn((body: CreateImport) => {
      opened.push(body);
      return Promise.resolve({ id: "imp-9" });
    }),
    sendBatch: vi.fn((_: string, rows: readonly ImportRow[]) => {
      sent.push(...rows);
      return Promise.resolve(
        rows.map((r, i) => ({ ref: r.ref, outcome: "created", crmId: `C-${i + 1}`, version: 1, errors: [] })),
      );
    }),
    finishImport: vi.fn(() => Promise.resolve({ id: "imp-9" })),
  };
  return { client: client as unknown as CrmClient, finishImport: client.finishImport, opened, sent };
}

async function customersSheet() {
  const { book, env } = simEnv();
  setSchema(testSchema());
  const csv = "Name;Email\nAcme;info@acme.test\nBeta;hi@beta.test\n";
  await openCsv({ env }, { name: "list.csv", bytes: new TextEncoder().encode(csv) }, "auto");
  const inspection = await inspectSheet({ env }, "list");
  await applyMapping(
    { env },
    { inspection, target: "customers", columns: ["name", "email"], firstRowIsHeader: true },
  );
  return { book, env };
}

const options: PaneImportOptions = {
  sheet: "list",
  duplicateAction: "update",
  matchKeys: [["email"], ["customerNumber"]],
  defaults: { campaign: "Spring fair" },
  notifyEmail: "me@acme.test",
};

describe("importing with the pane's options", () => {
  it("opens the import with the duplicate action, match keys, defaults and e-mail chosen in the pane", async () => {
    const { env } = await customersSheet();
    const crm = recordingCrm();
    const summary = await importWithOptions({ env, client: crm.client }, options);
    expect(crm.opened).toEqual([
      expect.objectContaining({
        sheet: "customers",
        duplicateAction: "update",
        matchKeys: [["email"], ["customerNumber"]],
        defaults: { campaign: "Spring fair" },
        notifyEmail: "me@acme.test",
      }),
    ]);
    expect(crm.sent.map((r) => r.values.name)).toEqual(["Acme", "Beta"]);
    expect(summary).toMatchObject({ created: 2, importId: "imp-9" });
  });

  it("a dry run opens the import as a dry run and returns each row's outcome without touching the sheet", async () => {
    const { book, env } = await customersSheet();
    const crm = recordingCrm();
    const before = JSON.stringify(book.sheet("list"));
    const rows = await previewImport({ env, client: crm.client }, options);
    expect(crm.opened[0]).toMatchObject({
      dryRun: true,
      matchKeys: options.matchKeys,
      duplicateAction: "update",
    });
    expect(rows).toEqual([
      { ref: "list!2", outcome: "created", messages: [] },
      { ref: "list!3", outcome: "created", messages: [] },
    ]);
    expect(crm.finishImport).toHaveBeenCalledWith("imp-9");
    expect(JSON.stringify(book.sheet("list"))).toBe(before);
  });
});

describe("the organisation's defaults and the sheet's last chosen options (issue 15)", () => {
  const orgSchema = () => ({
    ...testSchema(),
    importDefaults: { duplicateAction: "update" as const, matchMode: "all" as const, contactCategory: null },
    defaultMatchKeys: { ...testSchema().defaultMatchKeys, customers: [["name"], ["name", "postalCode"]] },
  });

  it("the ribbon's Import starts from the organisation's defaults, then from what was last chosen for the sheet", async () => {
    const { env } = await customersSheet();
    setSchema(orgSchema());
    const crm = recordingCrm();
    const deps = { env, client: crm.client };
    expect(await ribbonImportOptions(deps, "list", "customers")).toEqual({
      sheet: "list",
      duplicateAction: "update",
      matchKeys: [["name"], ["name", "postalCode"]],
      matchMode: "all",
      defaults: {},
    });
    await importWithOptions(deps, { ...options, matchMode: "any" });
    expect(crm.opened[0]).toMatchObject({ matchMode: "any", duplicateAction: "update" });
    expect(await ribbonImportOptions(deps, "list", "customers")).toEqual({
      sheet: "list",
      duplicateAction: "update",
      matchKeys: [["email"], ["customerNumber"]],
      matchMode: "any",
      defaults: { campaign: "Spring fair" },
      notifyEmail: "me@acme.test",
    });
  });

  it("a dry run opens its import combined when the user chose all the ticked columns together", async () => {
    const { env } = await customersSheet();
    const crm = recordingCrm();
    await previewImport({ env, client: crm.client }, { ...options, matchMode: "all" });
    expect(crm.opened[0]).toMatchObject({ dryRun: true, matchMode: "all", matchKeys: options.matchKeys });
  });

  it("Validate's status names what the defaults give a new record", () => {
    const contacts = testSchema().sheets.contacts;
    const report = { ref: "C!2", outcome: "created" as const, crmId: null, version: null, errors: [] };
    expect(predictedStatus(contacts, report, 0)).toBe("Ready: will create");
    expect(predictedStatus(contacts, { ...report, defaulted: { category: "Decision maker" } }, 0)).toBe(
      "Ready: will create with Category Decision maker (the default)",
    );
  });
});
