// The corpus of real-looking exports (test/corpus) through the pane's path, held to per-file floors:
// no header proposed to a wrong field, the grouping proposal right, the headers that name our fields
// and the good rows importable at least as well as measured, every seed-rule row with its message.
import { describe, expect, it } from "vitest";
import { catalogOf } from "../../src/domain";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { applyMapping, inspectSheet, suggestMapping } from "../../src/workflows/column-mapping";
import { openCsv } from "../../src/workflows/open-csv";
import { resetStore, setSchema } from "../../src/workflows/store";
import { assessSheet } from "../../src/workflows/validate-sheet";
import { SimWorkbook, createExcelRunner } from "../../workbench/excel-sim";
import { corpusFiles, corpusSchema, scoreFile } from "../corpus/run-corpus";

/** Per file: headers proposed right, good rows importable (as measured when the corpus was written). */
const floors: Record<string, { right: number; importable: number }> = {
  "dynamics-accounts.csv": { right: 10, importable: 5 },
  "fortnox-kunder.csv": { right: 15, importable: 5 },
  "german-excel.csv": { right: 13, importable: 4 },
  "hubspot-companies.csv": { right: 9, importable: 6 },
  "odoo-contacts.csv": { right: 15, importable: 5 },
  // One US phone written without +1, of a person whose company has no country: not guessed.
  "pipedrive-people.csv": { right: 9, importable: 5 },
  "salesforce-accounts.csv": { right: 11, importable: 6 },
  "visma-kunder.csv": { right: 14, importable: 2 },
  "zoho-accounts.csv": { right: 12, importable: 5 },
};

describe("the export corpus", () => {
  it("has at least eight files, each with a floor", () => {
    expect(corpusFiles().length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(floors).sort()).toEqual(corpusFiles());
  });

  it.each(corpusFiles())(
    "%s imports as proposed",
    async (file) => {
      const s = await scoreFile(file);
      expect(s.wrongHeaders).toEqual([]);
      expect(s.groupingRight).toBe(true);
      expect(s.right).toBeGreaterThanOrEqual(floors[file]!.right);
      expect(s.goodImportable).toBeGreaterThanOrEqual(floors[file]!.importable);
      expect(s.seedMessagesCarried).toBe(s.seedRows);
    },
    60_000,
  );
});

describe("a value read from another spelling", () => {
  it("is named in the row's status after Validate, the cell left as written", async () => {
    resetStore();
    const schema = corpusSchema();
    setSchema(schema);
    const book = new SimWorkbook({ apiVersion: "1.18" });
    const env = {
      run: createExcelRunner(book),
      isSetSupported: (n: string, v: string) => book.isSetSupported(n, v),
    };
    const csv = "Account Name,Phone,Billing Country,Currency\nAcme,+1 212 555 0123,United States,US Dollar\n";
    await openCsv({ env }, { name: "acme.csv", bytes: new TextEncoder().encode(csv) }, "auto");
    const inspection = await inspectSheet({ env }, "acme");
    const columns = suggestMapping(inspection.firstRow, catalogOf(schema).customers, {
      rows: inspection.rows,
      picklists: schema.picklists,
    }).columns.map((c) => c.field);
    expect(columns).toEqual(["name", "phone", "country", "currency"]);
    const [sheet] = await applyMapping(
      { env },
      { inspection, target: "customers", columns, firstRowIsHeader: true },
    );
    const a = await assessSheet({ env }, { sheet: sheet! });
    expect(a.rows[0]!.values).toMatchObject({ country: "US", currency: "USD" });
    expect(a.statuses[0]).toBe(
      sheetMessages.readyCreate + sheetMessages.readAs(["United States → US", "US Dollar → USD"]),
    );
    expect(a.grid.rows[0]!.slice(0, 4)).toEqual(["Acme", "+1 212 555 0123", "United States", "US Dollar"]);
  });
});
