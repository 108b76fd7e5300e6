// The corpus of real-looking exports (test/corpus) through the pane's path, held to per-file floors:
// no header proposed to a wrong field, the grouping proposal right, the headers that name our fields
// and the good rows importable at least as well as measured, every seed-rule row with its message.
import { describe, expect, it } from "vitest";
import { corpusFiles, scoreFile } from "../corpus/run-corpus";

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
