// Shared arrangement for the excel-sim tests: a workbook, its runner, and a context-taking shortcut.
import { SimWorkbook, createExcelRunner, type SimWorkbookOptions } from "../../workbench/excel-sim";

export function setup(options: SimWorkbookOptions = { sheets: ["Customers", "Lists"] }) {
  const book = new SimWorkbook(options);
  const run = createExcelRunner(book);
  return { book, run };
}

/** Runs fn and returns the error it threw (or rejects if it did not throw). */
export async function errorOf(
  fn: () => Promise<unknown>,
): Promise<{ code?: string; message: string; name: string }> {
  try {
    await fn();
  } catch (error) {
    return error as { code?: string; message: string; name: string };
  }
  throw new Error("expected an error");
}
