// workbench/excel-sim: an in-memory Excel JavaScript API subset for tests, benches and the workbench.
export { SimWorkbook, excelHosts } from "./model";
export type { CellSnapshot, SimStats, RequestRecord, SimWorkbookOptions, TriggerSource } from "./model";
export { createExcelRunner, createContext } from "./runner";
export type { ExcelRunner } from "./runner";
export type { SimRunOptions } from "./context";
export { installExcelGlobals, ExcelEnums } from "./globals";
export { SimExcelError } from "./errors";
export type { SimErrorCode } from "./errors";
export {
  REQUEST_LIMIT_BYTES,
  RESPONSE_LIMIT_BYTES,
  MAX_CELLS_PER_READ,
  MAX_ADDRESS_LENGTH,
  jsonBytes,
} from "./limits";
export { columnLetters, columnIndex, parseArea, parseAreas, formatAddress } from "./address";
export type { SimSheet } from "./sheet";
