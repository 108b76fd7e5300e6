// A minimal global `Excel` (and `Office`) for code that runs under Node, where Office.js is absent.
import type { SimWorkbook } from "./model";
import { createExcelRunner } from "./runner";

export const ExcelEnums = {
  ConditionalFormatType: {
    custom: "Custom",
    cellValue: "CellValue",
    containsText: "ContainsText",
    dataBar: "DataBar",
    colorScale: "ColorScale",
    iconSet: "IconSet",
    topBottom: "TopBottom",
    presetCriteria: "PresetCriteria",
  },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  ClearApplyTo: {
    all: "All",
    formats: "Formats",
    contents: "Contents",
    hyperlinks: "Hyperlinks",
    removeHyperlinks: "RemoveHyperlinks",
    resetContents: "ResetContents",
  },
  HorizontalAlignment: {
    general: "General",
    left: "Left",
    center: "Center",
    right: "Right",
    fill: "Fill",
    justify: "Justify",
    centerAcrossSelection: "CenterAcrossSelection",
    distributed: "Distributed",
  },
  DataValidationType: {
    none: "None",
    wholeNumber: "WholeNumber",
    decimal: "Decimal",
    list: "List",
    date: "Date",
    time: "Time",
    textLength: "TextLength",
    custom: "Custom",
    inconsistent: "Inconsistent",
    mixedCriteria: "MixedCriteria",
  },
  DataValidationAlertStyle: { stop: "Stop", warning: "Warning", information: "Information" },
  EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
  EventSource: { local: "Local", remote: "Remote" },
  DataChangeType: { unknown: "Unknown", rangeEdited: "RangeEdited" },
  ErrorCodes: {
    propertyNotLoaded: "PropertyNotLoaded",
    itemNotFound: "ItemNotFound",
    itemAlreadyExists: "ItemAlreadyExists",
    invalidArgument: "InvalidArgument",
    invalidOperation: "InvalidOperation",
    invalidReference: "InvalidReference",
    apiNotFound: "ApiNotFound",
    requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
    responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  },
} as const;

type Batch = (context: Excel.RequestContext) => Promise<unknown>;

/**
 * Defines globalThis.Excel (the enums above plus `run` bound to the workbook) and replaces
 * globalThis.Office with a minimal one whose `context.requirements.isSetSupported` answers for the workbook.
 * Returns a function that restores what was there before.
 */
export function installExcelGlobals(book: SimWorkbook): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const before = { Excel: g.Excel, Office: g.Office };
  const runner = createExcelRunner(book);
  const run = (first: unknown, second?: unknown) => {
    const batch = (typeof first === "function" ? first : second) as Batch;
    // Excel.run(options, batch): the options object carries delayForCellEdit.
    const options =
      typeof first === "object" && first !== null && "delayForCellEdit" in first
        ? { delayForCellEdit: (first as { delayForCellEdit?: boolean }).delayForCellEdit === true }
        : undefined;
    return runner(batch, options);
  };
  g.Excel = { ...ExcelEnums, run };
  g.Office = {
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => book.isSetSupported(name, version),
      },
    },
    onReady: async () => ({ host: "Excel", platform: "OfficeOnline" }),
    HostType: { Excel: "Excel" },
  };
  return () => {
    g.Excel = before.Excel;
    g.Office = before.Office;
  };
}
