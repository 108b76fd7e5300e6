/**
 * The organisation's past imports, newest first, and one import's failed rows. Dry runs are left
 * out: every Validate asks the CRM through one, and they changed nothing.
 */
import type { ImportSummary, ImportWithRevert } from "../domain";
import { clientOf, type WorkflowDeps } from "./deps";
import { inRowOrder } from "./row-order";

export interface ImportHistoryPage {
  items: ImportSummary[];
  next: string | null;
}

export const HISTORY_PAGE_SIZE = 25;

export async function listImports(deps: WorkflowDeps, after?: string): Promise<ImportHistoryPage> {
  const client = await clientOf(deps);
  const page = await client.listImports({ limit: HISTORY_PAGE_SIZE, ...(after ? { after } : {}) });
  return { items: page.items.filter((i) => !i.dryRun), next: page.next };
}

/** One import, its failed rows in the sheet's order (row 10 before 13 before 105). */
export async function openImport(deps: WorkflowDeps, importId: string): Promise<ImportWithRevert> {
  const client = await clientOf(deps);
  const detail = await client.getImport(importId);
  return { ...detail, failures: inRowOrder(detail.failures) };
}
