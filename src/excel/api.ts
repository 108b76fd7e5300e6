/**
 * What the workflows call: each function is one Excel.run through the injected runner.
 */
import type { CrmRecord, SheetDef } from "../domain";
import { heldRowsOf, writeRecords, type HeldRows, type WriteMode, type WriteReport } from "./download";
import type { SheetFrame } from "./frame";
import { paintMarks, type CellMark } from "./marks";
import { readGrid, readRows, type SheetGrid } from "./read";
import { runBatch, supportsFillPattern, supportsNotes, type ExcelEnv } from "./runner";
import { ensureTemplates, type TemplateOutcome } from "./template-ensure";
import type { TemplateInput } from "./template";
import { writeOutcomes, type RowOutcomeCells } from "./writeback";

const sheetOf = (context: Excel.RequestContext, name: string | undefined): Excel.Worksheet =>
  name === undefined
    ? context.workbook.worksheets.getActiveWorksheet()
    : context.workbook.worksheets.getItem(name);

/** The sheet (the active one when no name is given) read in blocks. */
export const readSheet = (env: ExcelEnv, name?: string): Promise<SheetGrid> =>
  runBatch(env, async (context) => ({
    ...(await readGrid(context, sheetOf(context, name))),
    locale: env.locale?.() ?? null,
  }));

/** Some rows of a sheet, with its header and frame; rows above the data are left out. */
export const readSheetRows = (env: ExcelEnv, name: string, first: number, last: number): Promise<SheetGrid> =>
  runBatch(env, async (context) => {
    const grid = await readRows(context, context.workbook.worksheets.getItem(name), first, last);
    const skip = Math.max(0, grid.frame.headerRow + 1 - first);
    return { ...grid, firstRow: first + skip, rows: grid.rows.slice(skip), locale: env.locale?.() ?? null };
  });

export interface MarksUpdate {
  frame: SheetFrame;
  firstRow: number;
  memory: SheetGrid["rows"][number][number][];
  marks: readonly CellMark[];
  statuses: readonly (string | null)[];
  oldStatuses?: readonly SheetGrid["rows"][number][number][];
  promptTitle: string;
}

const hostFeatures = (env: ExcelEnv) => ({
  notes: supportsNotes(env),
  pattern: supportsFillPattern(env),
});

export const paintSheetMarks = (env: ExcelEnv, name: string, update: MarksUpdate): Promise<void> =>
  runBatch(env, (context) =>
    paintMarks(context, context.workbook.worksheets.getItem(name), {
      ...update,
      ...hostFeatures(env),
    }),
  );

/** Every mark of ours removed: the user's own fills back, our messages and statuses gone. Answers the sheet's name. */
export async function clearSheetMarks(env: ExcelEnv, name?: string): Promise<string> {
  const grid = await readSheet(env, name);
  await paintSheetMarks(env, grid.name, {
    frame: grid.frame,
    firstRow: grid.firstRow,
    memory: grid.rows.map((r) => r[grid.frame.marksCol] ?? null),
    marks: [],
    statuses: grid.rows.map((r) => (r[grid.frame.statusCol] ? "" : null)),
    oldStatuses: grid.rows.map((r) => r[grid.frame.statusCol] ?? null),
    promptTitle: "",
  });
  return grid.name;
}

export const ensureTemplateSheets = (
  env: ExcelEnv,
  input: Omit<TemplateInput, "notes" | "pattern">,
): Promise<Record<string, TemplateOutcome>> =>
  runBatch(env, (context) => ensureTemplates(context, { ...input, ...hostFeatures(env) }));

/** Written into the sheet named by `sheet.title` (a new sheet's own title for "download into a new sheet"). */
export const writeDownload = (
  env: ExcelEnv,
  sheet: SheetDef,
  records: readonly CrmRecord[],
  onBlock?: (written: number) => void,
  mode: WriteMode = "replace",
): Promise<WriteReport> =>
  runBatch(env, (context) =>
    writeRecords(
      context,
      context.workbook.worksheets.getItem(sheet.title),
      sheet,
      records,
      hostFeatures(env),
      onBlock,
      mode,
    ),
  );

/** The rows of the sheet a download would write into that it must not lose without asking (none: no such sheet). */
export const heldRowsIn = (env: ExcelEnv, sheet: SheetDef): Promise<HeldRows> =>
  runBatch(env, async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet.title);
    await context.sync();
    if (ws.isNullObject) return { unsent: 0, edited: 0 };
    return heldRowsOf(await readGrid(context, ws), sheet);
  });

/** "Customers (2)", "Customers (3)", ...: the first title no sheet of the workbook has. */
export const freeSheetTitle = (env: ExcelEnv, base: string): Promise<string> =>
  runBatch(env, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    for (let n = 2; ; n++) {
      const title = `${base} (${n})`;
      if (!taken.has(title.toLowerCase())) return title;
    }
  });

export const writeImportOutcomes = (
  env: ExcelEnv,
  name: string,
  frame: SheetFrame,
  crmIdCol: number | null,
  outcomes: readonly RowOutcomeCells[],
): Promise<void> =>
  runBatch(env, (context) =>
    writeOutcomes(
      context,
      context.workbook.worksheets.getItem(name),
      frame,
      crmIdCol,
      outcomes,
      supportsNotes(env),
    ),
  );

/** Where versions before issue 16 kept the CRM address and token: in the workbook, travelling with it. */
const LEGACY_SETTINGS_KEY = "crm.connection";

/** Removes a connection an older version saved in the workbook's settings; true when there was one. */
export const removeLegacyConnection = (env: ExcelEnv): Promise<boolean> =>
  runBatch(env, async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(LEGACY_SETTINGS_KEY);
    await context.sync();
    if (item.isNullObject) return false;
    item.delete();
    await context.sync();
    return true;
  });
