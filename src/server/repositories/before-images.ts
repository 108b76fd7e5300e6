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
 * Keeping before-images, as a part of the statement that writes the updates. A record already kept
 * by an earlier batch of the import keeps its first image; only the version the import left moves.
 */
export function beforeImagesParts(importId: string, images: readonly BeforeImage[]): StatementPart[] {
  if (!images.length) return [];
  const json = JSON.stringify(
    images.map((i) => ({ id: i.recordId, version: i.version, values: i.values, after: i.afterVersion })),
  );
  return [
    {
      name: "before_images",
      query: sql`insert into import_before_images (import_id, record_id, version, values, after_version)
        select ${importId}, x.id, x.version, x.values, x.after
        from jsonb_to_recordset(${json}::jsonb) as x(id text, version integer, values jsonb, after integer)
        on conflict (import_id, record_id) do update set after_version = excluded.after_version`,
    },
  ];
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
