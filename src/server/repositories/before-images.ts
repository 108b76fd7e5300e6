/** What an import changed: the records it updated, as they were before (migration 0011). */
import { sql } from "kysely";
import type { RecordValues } from "../../domain";
import type { StatementPart } from "../db/statements";
import type { Db } from "./organisations";

export interface BeforeImage {
  recordId: string;
  /** The record's version and values before the import first changed it. */
  version: number;
  values: RecordValues;
  /** The version the import's last change left. */
  afterVersion: number;
}

/**
 * What a batch keeps of a record it updates: the version its last change leaves and, only for a
 * record created earlier in the same batch (not yet in `records` as the statement sees it), the
 * version and values that create gave it.
 */
export interface ImageWrite {
  recordId: string;
  afterVersion: number;
  createdInBatch?: { version: number; values: RecordValues };
}

/**
 * Keeping before-images, as parts of the statement that writes the updates. A stored record's image
 * is copied from `records` inside the statement: all its parts read the snapshot taken before any
 * of them writes, so the copy is the row the update replaces (its version and values), and no values
 * travel from the server. The caller holds the sheet's lock, so that row is the one its decision
 * read. A record already kept by an earlier batch of the import keeps its first image; only the
 * version the import left moves.
 */
export function beforeImagesParts(
  orgId: string,
  importId: string,
  images: readonly ImageWrite[],
): StatementPart[] {
  const stored = images.filter((i) => !i.createdInBatch);
  const created = images.filter((i) => i.createdInBatch);
  const keep = sql`on conflict (import_id, record_id) do update set after_version = excluded.after_version`;
  const parts: StatementPart[] = [];
  if (stored.length)
    parts.push({
      name: "before_images",
      query: sql`insert into import_before_images (import_id, record_id, version, values, after_version)
        select ${importId}, r.id, r.version, r.values, x.after
        from unnest(${stored.map((i) => i.recordId)}::text[], ${stored.map((i) => i.afterVersion)}::int[])
          as x(id, after)
        cross join lateral (
          select r.id, r.version, r.values from records r where r.id = x.id and r.org_id = ${orgId} offset 0
        ) as r
        ${keep}`,
    });
  if (created.length) {
    const json = JSON.stringify(
      created.map((i) => ({ id: i.recordId, ...i.createdInBatch, after: i.afterVersion })),
    );
    parts.push({
      name: "before_images_created",
      query: sql`insert into import_before_images (import_id, record_id, version, values, after_version)
        select ${importId}, x.id, x.version, x.values, x.after
        from jsonb_to_recordset(${json}::jsonb) as x(id text, version integer, values jsonb, after integer)
        ${keep}`,
    });
  }
  return parts;
}

/** The import's before-images of these records, by record id (one primary-key probe each). */
export async function findBeforeImages(
  db: Db,
  importId: string,
  recordIds: readonly string[],
): Promise<Map<string, BeforeImage>> {
  const out = new Map<string, BeforeImage>();
  if (!recordIds.length) return out;
  const { rows } = await sql<{
    record_id: string;
    version: number;
    values: RecordValues;
    after_version: number;
  }>`
    select b.record_id, b.version, b.values, b.after_version
    from unnest(${[...new Set(recordIds)]}::text[]) as t(id)
    cross join lateral (
      select * from import_before_images b
      where b.import_id = ${importId} and b.record_id = t.id offset 0
    ) as b`.execute(db);
  for (const r of rows)
    out.set(r.record_id, {
      recordId: r.record_id,
      version: r.version,
      values: r.values,
      afterVersion: r.after_version,
    });
  return out;
}
