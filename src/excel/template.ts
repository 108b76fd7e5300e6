import type { FieldDef, SheetDef } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { cellAddress, columnLetter, rangeAddress } from "./a1";
import { planLists, listsGrid, listsRangeAddress, type ListsPlan } from "./lists";
import {
  DATE_FORMAT,
  FIRST_DATA_ROW,
  HEADER_ROW,
  LAST_ROW,
  LEGEND_ROW,
  STATUS_WIDTH,
  headerText,
  isTextColumn,
  layoutOf,
  pointsForChars,
  propertyKeys,
  systemHeaders,
  widthOf,
  type TemplateLayout,
} from "./layout";
import { markStyles, palette, requirementFill, type MarkStyle } from "./palette";
import { setCellMessage } from "./cell-message";

export interface TemplateInput {
  sheets: readonly SheetDef[];
  picklists: Readonly<Record<string, readonly string[]>>;
  schemaHash: string;
  version: string;
  /** Notes (ExcelApi 1.18) or, without them, data-validation prompts. */
  notes: boolean;
  /** fill.pattern and patternColor (ExcelApi 1.9) for the key's mark styles. */
  pattern: boolean;
}

/** The word above a column in row 1: what that column is, so row 1 never describes another column. */
export function columnKey(field: FieldDef): string {
  if (field.system) return text.keySystem;
  if (field.requirement === "required") return text.keyRequired;
  if (field.requirement === "multiLocation") return text.keyMultiLocation;
  return text.keyOptional;
}

/** A key entry: its words and the look it explains (a fill, or a mark's fill and pattern). */
interface KeyEntry {
  label: string;
  style: MarkStyle | null;
}

const solid = (color: string): MarkStyle => ({ color, pattern: "Solid", patternColor: null });

/** The key's entries, in order; multi-location only where the sheet has such columns. */
export function keyEntries(layout: TemplateLayout): KeyEntry[] {
  const hasMulti = layout.fields.some((f) => f.requirement === "multiLocation");
  return [
    { label: text.legendTitle, style: null },
    { label: text.legendRequired, style: solid(palette.required) },
    { label: text.legendOptional, style: solid(palette.optional) },
    ...(hasMulti ? [{ label: text.legendMultiLocation, style: solid(palette.multiLocation) }] : []),
    { label: text.legendSystem, style: solid(palette.systemHeader) },
    { label: text.legendError, style: markStyles.error },
    { label: text.legendWarning, style: markStyles.warning },
    { label: text.legendConflict, style: markStyles.conflict },
  ];
}

/** The first column of the key: one empty column after the add-in's hidden ones. */
export const keyColumn = (layout: TemplateLayout): number => layout.marksCol + 2;

/**
 * Row 1: above each column the word for that column (in its header's colour), then, after a gap right
 * of the add-in's columns, the key as its own block, each entry in the look it explains and its column
 * as wide as its words. Nothing is wrapped, so row 1 never changes a data column's width or height.
 */
function writeKey(ws: Excel.Worksheet, layout: TemplateLayout, pattern: boolean): void {
  const words = [...layout.fields.map(columnKey), text.keyStatus];
  const row = ws.getRange(rangeAddress(LEGEND_ROW, 0, LEGEND_ROW, words.length - 1));
  row.values = [words];
  row.format.font.italic = true;
  layout.fields.forEach((f, c) => {
    ws.getRange(cellAddress(LEGEND_ROW, c)).format.fill.color = f.system
      ? palette.systemHeader
      : requirementFill(f.requirement);
  });
  ws.getRange(cellAddress(LEGEND_ROW, layout.statusCol)).format.fill.color = palette.systemHeader;
  const entries = keyEntries(layout);
  const first = keyColumn(layout);
  const last = first + entries.length - 1;
  const block = ws.getRange(rangeAddress(LEGEND_ROW, first, LEGEND_ROW, last));
  setNumberFormat(block, "@");
  block.values = [entries.map((e) => e.label)];
  ws.getRange(cellAddress(LEGEND_ROW, first)).format.font.bold = true;
  entries.forEach((e, i) => {
    const letter = columnLetter(first + i);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = pointsForChars(e.label.length + 2);
    if (!e.style) return;
    const fill = ws.getRange(cellAddress(LEGEND_ROW, first + i)).format.fill;
    fill.color = e.style.color;
    if (pattern && e.style.patternColor) {
      fill.pattern = e.style.pattern;
      fill.patternColor = e.style.patternColor;
    }
  });
}

function writeHeaders(ws: Excel.Worksheet, layout: TemplateLayout, notes: boolean): void {
  const headers = [...layout.fields.map(headerText), ...systemHeaders];
  const row = ws.getRange(rangeAddress(HEADER_ROW, 0, HEADER_ROW, headers.length - 1));
  row.values = [headers];
  row.format.font.bold = true;
  row.format.font.color = palette.text;
  layout.fields.forEach((f, c) => {
    const cell = ws.getRange(cellAddress(HEADER_ROW, c));
    cell.format.fill.color = f.system ? palette.systemHeader : requirementFill(f.requirement);
    setCellMessage(
      ws,
      cellAddress(HEADER_ROW, c),
      headerText(f),
      headerNote(f.description, f.maxLength, f.options),
      notes,
    );
  });
  for (const c of [layout.statusCol, layout.versionCol, layout.hashCol, layout.marksCol]) {
    ws.getRange(cellAddress(HEADER_ROW, c)).format.fill.color = palette.systemHeader;
  }
}

