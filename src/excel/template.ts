import type { SheetDef } from "../domain";
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
  propertyKeys,
  systemHeaders,
  widthOf,
  type TemplateLayout,
} from "./layout";
import { palette, requirementFill } from "./palette";
import { setCellMessage } from "./cell-message";

export interface TemplateInput {
  sheets: readonly SheetDef[];
  picklists: Readonly<Record<string, readonly string[]>>;
  schemaHash: string;
  version: string;
  /** Notes (ExcelApi 1.18) or, without them, data-validation prompts. */
  notes: boolean;
}

function writeLegend(ws: Excel.Worksheet, layout: TemplateLayout): void {
  const hasMulti = layout.fields.some((f) => f.requirement === "multiLocation");
  const entries: [string, string | null][] = [
    [text.legendTitle, null],
    [text.legendRequired, palette.required],
    [text.legendOptional, palette.optional],
    ...(hasMulti ? [[text.legendMultiLocation, palette.multiLocation] as [string, string]] : []),
    [text.legendSystem, palette.systemHeader],
    [text.legendError, palette.error],
    [text.legendWarning, palette.warning],
  ];
  const row = ws.getRange(rangeAddress(LEGEND_ROW, 0, LEGEND_ROW, entries.length - 1));
  row.values = [entries.map(([label]) => label)];
  row.format.wrapText = true;
  row.format.font.italic = true;
  entries.forEach(([, color], c) => {
    if (color) ws.getRange(cellAddress(LEGEND_ROW, c)).format.fill.color = color;
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

/** A row's multi-location cells turn the required colour when its Multi-location is Yes, add-in or not. */
function writeMultiLocationFormat(ws: Excel.Worksheet, layout: TemplateLayout): void {
  const flag = layout.fields.findIndex((f) => f.key === "multiLocation");
  if (flag < 0) return;
  const formula = `=$${columnLetter(flag)}${FIRST_DATA_ROW + 1}="${text.yes}"`;
  layout.fields.forEach((f, c) => {
    if (f.requirement !== "multiLocation") return;
    const range = ws.getRange(rangeAddress(FIRST_DATA_ROW, c, LAST_ROW, c));
    const cf = range.conditionalFormats.add("Custom");
    cf.custom.rule.formula = formula;
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
  writeLegend(ws, layout);
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
