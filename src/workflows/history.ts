/**
 * The organisation's past imports, newest first, and one import's failed rows. Dry runs are left
 * out: every Validate asks the CRM through one, and they changed nothing.
 */
import { reportPath, type ImportSummary, type ImportWithRevert } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { clientOf, hostOf, WorkflowError, type WorkflowDeps } from "./deps";
import { inRowOrder } from "./row-order";
import { liveCredentials } from "./session";
import { getState } from "./store";

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

/**
 * The import's report page (`/imports/:id/report`, the one the summary e-mail links to) in the
 * user's browser, at the CRM address the pane is connected to. Nothing is awaited before it opens:
 * a browser lets a page open a window only straight from the click.
 */
export async function openReport(deps: WorkflowDeps, importId: string): Promise<void> {
  const url = liveCredentials()?.url ?? getState().connection?.url;
  if (!url) throw new WorkflowError(text.noConnection);
  hostOf(deps).openBrowser(`${url}${reportPath(importId)}`);
}
