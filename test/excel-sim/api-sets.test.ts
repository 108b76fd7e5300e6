import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readApiSets } from "../../scripts/api-sets-parse";
import { excelApiSets } from "../../workbench/excel-sim/api-sets";

const require = createRequire(import.meta.url);

describe("excel-sim requirement sets from @types/office-js", () => {
  it("is the module scripts/api-sets.ts generates from the installed typings, not a hand-kept list", () => {
    const typings = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8");
    const sets = Object.fromEntries(readApiSets(typings));
    expect(excelApiSets).toEqual(sets);
    expect(sets).toMatchObject({
      "Range.values": "1.1",
      "RangeFill.pattern": "1.9",
      "Worksheet.customProperties": "1.12",
      "WorksheetChangedEventArgs.triggerSource": "1.14",
      "NoteCollection.add": "1.18",
      "NoteCollection.getItemOrNullObject": "1.18",
    });
  });
});
