import { SimWorkbook, createExcelRunner } from "../../workbench/excel-sim";
import type { ExcelEnv } from "../../src/excel";

/** A simulated workbook and the env src/excel runs against. */
export function simEnv(
  apiVersion = "1.18",
  options: { hostSliceMs?: number; date1904?: boolean; locale?: string } = {},
): { book: SimWorkbook; env: ExcelEnv } {
  const { locale, ...host } = options;
  const book = new SimWorkbook({ apiVersion, ...host });
  return {
    book,
    env: {
      run: createExcelRunner(book),
      isSetSupported: (name, version) => book.isSetSupported(name, version),
      ...(locale ? { locale: () => locale } : {}),
    },
  };
}
