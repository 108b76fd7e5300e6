import type { SheetDef } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { normaliseHeader } from "../import";
import { rangeAddress } from "./a1";
import { FIRST_DATA_ROW, headerText, layoutOf, propertyKeys, systemHeaders } from "./layout";
import { blocksOf } from "./download";
import { planLists, type ListsPlan } from "./lists";
import { readGrid, type CellValue, type SheetGrid } from "./read";
import { queueLists, queueTemplate, type TemplateInput } from "./template";

export type TemplateOutcome = "created" | "upgraded" | "current";

/** A sheet made from the same template version and schema needs nothing. */
export function isCurrent(properties: Readonly<Record<string, string>>, input: TemplateInput): boolean {
  return (
    properties[propertyKeys.version] === input.version &&
    properties[propertyKeys.schemaHash] === input.schemaHash
  );
}

/** The old sheet's data rows re-ordered into the new template's columns, matched by header. */
export function remapRows(grid: SheetGrid, sheet: SheetDef): CellValue[][] {
  const layout = layoutOf(sheet);
  const targets = [...layout.fields.map(headerText), ...systemHeaders.slice(0, 3)].map(normaliseHeader);
  const oldHeaders = [...grid.frame.headers.map(normaliseHeader)];
  oldHeaders[grid.frame.statusCol] = normaliseHeader(text.statusHeader);
  oldHeaders[grid.frame.versionCol] = normaliseHeader(text.versionHeader);
  oldHeaders[grid.frame.hashCol] = normaliseHeader(text.hashHeader);
  const from = targets.map((t) => oldHeaders.indexOf(t));
  return grid.rows
    .filter((r) => r.some((v) => v !== null && v !== ""))
    .map((r) => from.map((c) => (c < 0 ? "" : (r[c] ?? ""))));
}

/** The old sheet rebuilt as the current template, its rows moved under the new headers. */
async function upgrade(
  context: Excel.RequestContext,
  existing: Excel.Worksheet,
  sheet: SheetDef,
  lists: ListsPlan,
  input: TemplateInput,
): Promise<void> {
  const grid = await readGrid(context, existing);
  const rows = remapRows(grid, sheet);
  existing.load("position");
  await context.sync();
  const position = existing.position;
  existing.name = `${sheet.title} (old)`;
  const fresh = context.workbook.worksheets.add(sheet.title);
  fresh.position = position;
  existing.delete();
  queueTemplate(fresh, sheet, lists, input);
  for (const [from, to] of blocksOf(rows)) {
    fresh.getRange(
      rangeAddress(FIRST_DATA_ROW + from, 0, FIRST_DATA_ROW + to - 1, rows[0]!.length - 1),
    ).values = rows.slice(from, to);
    await context.sync();
  }
}

/**
 * Creates the template sheets that are missing and upgrades those made by an older template or for
 * another schema (recognised by their custom properties): the old sheet is rebuilt and its data
 * moved under the new headers. The hidden Lists sheet is rewritten every time. The first sheet is
 * activated, so the user sees it and the ribbon's Validate acts on it.
 */
export async function ensureTemplates(
  context: Excel.RequestContext,
  input: TemplateInput,
): Promise<Record<string, TemplateOutcome>> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const byName = new Map(sheets.items.map((s) => [s.name, s]));
  const lists = planLists(input.sheets, input.picklists);
  const outcomes: Record<string, TemplateOutcome> = {};
  const listsSheet = byName.get(text.listsSheet) ?? sheets.add(text.listsSheet);
  if (byName.has(text.listsSheet)) listsSheet.getRange().clear("Contents");
  queueLists(listsSheet, lists);
  const props = new Map<string, Excel.WorksheetCustomPropertyCollection>();
  for (const sheet of input.sheets) {
    const existing = byName.get(sheet.title);
    if (!existing) continue;
    existing.customProperties.load("items/key,items/value");
    props.set(sheet.title, existing.customProperties);
  }
  if (props.size) await context.sync();
  for (const sheet of input.sheets) {
    const existing = byName.get(sheet.title);
    const found = props.get(sheet.title);
    if (!existing || !found) {
      queueTemplate(sheets.add(sheet.title), sheet, lists, input);
      outcomes[sheet.name] = "created";
      continue;
    }
    const properties = Object.fromEntries(found.items.map((p) => [p.key, String(p.value)]));
    if (isCurrent(properties, input)) {
      outcomes[sheet.name] = "current";
      continue;
    }
    await upgrade(context, existing, sheet, lists, input);
    outcomes[sheet.name] = "upgraded";
  }
  const first = input.sheets[0];
  if (first) sheets.getItem(first.title).activate();
  await context.sync();
  return outcomes;
}
