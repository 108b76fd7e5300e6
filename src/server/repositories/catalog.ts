import { sql } from "kysely";
import { z } from "zod";
import { customFieldSchema, type CustomField } from "../../domain";
import { toOrganisation, type Db, type Organisation } from "./organisations";

const tenantCatalogRow = z.object({
  organisation: z
    .object({ id: z.string(), name: z.string(), closed_period_through: z.string().nullable() })
    .nullable(),
  custom_fields: z.array(z.unknown()),
  picklists: z.array(z.tuple([z.string(), z.string()])),
  user_names: z.array(z.string()),
});

/**
 * What an organisation's rows are checked against, in one round trip (every batch of an import
 * needs it): the organisation itself (null when there is none), custom fields, picklist values by
 * list, and the users' names (account managers).
 */
export async function loadTenantCatalog(
  db: Db,
  orgId: string,
): Promise<{
  organisation: Organisation | null;
  customFields: CustomField[];
  picklists: Record<string, string[]>;
  userNames: string[];
}> {
  const { rows } = await sql<unknown>`
    select
      (select json_build_object('id', id, 'name', name, 'closed_period_through', closed_period_through)
        from organisations where id = ${orgId}) as organisation,
      coalesce((select json_agg(definition order by sheet, key) from custom_fields where org_id = ${orgId}),
        '[]') as custom_fields,
      coalesce((select json_agg(json_build_array(picklist, value) order by picklist, value)
        from picklist_values where org_id = ${orgId}), '[]') as picklists,
      coalesce((select json_agg(name order by id) from users where org_id = ${orgId}), '[]') as user_names
  `.execute(db);
  const row = tenantCatalogRow.parse(rows[0]);
  const picklists: Record<string, string[]> = {};
  for (const [list, value] of row.picklists) (picklists[list] ??= []).push(value);
  return {
    organisation: row.organisation ? toOrganisation(row.organisation) : null,
    customFields: row.custom_fields.map((d) => customFieldSchema.parse(d)),
    picklists,
    userNames: row.user_names,
  };
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
