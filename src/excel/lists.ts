import { optionsOf, type FieldDef, type SheetDef } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { absoluteRange, columnLetter, sheetRef } from "./a1";

/** One column of the hidden Lists sheet: a name in row 1, the options below. */
export interface ListColumn {
  name: string;
  items: readonly string[];
}

export interface ListsPlan {
  columns: ListColumn[];
  /** The list-validation source of a field ("=Lists!$B$2:$B$24"), or undefined for free text. */
  sourceOf(field: FieldDef): string | undefined;
}

const listName = (sheet: SheetDef, field: FieldDef): string | undefined => {
  if (field.kind === "yesNo") return "yesNo";
  if (field.kind !== "picklist") return undefined;
  return field.picklist ?? `${sheet.name}.${field.key}`;
};

/**
 * Every dropdown's options on one hidden sheet, so a list longer than the 255 characters an inline
 * source allows (countries, a tenant's categories) still gets a dropdown.
 */
export function planLists(
  sheets: readonly SheetDef[],
  picklists: Readonly<Record<string, readonly string[]>>,
): ListsPlan {
  const columns: ListColumn[] = [];
  const index = new Map<string, number>();
  for (const sheet of sheets) {
    for (const field of sheet.fields) {
      const name = listName(sheet, field);
      if (!name || index.has(name)) continue;
      const items = field.kind === "yesNo" ? [text.yes, text.no] : optionsOf(field, picklists);
      if (!items || items.length === 0) continue;
      index.set(name, columns.length);
      columns.push({ name, items });
    }
  }
  const ref = sheetRef(text.listsSheet);
  const sourcesBySheet = new Map(sheets.map((s) => [s.name, s]));
  return {
    columns,
    sourceOf(field: FieldDef) {
      const sheet = [...sourcesBySheet.values()].find((s) => s.fields.includes(field));
      const name = sheet ? listName(sheet, field) : field.kind === "yesNo" ? "yesNo" : field.picklist;
      const col = name === undefined ? undefined : index.get(name);
      if (col === undefined) return undefined;
      const items = columns[col]!.items.length;
      return `=${ref}!${absoluteRange(1, col, items, col)}`;
    },
  };
}

/** The Lists sheet's cells as one block: names on the first row, options below, blanks padding. */
export function listsGrid(plan: ListsPlan): string[][] {
  const height = 1 + Math.max(0, ...plan.columns.map((c) => c.items.length));
  const grid: string[][] = [];
  for (let r = 0; r < height; r++) {
    grid.push(plan.columns.map((c) => (r === 0 ? c.name : (c.items[r - 1] ?? ""))));
  }
  return grid;
}

export const listsRangeAddress = (plan: ListsPlan): string => {
  const grid = listsGrid(plan);
  return `A1:${columnLetter(Math.max(0, plan.columns.length - 1))}${grid.length}`;
};