function headerNote(description: string, maxLength?: number, options?: readonly string[]): string {
  const parts = [description];
  if (maxLength !== undefined) parts.push(text.maxLength(maxLength));
  if (options && options.join(", ").length < 120) parts.push(text.options(options.join(", ")));
  return parts.join(" ");
}

/**
 * Office.js applies a single value to every cell of a range; the typings only show the 2-D form.
 * Never on an unbounded range ("A:A"): Excel refuses cell-level writes there (Microsoft, "Read or
 * write to an unbounded range"), so callers pass a bounded one such as dataRows(c).
 */
export function setNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** A column's data cells, row 3 to the sheet's last row: bounded, unlike "A:A". */
const dataRows = (ws: Excel.Worksheet, c: number): Excel.Range =>
  ws.getRange(rangeAddress(FIRST_DATA_ROW, c, LAST_ROW, c));

/** Column formats: text for text-like and code-like columns, dates, dropdowns, the grey CRM ID, widths. */
function writeColumns(ws: Excel.Worksheet, layout: TemplateLayout, lists: ListsPlan): void {
  layout.fields.forEach((f, c) => {
    const letter = columnLetter(c);
    const column = ws.getRange(`${letter}:${letter}`);
    if (isTextColumn(f) || f.codeLike) setNumberFormat(dataRows(ws, c), "@");
    if (f.kind === "date") setNumberFormat(dataRows(ws, c), DATE_FORMAT);
    if (f.system) {
      column.format.fill.color = palette.systemCell;
      column.format.font.color = palette.systemFont;
    }
    column.format.columnWidth = widthOf(f);
    const source = lists.sourceOf(f);
    if (source) {
      const data = dataRows(ws, c);
      data.dataValidation.clear();
      data.dataValidation.rule = { list: { inCellDropDown: true, source } };
    }
  });
  const status = columnLetter(layout.statusCol);
  ws.getRange(`${status}:${status}`).format.columnWidth = STATUS_WIDTH;
  for (const c of [layout.versionCol, layout.hashCol, layout.marksCol]) {
    const letter = columnLetter(c);
    setNumberFormat(dataRows(ws, c), "@");
    ws.getRange(`${letter}:${letter}`).columnHidden = true;
  }
}

/**
 * The rule that turns a multi-location cell the required colour: its row's Multi-location is Yes and
 * the cell carries no mark of ours. A conditional format wins over a cell's own fill in Excel, so
 * without the second condition an error painted there would never show; the row's hidden marks cell
 * lists every marked column as "|<col>:" (mark-memory.ts), which SEARCH finds.
 */
export function multiLocationRule(flagCol: number, col: number, marksCol: number): string {
  const row = FIRST_DATA_ROW + 1;
  return (
    `=AND($${columnLetter(flagCol)}${row}="${text.yes}",` +
    `ISERROR(SEARCH("|${col}:","|"&$${columnLetter(marksCol)}${row})))`
  );
}

/** A row's multi-location cells turn the required colour when its Multi-location is Yes, add-in or not. */
function writeMultiLocationFormat(ws: Excel.Worksheet, layout: TemplateLayout): void {
  const flag = layout.fields.findIndex((f) => f.key === "multiLocation");
  if (flag < 0) return;
  layout.fields.forEach((f, c) => {
    if (f.requirement !== "multiLocation") return;
    const range = ws.getRange(rangeAddress(FIRST_DATA_ROW, c, LAST_ROW, c));
    const cf = range.conditionalFormats.add("Custom");
    cf.custom.rule.formula = multiLocationRule(flag, c, layout.marksCol);
    cf.custom.format.fill.color = palette.required;
  });
}

function writeProperties(ws: Excel.Worksheet, sheet: SheetDef, input: TemplateInput): void {
  ws.customProperties.add(propertyKeys.version, input.version);
  ws.customProperties.add(propertyKeys.schemaHash, input.schemaHash);
  ws.customProperties.add(propertyKeys.sheet, sheet.name);
}

/** Everything a template sheet carries, queued on an existing, empty worksheet (no sync). */
export function queueTemplate(
  ws: Excel.Worksheet,
  sheet: SheetDef,
  lists: ListsPlan,
  input: TemplateInput,
): void {
  const layout = layoutOf(sheet);
  writeColumns(ws, layout, lists);
  // Legend and headers are text: a custom field's label ("=HYPERLINK(...)", "+1 ...") stays a label.
  setNumberFormat(ws.getRange(rangeAddress(LEGEND_ROW, 0, HEADER_ROW, layout.marksCol)), "@");
  writeKey(ws, layout, input.pattern);
  writeHeaders(ws, layout, input.notes);
  writeMultiLocationFormat(ws, layout);
  ws.freezePanes.freezeRows(HEADER_ROW + 1);
  writeProperties(ws, sheet, input);
}

/** The hidden Lists sheet's content, queued on the given worksheet (cleared by the caller). */
export function queueLists(ws: Excel.Worksheet, plan: ListsPlan): void {
  if (plan.columns.length === 0) return;
  const grid = listsGrid(plan);
  const range = ws.getRange(listsRangeAddress(plan));
  range.numberFormat = grid.map((r) => r.map(() => "@"));
  range.values = grid;
  ws.visibility = "Hidden";
}

export { planLists };
