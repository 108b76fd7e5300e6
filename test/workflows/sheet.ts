import type { SheetDef } from "../../src/domain";
import { columnLetter } from "../../src/excel/a1";
import type { SimWorkbook } from "../../workbench/excel-sim";

/** The column letter of a field in a template sheet. */
export const colOf = (sheet: SheetDef, key: string): string => {
  const i = sheet.fields.findIndex((f) => f.key === key);
  if (i < 0) throw new Error(`no field ${key}`);
  return columnLetter(i);
};

export const statusCol = (sheet: SheetDef): string => columnLetter(sheet.fields.length);

/** A user typing a row into a template sheet (sheet row is 1-based, as Excel shows it). */
export async function typeRow(
  book: SimWorkbook,
  sheet: SheetDef,
  row: number,
  values: Record<string, unknown>,
): Promise<void> {
  const cells = sheet.fields.map((f) => (f.key in values ? values[f.key] : null));
  await book.userEdit(`${sheet.title}!A${row}:${columnLetter(sheet.fields.length - 1)}${row}`, [cells]);
}
