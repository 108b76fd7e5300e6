/**
 * Reverts under faults: after a campaign's import, some of its records are updated by a second
 * import; both imports are then taken back through the faulty network, each batch resent under its
 * own key until answered (as the pane does when the network fails). Then every updated record must
 * hold its before-image at exactly one version more (a second restore would move it again, a wrong
 * image would show), and every created row must be accounted for: deleted (and gone) or a conflict
 * (and still there, because that update changed it since).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { CrmClient } from "../../src/client";
import type { RevertRow } from "../../src/domain";
import type { Database } from "../../src/server/db/types";

export interface RevertFigures {
  /** Rows the two reverts answered. */
  revertedRows: number;
  /** Records restored or deleted more than once, or a ref answered twice in one pass. */
  revertDuplicates: number;
  /** Rows with no outcome, or whose outcome is not what the database holds. */
  revertLost: number;
  /** Restored records whose values are not their before-image. */
  wrongImages: number;
  revertProblems: string[];
}

const RESENDS = 50;

/** Every batch of a revert, each resent under its own key until answered. */
export async function revertThrough(
  client: CrmClient,
  importId: string,
  limit: number,
): Promise<RevertRow[]> {
  const rows: RevertRow[] = [];
  let after: string | undefined;
  for (;;) {
    const key = randomUUID();
    let page: Awaited<ReturnType<CrmClient["revertBatch"]>> | null = null;
    for (let attempt = 0; !page; attempt++) {
      try {
        page = await client.revertBatch(importId, { limit, ...(after ? { after } : {}) }, key);
      } catch (error) {
        if (attempt >= RESENDS) throw error;
      }
    }
    rows.push(...page.results);
    if (!page.next) return rows;
    after = page.next;
  }
}

interface Stored {
  version: number;
  values: Record<string, unknown>;
}

async function storedRecords(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, Stored>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom("records")
    .select(["id", "version", "values"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { version: r.version, values: r.values }]));
}

/** Refs answered more than once in one pass. */
const repeated = (rows: readonly RevertRow[]) => rows.length - new Set(rows.map((r) => r.ref)).size;

export interface RevertPhaseOptions {
  db: Kysely<Database>;
  /** Through the fault proxy. */
  faulty: CrmClient;
  /** Straight to the server: the second import, which is not under test. */
  clean: CrmClient;
  importId: string;
  limit: number;
  /** Waits until delayed requests have landed. */
  settle: () => Promise<void>;
}

export async function runRevertPhase(o: RevertPhaseOptions): Promise<RevertFigures> {
  const created = await o.db
    .selectFrom("import_rows")
    .select(["ref", "crm_id"])
    .where("import_id", "=", o.importId)
    .where("outcome", "=", "created")
    .orderBy("ref")
    .execute();
  const ids = created.map((r) => r.crm_id!);
  const before = await storedRecords(o.db, ids);
  // Every fifth created record is updated by a second import.
  const changed = ids.filter((_, i) => i % 5 === 0);
  const second = await o.clean.createImport({ sheet: "customers", duplicateAction: "update" });
  const sent = changed.map((id, i) => {
    const was = before.get(id)!.values;
    return {
      ref: `U!${i + 2}`,
      crmId: id,
      values: { name: String(was.name), email: String(was.email), city: "Malmö" },
    };
  });
  for (let i = 0; i < sent.length; i += 100) await o.clean.sendBatch(second.id, sent.slice(i, i + 100));
  await o.clean.finishImport(second.id);
  const updated = await storedRecords(o.db, changed);

  const figures: RevertFigures = {
    revertedRows: 0,
    revertDuplicates: 0,
    revertLost: 0,
    wrongImages: 0,
    revertProblems: [],
  };
  const problem = (kind: "revertDuplicates" | "revertLost" | "wrongImages", text: string) => {
    figures[kind]++;
    figures.revertProblems.push(text);
  };

  // The update import first: each record back to its before-image, at one version more.
  const restores = await revertThrough(o.faulty, second.id, o.limit);
  figures.revertDuplicates += repeated(restores);
  await o.settle();
  const afterRestore = await storedRecords(o.db, changed);
  for (const id of changed) {
    const row = restores.find((r) => r.crmId === id);
    const now = afterRestore.get(id);
    if (row?.outcome !== "restored" || !now) problem("revertLost", `${id}: ${row?.outcome ?? "no answer"}`);
    else if (now.version > updated.get(id)!.version + 1)
      problem("revertDuplicates", `${id}: restored twice (v${now.version})`);
    else if (JSON.stringify(now.values) !== JSON.stringify(before.get(id)!.values))
      problem("wrongImages", `${id}: holds ${JSON.stringify(now.values)}`);
  }

  // Then the campaign's import: the records the second import changed are conflicts, the rest deleted.
  const deletes = await revertThrough(o.faulty, o.importId, o.limit);
  figures.revertDuplicates += repeated(deletes);
  await o.settle();
  const left = await storedRecords(o.db, ids);
  const kept = new Set(changed);
  for (const r of created) {
    const row = deletes.find((d) => d.ref === r.ref);
    const expected = kept.has(r.crm_id!) ? "conflict" : "deleted";
    const there = left.has(r.crm_id!);
    if (row?.outcome !== expected || there !== kept.has(r.crm_id!))
      problem("revertLost", `${r.ref}: ${row?.outcome ?? "no answer"}, ${there ? "still there" : "gone"}`);
  }
  figures.revertedRows = restores.length + deletes.length;
  return figures;
}
