import { catalogOf, type CrmRecord, type SheetName } from "../domain";
import { sheetMessages as text } from "../domain/sheet-messages";
import { TEMPLATE_VERSION, ensureTemplateSheets, writeDownload } from "../excel";
import { clientOf, schemaOf, type WorkflowDeps } from "./deps";
import { notify, setProgress } from "./store";

/**
 * Records per page. Each page is parsed (JSON, then zod) in one go on the pane's thread: 5,000-record
 * pages held it ~150 ms each (bench `excel`), 1,000-record pages a fifth of that. Pages only feed the
 * records list; the sheet is written afterwards in blocks, so the page size changes no sync count.
 */
const PAGE_SIZE = 1_000;

/**
 * Download: every record of the sheet paged from the CRM into its template sheet (made or upgraded
 * first; marks of a previous validation undone), written in blocks, each row carrying its record's version and hash so that an edit of stale
 * data is a conflict and only edited rows are sent back.
 */
export async function downloadRecords(deps: WorkflowDeps, sheetName: SheetName): Promise<number> {
  const client = await clientOf(deps);
  const schema = await schemaOf(deps);
  const sheet = catalogOf(schema)[sheetName];
  await ensureTemplateSheets(deps.env, {
    sheets: [sheet],
    picklists: schema.picklists,
    schemaHash: schema.schemaHash,
    version: TEMPLATE_VERSION,
  });
  const records: CrmRecord[] = [];
  for await (const page of client.listRecords(sheetName, {
    pageSize: PAGE_SIZE,
    ...(deps.signal ? { signal: deps.signal } : {}),
  })) {
    for (const r of page.items) records.push(r);
    setProgress({ rowsDone: records.length, rowsTotal: records.length, secondsLeft: null });
  }
  await writeDownload(deps.env, sheet, records, (written) =>
    setProgress({ rowsDone: written, rowsTotal: records.length, secondsLeft: null }),
  );
  setProgress(null);
  notify("success", text.downloaded(records.length, sheet.nounPlural), sheet.title);
  return records.length;
}

export const downloadCustomers = (deps: WorkflowDeps): Promise<number> => downloadRecords(deps, "customers");
