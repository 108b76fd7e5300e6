// Which requirement set a simulated member needs: the simulator's classes named as Excel's, looked up
// in api-sets.ts (generated from @types/office-js by scripts/api-sets.ts).
import { excelApiSets } from "./api-sets";

/** The Excel class each simulator class stands for. */
const excelClassOf: Readonly<Record<string, string>> = {
  WorkbookProxy: "Workbook",
  ApplicationProxy: "Application",
  SimWorksheet: "Worksheet",
  SimWorksheetCollection: "WorksheetCollection",
  SimRange: "Range",
  SimRangeAreas: "RangeAreas",
  SimRangeCollection: "RangeCollection",
  SimRangeFormat: "RangeFormat",
  SimRangeFill: "RangeFill",
  SimRangeFont: "RangeFont",
  SimDataValidation: "DataValidation",
  SimConditionalFormatCollection: "ConditionalFormatCollection",
  SimConditionalFormat: "ConditionalFormat",
  SimCustomConditionalFormat: "CustomConditionalFormat",
  SimCfRule: "ConditionalFormatRule",
  SimCfFormat: "ConditionalRangeFormat",
  SimCfColor: "ConditionalRangeFill",
  SimNote: "Note",
  SimNoteCollection: "NoteCollection",
  SimSetting: "Setting",
  SimSettingCollection: "SettingCollection",
  SimNamedItem: "NamedItem",
  SimNamedItemCollection: "NamedItemCollection",
  SimFreezePanes: "WorksheetFreezePanes",
  SimCustomProperty: "WorksheetCustomProperty",
  SimCustomPropertyCollection: "WorksheetCustomPropertyCollection",
  SimFunctions: "Functions",
  SimFunctionResult: "FunctionResult",
};

const cache = new Map<string, string | null>();

/** "1.18" for SimNoteCollection.add, null for members of no set (or of classes not modelled). */
export function requiredSet(simClass: string, member: string): string | null {
  const key = `${simClass}.${member}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const excel = excelClassOf[simClass];
  const set = excel ? (excelApiSets[`${excel}.${member}`] ?? null) : null;
  cache.set(key, set);
  return set;
}
