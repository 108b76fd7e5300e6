/** The only Office.js code. Every function takes an ExcelEnv: Excel.run in production, the simulator in tests. */
export * from "./api";
export { officeEnv, supportsNotes, type ExcelEnv, type ExcelRunner, type IsSetSupported } from "./runner";
export { watchEdits, type EditedRows, type StopWatching } from "./live";
export { rowHash, toCell, isoToSerial, escapeText } from "./cells";
export { layoutOf, headerText, TEMPLATE_VERSION, FIRST_DATA_ROW, HEADER_ROW, propertyKeys } from "./layout";
export type { SheetGrid, CellValue } from "./read";
export type { SheetFrame } from "./frame";
export type { CellMark } from "./marks";
export type { RowOutcomeCells } from "./writeback";
export type { HeldRows, WriteMode, WriteReport } from "./download";
export type { TemplateOutcome } from "./template-ensure";
export { cellAddress, columnLetter } from "./a1";
export { palette } from "./palette";
export { turns, drive, TURN_MS, type Turns } from "./turns";
export * from "./sheet-io";
export {
  officeHost,
  officeStorage,
  openInBrowser,
  openOfficeDialog,
  type AddinHost,
  type DialogOutcome,
  type SecretStore,
} from "./addin-host";
export { writeCells, type CellWrite } from "./conflict-cells";
