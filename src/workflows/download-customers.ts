import { CrmClientError } from "../client";
import { catalogOf, messages, type CrmRecord, type SheetName } from "../domain";
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
 *
 * Progress goes to the store in two phases: "receiving" (records so far; the CRM's pages carry no
 * total) and "writing" (rows written of all). `deps.signal` cancels while the records arrive: nothing
 * is written to the sheet then. Once writing has started it runs to the end, so a sheet is never left
 * with half a download (the writing is the short part: bench `excel`).
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
  setProgress({ rowsDone: 0, rowsTotal: 0, secondsLeft: null, phase: "receiving" });
  try {
    for await (const page of client.listRecords(sheetName, {
      pageSize: PAGE_SIZE,
      ...(deps.signal ? { signal: deps.signal } : {}),
    })) {
      for (const r of page.items) records.push(r);
      setProgress({ rowsDone: records.length, rowsTotal: 0, secondsLeft: null, phase: "receiving" });
      // A Cancel between pages stops here, before the next request is even made.
      if (deps.signal?.aborted) throw cancelled();
    }
    setProgress({ rowsDone: 0, rowsTotal: records.length, secondsLeft: null, phase: "writing" });
    await writeDownload(deps.env, sheet, records, (written) =>
      setProgress({ rowsDone: written, rowsTotal: records.length, secondsLeft: null, phase: "writing" }),
    );
  } finally {
    setProgress(null);
  }
  notify("success", text.downloaded(records.length, sheet.nounPlural), sheet.title);
  return records.length;
}

const cancelled = (): CrmClientError =>
  new CrmClientError({ kind: "cancelled", code: "cancelled", message: messages.crm.cancelled });

export const downloadCustomers = (deps: WorkflowDeps): Promise<number> => downloadRecords(deps, "customers");
