import { SimWorkbook, createExcelRunner } from "../../workbench/excel-sim";
import type { ExcelEnv } from "../../src/excel";

/** A simulated workbook and the env src/excel runs against. */
export function simEnv(
  apiVersion = "1.18",
  options: { hostSliceMs?: number; date1904?: boolean } = {},
): { book: SimWorkbook; env: ExcelEnv } {
  const book = new SimWorkbook({ apiVersion, ...options });
  return {
    book,
    env: {
      run: createExcelRunner(book),
      isSetSupported: (name, version) => book.isSetSupported(name, version),
    },
  };
}
