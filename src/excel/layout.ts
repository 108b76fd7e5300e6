import type { FieldDef, SheetDef } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";

/** Bump when the template's layout changes, so sheets made by an older add-in are upgraded. */
export const TEMPLATE_VERSION = "2";

/**
 * Row 1 holds each column's key word and, right of the add-in's columns, the key; row 2 the headers;
 * data starts on row 3 (zero-based indexes here).
 */
export const LEGEND_ROW = 0;
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = 2;
export const LAST_ROW = 1_048_575;

export const propertyKeys = {
  version: "crmTemplateVersion",
  schemaHash: "crmSchemaHash",
  sheet: "crmSheet",
  /** The CRM import this sheet's rows were last sent to while it is not finished (a CRM fault stopped it). */
  openImport: "crmOpenImport",
} as const;

/**
 * Where the template puts each column: the fields, then the status, then three hidden columns: the
 * record's CRM version, the hash of the row as downloaded, and the fills our marks covered (kept in
 * the row itself so that sorting or deleting rows keeps each row's memory with it).
 */
export interface TemplateLayout {
  sheet: SheetDef;
  fields: FieldDef[];
  statusCol: number;
  versionCol: number;
  hashCol: number;
  marksCol: number;
}

export function layoutOf(sheet: SheetDef): TemplateLayout {
  const n = sheet.fields.length;
  return { sheet, fields: sheet.fields, statusCol: n, versionCol: n + 1, hashCol: n + 2, marksCol: n + 3 };
}

/** The add-in's own columns, by header, after the field columns. */
export const systemHeaders = [
  text.statusHeader,
  text.versionHeader,
  text.hashHeader,
  text.marksHeader,
] as const;

/** The header with its requirement marker, so colour is never the only cue. */
export function headerText(field: FieldDef): string {
  if (field.requirement === "required") return field.label + text.requiredMarker;
  if (field.requirement === "multiLocation") return field.label + text.multiLocationMarker;
  return field.label;
}

const widthByKind: Record<FieldDef["kind"], number> = {
  text: 22,
  email: 28,
  phone: 18,
  url: 26,
  number: 12,
  money: 14,
  date: 14,
  yesNo: 12,
  picklist: 18,
  reference: 24,
};

/**
 * Excel's columnWidth is in points (office-js#187). A width of n characters of the default font
 * (Calibri 11, 7-pixel digits) is n x 7 pixels plus 5 of padding (ECMA-376, col/@width), and a pixel
 * is 0.75 point at 96 dpi: Excel's default 8.43 characters is 64 pixels, 48 points.
 */
export const pointsForChars = (chars: number): number => (chars * 7 + 5) * 0.75;

/** Column width in points, wide enough for the header and typical data. */
export function widthOf(field: FieldDef): number {
  const chars = Math.max(widthByKind[field.kind], headerText(field).length + 2);
  return pointsForChars(Math.min(chars, 40));
}

/** Widest a column grows to fit its data, in characters (longer values wrap or show on select). */
export const MAX_DATA_CHARS = 60;

/**
 * How many character widths a value takes in the default font: East Asian wide and full-width
 * characters (Hangul, CJK, kana, full-width forms) take two (Unicode UAX #11), the rest one.
 */
export function displayChars(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    n += wide ? 2 : 1;
  }
  return n;
}

/**
 * A column's width from the values it holds: wide enough for 95 % of them (a few very long notes do
 * not make the column huge), never narrower than the template made it for its header and kind, and
 * at most MAX_DATA_CHARS. Null when the template's width already fits.
 */
export function widthForValues(field: FieldDef, values: readonly unknown[]): number | null {
  const lengths: number[] = [];
  for (const v of values) if (typeof v === "string" && v !== "") lengths.push(displayChars(v));
  if (!lengths.length) return null;
  lengths.sort((a, b) => a - b);
  const p95 = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.95))]!;
  const points = pointsForChars(Math.min(p95 + 2, MAX_DATA_CHARS));
  return points > widthOf(field) ? points : null;
}

/**
 * Text-formatted ("@") columns: code-like fields keep leading zeros, and no text a user types or we
 * download (a name "=HYPERLINK(...)", a number "00123") is turned into a formula or a number.
 */
export const isTextColumn = (field: FieldDef): boolean =>
  field.kind !== "number" && field.kind !== "money" && field.kind !== "date" && field.kind !== "yesNo";

export const DATE_FORMAT = "yyyy-mm-dd";
export const STATUS_WIDTH = pointsForChars(30);
