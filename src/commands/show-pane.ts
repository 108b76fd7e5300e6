/**
 * Opens (or brings forward) the task pane from a ribbon command: `Office.addin.showAsTaskpane`, in
 * the shared runtime (SharedRuntime 1.1, which the manifest requires). Outside Office there is no
 * pane to open and nothing happens; the workbench supplies its own `Office.addin` (office-bridge.ts).
 */
export async function showTaskpane(): Promise<void> {
  const office = (globalThis as { Office?: { addin?: { showAsTaskpane?: () => Promise<void> } } }).Office;
  const show = office?.addin?.showAsTaskpane;
  if (typeof show === "function") await show.call(office?.addin);
}
