/** Column mappings saved per organisation and header signature. */
import { savedMappingBodySchema, type SavedMappingBody, type StoredMapping } from "../../domain";
import type { Db } from "./organisations";

/** The organisation's mapping for this signature, with who saved it (their name) and when; null if none. */
export async function getMapping(db: Db, orgId: string, signature: string): Promise<StoredMapping | null> {
  const row = await db
    .selectFrom("saved_mappings as m")
    .leftJoin("users as u", (j) => j.onRef("u.id", "=", "m.updated_by").onRef("u.org_id", "=", "m.org_id"))
    .select(["m.signature", "m.mapping", "m.updated_by", "m.updated_at", "u.name"])
    .where("m.org_id", "=", orgId)
    .where("m.signature", "=", signature)
    .executeTakeFirst();
  if (!row) return null;
  // Stored by this API after the same parse; parsed again, as anything read back is.
  const mapping = savedMappingBodySchema.parse(row.mapping);
  return {
    ...mapping,
    signature: row.signature,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.name ?? row.updated_by,
  };
}

/** Saves (or replaces) the organisation's mapping for this signature. */
export async function putMapping(
  db: Db,
  orgId: string,
  userId: string,
  signature: string,
  mapping: SavedMappingBody,
): Promise<void> {
  const json = JSON.stringify(mapping);
  await db
    .insertInto("saved_mappings")
    .values({ org_id: orgId, signature, mapping: json, updated_by: userId })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "signature"])
        .doUpdateSet({ mapping: json, updated_by: userId, updated_at: new Date() }),
    )
    .execute();
}
