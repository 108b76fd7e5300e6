/**
 * The mapping the user chose for a sheet, kept beside it: the sheet's header cells stay as the user
 * wrote them, and Validate, Import and the live check read the columns through this mapping. A
 * column set to "Don't import" is never read, whatever its header says.
 *
 * Where it lives: the workbook's add-in settings under `crm.sheetMapping.<id>`, the id in the
 * worksheet's `crmMapping` custom property. The property follows the sheet through renames (and a
 * copied sheet shares its mapping); the setting has room for value maps, which a worksheet property
 * may not (Office documents a 255-character limit for document properties and none for worksheet
 * ones, so we do not rely on it). Both are saved with the workbook, so the mapping survives reload.
 */
import { z } from "zod";
import { dateOrders, mapHeaders, normaliseHeader } from "../import";
import { sheetNames, type SheetDef } from "../domain";
import { readSetting, tagSheet, writeSetting, type ExcelEnv, type SheetGrid } from "../excel";

export const MAPPING_PROPERTY = "crmMapping";
export const decimalMarks = [".", ","] as const;
export type DecimalMark = (typeof decimalMarks)[number];

const fieldKey = z.string().min(1).max(64);

/** Value maps: per field, the file's value (as typed) -> the option it stands for. */
export const valueMapsSchema = z.record(fieldKey, z.record(z.string().max(1_000), z.string().max(1_000)));
export type ValueMaps = z.infer<typeof valueMapsSchema>;

export const sheetMappingSchema = z.object({
  v: z.literal(1),
  target: z.enum(sheetNames),
  /** Each column's header as it was when the user chose, and the field it goes to (null: not read). */
  columns: z.array(z.object({ header: z.string().max(1_000), field: fieldKey.nullable() })).max(16_384),
  /** Per field: the order its text dates are written in. */
  dateOrders: z.record(fieldKey, z.enum(dateOrders)).default({}),
  /** Per field: the decimal mark of its numbers written as text. */
  decimalMarks: z.record(fieldKey, z.enum(decimalMarks)).default({}),
  valueMaps: valueMapsSchema.default({}),
});
export type SheetMapping = z.infer<typeof sheetMappingSchema>;

const settingKey = (id: string): string => `crm.sheetMapping.${id}`;
const newId = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Keeps the mapping with the sheet (a new id each time: an older copy of the sheet keeps its own). */
export async function storeSheetMapping(
  env: ExcelEnv,
  sheetName: string,
  mapping: SheetMapping,
  extraProperties: Record<string, string> = {},
): Promise<void> {
  const id = newId();
  await writeSetting(env, settingKey(id), sheetMappingSchema.parse(mapping));
  await tagSheet(env, sheetName, { ...extraProperties, [MAPPING_PROPERTY]: id });
}

/** The mapping kept with this sheet, or null when it has none (or it cannot be read). */
export async function loadSheetMapping(env: ExcelEnv, grid: SheetGrid): Promise<SheetMapping | null> {
  const id = grid.properties[MAPPING_PROPERTY];
  if (!id) return null;
  const parsed = sheetMappingSchema.safeParse(await readSetting(env, settingKey(id)));
  return parsed.success ? parsed.data : null;
}

/**
 * The field of each column of the sheet as it is now. A column keeps the user's choice by its
 * header (so inserted or moved columns keep theirs); a column the user never saw (added since)
 * gets the usual suggestion for a field nobody took. A "Don't import" choice stays null.
 */
export function columnsOf(
  headers: readonly string[],
  mapping: SheetMapping,
  sheet: SheetDef,
): (string | null)[] {
  const known = new Set(sheet.fields.map((f) => f.key));
  const remaining = mapping.columns.map((c, i) => ({ ...c, norm: normaliseHeader(c.header), i }));
  const used = new Set<string>();
  const unseen: number[] = [];
  const columns = headers.map((h, col): string | null => {
    const norm = normaliseHeader(h);
    // The same position first (two columns may share a header), then the first with that header.
    const atSame = remaining[col];
    const hit = atSame && atSame.norm === norm ? atSame : remaining.find((r) => r.norm === norm);
    if (!hit) {
      unseen.push(col);
      return null;
    }
    remaining.splice(remaining.indexOf(hit), 1, { ...hit, norm: "\u0000taken" });
    const field = hit.field && known.has(hit.field) && !used.has(hit.field) ? hit.field : null;
    if (field) used.add(field);
    return field;
  });
  if (unseen.length) {
    const suggested = mapHeaders(headers, sheet).columns;
    for (const col of unseen) {
      const f = suggested[col] ?? null;
      if (f && !used.has(f)) {
        columns[col] = f;
        used.add(f);
      }
    }
  }
  return columns;
}

/** A mapping for a sheet whose headers are exactly these choices. */
export function sheetMappingFor(
  target: SheetMapping["target"],
  headers: readonly string[],
  fields: readonly (string | null)[],
  extra: Partial<Pick<SheetMapping, "dateOrders" | "decimalMarks" | "valueMaps">> = {},
): SheetMapping {
  return {
    v: 1,
    target,
    columns: headers.map((header, i) => ({ header, field: fields[i] ?? null })),
    dateOrders: extra.dateOrders ?? {},
    decimalMarks: extra.decimalMarks ?? {},
    valueMaps: extra.valueMaps ?? {},
  };
}

export { dateOrders, type DateOrder } from "../import";
