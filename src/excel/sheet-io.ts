/**
 * Small Excel calls for the pane's use cases: select a cell, a new sheet from values, headers renamed,
 * named add-in settings. Each is one Excel.run through the injected env.
 */
import { columnLetter } from "./a1";
import { escapeText } from "./cells";
import { blocksOf } from "./download";
import { propertyKeys } from "./layout";
import type { CellValue } from "./read";
import { runBatch, type ExcelEnv } from "./runner";
import { setNumberFormat } from "./template";

/** Selects a cell given as "Sheet!B5" (sheet names with spaces may be quoted: "'My sheet'!B5"). */
export const selectCell = (env: ExcelEnv, address: string): Promise<void> =>
  runBatch(env, async (context) => {
    const bang = address.lastIndexOf("!");
    const sheet =
      bang < 0
        ? null
        : address
            .slice(0, bang)
            .replace(/^'(.*)'$/, "$1")
            .replace(/''/g, "'");
    const cell = address.slice(bang + 1);
    const ws = sheet
      ? context.workbook.worksheets.getItem(sheet)
      : context.workbook.worksheets.getActiveWorksheet();
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });

/** The name of the active sheet. */
export const activeSheetName = (env: ExcelEnv): Promise<string> =>
  runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getActiveWorksheet();
    ws.load("name");
    await context.sync();
    return ws.name;
  });

/** The sheet and row (0-based) of the active cell, e.g. the row whose customer the ledger shows. */
export const activeCellRow = (env: ExcelEnv): Promise<{ sheet: string; row: number }> =>
  runBatch(env, async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load("rowIndex");
    const ws = cell.worksheet;
    ws.load("name");
    await context.sync();
    return { sheet: ws.name, row: cell.rowIndex };
  });

const rangeOf = (rows: number, cols: number, first = 0): string =>
  `A${first + 1}:${columnLetter(cols - 1)}${first + rows}`;

/**
 * A file's rows are written in blocks sized by the UTF-8 bytes of their JSON, so a wide file or one
 * in Greek or Japanese stays under Excel on the web's 5 MB per request as well as a narrow ASCII one.
 */
export const WRITE_BUDGET_BYTES = 4_500_000;

/**
 * A unique sheet name: the base name, else "base (2)", "base (3)", ... Excel allows 31 characters,
 * none of [ ] : * ? / \, no apostrophe at either end, and not the name "History".
 */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const trimmed = base
    .replace(/[[\]:*?/\\]/g, " ")
    .trim()
    .slice(0, 31)
    .replace(/^'+|'+$/g, "")
    .trim();
  const clean = !trimmed ? "Sheet" : trimmed.toLowerCase() === "history" ? `${trimmed} 1` : trimmed;
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const name = `${clean.slice(0, 31 - ` (${i})`.length)} (${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

export interface NewSheetOptions {
  /** Tag it as one of our sheets (customers, contacts, sites, equipment). */
  sheet?: string;
  /** Format every cell as text ("@"), so a file's "007" and "=x" stay as typed. */
  asText?: boolean;
}

/** A cell as written: strings escaped so Excel keeps them as the text they are (see escapeText). */
const asWritten = (v: CellValue | undefined): CellValue =>
  typeof v === "string" ? escapeText(v) : v === undefined || v === null ? "" : v;

/** A new sheet holding these rows, activated. Returns the name it got. */
export const addSheetWithRows = (
  env: ExcelEnv,
  base: string,
  rows: readonly (readonly CellValue[])[],
  options: NewSheetOptions = {},
): Promise<string> =>
  runBatch(env, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const name = freeSheetName(
      base,
      sheets.items.map((s) => s.name),
    );
    const ws = sheets.add(name);
    const cols = Math.max(1, ...rows.map((r) => r.length));
    if (options.sheet) ws.customProperties.add(propertyKeys.sheet, options.sheet);
    const grid = rows.map((r) =>
      Array.from({ length: cols }, (_, i) => (options.asText ? (r[i] ?? "") : asWritten(r[i]))),
    );
    for (const [first, end] of blocksOf(grid, WRITE_BUDGET_BYTES)) {
      const range = ws.getRange(rangeOf(end - first, cols, first));
      // One scalar format for the block (a bounded range), not a grid of "@" doubling the request.
      if (options.asText) setNumberFormat(range, "@");
      range.values = grid.slice(first, end);
      await context.sync();
    }
    ws.activate();
    await context.sync();
    return name;
  });

/** A named value from the workbook's add-in settings (parsed by the caller). */
export const readSetting = (env: ExcelEnv, key: string): Promise<unknown> =>
  runBatch(env, async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(key);
    item.load("value");
    await context.sync();
    return item.isNullObject ? undefined : (item.value as unknown);
  });

export const writeSetting = (env: ExcelEnv, key: string, value: unknown): Promise<void> =>
  runBatch(env, async (context) => {
    context.workbook.settings.add(key, value);
    await context.sync();
  });

/** Removes custom properties from a sheet (those it has), its cells untouched. */
export const untagSheet = (env: ExcelEnv, name: string, keys: readonly string[]): Promise<void> =>
  runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getItem(name);
    const items = keys.map((key) => ws.customProperties.getItemOrNullObject(key));
    await context.sync();
    for (const item of items) if (!item.isNullObject) item.delete();
    await context.sync();
  });

/** Sets custom properties on a sheet (its kind, the id of its kept mapping), its cells untouched. */
export const tagSheet = (env: ExcelEnv, name: string, properties: Record<string, string>): Promise<void> =>
  runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getItem(name);
    for (const [key, value] of Object.entries(properties)) ws.customProperties.add(key, value);
    await context.sync();
  });
