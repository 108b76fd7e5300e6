import { customFieldSchema, type CustomField } from "../../domain";
import type { Db } from "./organisations";

/** The organisation's custom fields, parsed: the stored definition is data from the past. */
export async function listCustomFields(db: Db, orgId: string): Promise<CustomField[]> {
  const rows = await db
    .selectFrom("custom_fields")
    .select("definition")
    .where("org_id", "=", orgId)
    .orderBy("sheet")
    .orderBy("key")
    .execute();
  return rows.map((r) => customFieldSchema.parse(r.definition));
}

/** False when the sheet already has a custom field with that key. */
export async function insertCustomField(db: Db, orgId: string, field: CustomField): Promise<boolean> {
  const r = await db
    .insertInto("custom_fields")
    .values({ org_id: orgId, sheet: field.sheet, key: field.key, definition: JSON.stringify(field) })
    .onConflict((oc) => oc.doNothing())
    .returning("key")
    .executeTakeFirst();
  return r !== undefined;
}

/** Tenant picklists (category, campaign) by name, values in alphabetical order. */
export async function listPicklists(db: Db, orgId: string): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom("picklist_values")
    .select(["picklist", "value"])
    .where("org_id", "=", orgId)
    .orderBy("picklist")
    .orderBy("value")
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.picklist] ??= []).push(r.value);
  return out;
}

export async function insertPicklistValue(
  db: Db,
  orgId: string,
  picklist: string,
  value: string,
): Promise<void> {
  await db
    .insertInto("picklist_values")
    .values({ org_id: orgId, picklist, value })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
