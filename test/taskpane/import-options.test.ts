import { afterEach, describe, expect, it, vi } from "vitest";
import { crmClientOptionsSchema, type CrmClient } from "../../src/client";
import type { CreateImport, ImportRow } from "../../src/domain";
import { applyMapping, inspectSheet } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { importWithOptions, previewImport, type PaneImportOptions } from "../../src/workflows/pane-actions";
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
