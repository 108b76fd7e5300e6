import { sql } from "kysely";
import { z } from "zod";
import { customFieldSchema, type CustomField } from "../../domain";
import { toOrganisation, type Db, type Organisation } from "./organisations";

const tenantCatalogRow = z.object({
  organisation: z
    .object({
      id: z.string(),
      name: z.string(),
      closed_period_through: z.string().nullable(),
      import_defaults: z.unknown(),
    })
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
      (select json_build_object('id', id, 'name', name, 'closed_period_through', closed_period_through,
          'import_defaults', import_defaults)
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

/** A value added to one of the organisation's lists; one already there in any case is kept as it is. */
export async function insertPicklistValue(
  db: Db,
  orgId: string,
  picklist: string,
  value: string,
): Promise<void> {
  await sql`
    insert into picklist_values (org_id, picklist, value)
    select ${orgId}, ${picklist}, ${value}
    where not exists (select 1 from picklist_values
      where org_id = ${orgId} and picklist = ${picklist} and lower(value) = lower(${value}))
    on conflict do nothing
  `.execute(db);
}

/** What became of a value an admin adds to a custom picklist field. */
export type AddedOption =
  | { outcome: "added" | "kept"; field: CustomField }
  | { outcome: "unknown" }
  | { outcome: "onSeveralSheets"; sheets: string[] }
  | { outcome: "notAPicklist" | "full"; field: CustomField };

/** At most this many options in a custom picklist (as customFieldSchema allows). */
export const MAX_CUSTOM_OPTIONS = 1_000;

/**
 * A value added to a custom picklist field's options (the field named by key, on `sheet` or on the
 * one sheet that has it). A value already there in any case is kept as it is. The field's row is
 * locked while it is read and written, so two admins adding at once both land.
 */
export async function insertCustomFieldOption(
  db: Db,
  orgId: string,
  key: string,
  value: string,
  sheet?: string,
): Promise<AddedOption> {
  return db.transaction().execute(async (trx): Promise<AddedOption> => {
    let q = trx
      .selectFrom("custom_fields")
      .select(["sheet", "definition"])
      .where("org_id", "=", orgId)
      .where("key", "=", key);
    if (sheet !== undefined) q = q.where("sheet", "=", sheet);
    const rows = await q.orderBy("sheet").forUpdate().execute();
    if (rows.length === 0) return { outcome: "unknown" };
    if (rows.length > 1) return { outcome: "onSeveralSheets", sheets: rows.map((r) => r.sheet) };
    const row = rows[0]!;
    const field = customFieldSchema.parse(
      typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition,
    );
    if (field.kind !== "picklist") return { outcome: "notAPicklist", field };
    const options = field.options ?? [];
    const lower = value.toLowerCase();
    if (options.some((o) => o.toLowerCase() === lower)) return { outcome: "kept", field };
    if (options.length >= MAX_CUSTOM_OPTIONS) return { outcome: "full", field };
    const next: CustomField = { ...field, options: [...options, value] };
    await trx
      .updateTable("custom_fields")
      .set({ definition: JSON.stringify(next) })
      .where("org_id", "=", orgId)
      .where("sheet", "=", row.sheet)
      .where("key", "=", key)
      .execute();
    return { outcome: "added", field: next };
  });
}
