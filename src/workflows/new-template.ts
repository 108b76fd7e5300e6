import { catalogOf, sheetNames, type SheetName } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { TEMPLATE_VERSION, ensureTemplateSheets, type TemplateOutcome } from "../excel";
import { schemaOf, type WorkflowDeps } from "./deps";
import { notify } from "./store";

/**
 * New template: the Customers, Contacts, Sites and Equipment sheets (and the hidden Lists sheet) made
 * from the CRM's schema with its custom fields; sheets from an older template or schema are upgraded
 * in place.
 */
export async function newTemplate(
  deps: WorkflowDeps,
  sheets: readonly SheetName[] = sheetNames,
): Promise<Record<string, TemplateOutcome>> {
  const schema = await schemaOf(deps);
  const catalog = catalogOf(schema);
  const outcomes = await ensureTemplateSheets(deps.env, {
    sheets: sheets.map((s) => catalog[s]),
    picklists: schema.picklists,
    schemaHash: schema.schemaHash,
    version: TEMPLATE_VERSION,
  });
  const all = Object.values(outcomes);
  const created = all.filter((o) => o === "created").length;
  const upgraded = all.filter((o) => o === "upgraded").length;
  // "0 created, 0 upgraded" is no success: the user is told nothing needed doing.
  if (created + upgraded === 0) notify("info", text.templatesUpToDate, "template");
  else notify("success", text.templatesReady(created, upgraded), "template");
  return outcomes;
}
