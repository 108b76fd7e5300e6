import { CrmClientError } from "../client";
import { catalogOf, messages, type CrmRecord, type SheetDef, type SheetName } from "../domain";
import { paneMessages } from "../domain/pane-messages";
import { sheetMessages as text } from "../domain/sheet-messages";
import {
  TEMPLATE_VERSION,
  ensureTemplateSheets,
  freeSheetTitle,
  heldRowsIn,
  writeDownload,
  type HeldRows,
} from "../excel";
import { WorkflowError, clientOf, schemaOf, type WorkflowDeps } from "./deps";
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
/**
 * What a download does with a sheet holding rows it must not lose (unsent, or edited since their
 * download or import): merge around them, download into a new sheet, or replace them (the user's
 * explicit choice only: Excel's Undo does not cover an add-in's writes).
 */
export type DownloadChoice = "merge" | "newSheet" | "replace";

export interface DownloadOutcome {
  count: number;
  /** The sheet written: the template's, or the new one. */
  sheet: string;
  /** The user's rows the download left as they were. */
  kept: HeldRows;
}

/** The sheet a download of `sheetName` would write into, and the rows there it must ask about first. */
export async function downloadRisk(
  deps: WorkflowDeps,
  sheetName: SheetName,
): Promise<HeldRows & { sheet: string }> {
  const sheet = catalogOf(await schemaOf(deps))[sheetName];
  return { sheet: sheet.title, ...(await heldRowsIn(deps.env, sheet)) };
}

const holdsAny = (held: HeldRows): boolean => held.unsent + held.edited > 0;

/**
 * The sheet's records written as `choice` says. With no choice (a ribbon command with no pane to
 * ask in), a sheet holding unsent or edited rows is left alone and the user told to choose.
 */
export async function downloadRecords(
  deps: WorkflowDeps,
  sheetName: SheetName,
  choice?: DownloadChoice,
): Promise<DownloadOutcome> {
  const client = await clientOf(deps);
  const schema = await schemaOf(deps);
  const template = catalogOf(schema)[sheetName];
  if (!choice) {
    const held = await heldRowsIn(deps.env, template);
    if (holdsAny(held)) throw new WorkflowError(paneMessages.downloadNeedsChoice(template.title, held));
  }
  const sheet: SheetDef =
    choice === "newSheet" ? { ...template, title: await freeSheetTitle(deps.env, template.title) } : template;
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
    const report = await writeDownload(
      deps.env,
      sheet,
      records,
      (written) =>
        setProgress({ rowsDone: written, rowsTotal: records.length, secondsLeft: null, phase: "writing" }),
      choice === "merge" ? "merge" : "replace",
    );
    notify("success", text.downloaded(records.length, sheet.nounPlural), sheet.title);
    return { count: records.length, sheet: sheet.title, kept: report.kept };
  } finally {
    setProgress(null);
  }
}

const cancelled = (): CrmClientError =>
  new CrmClientError({ kind: "cancelled", code: "cancelled", message: messages.crm.cancelled });

export const downloadCustomers = (deps: WorkflowDeps, choice?: DownloadChoice): Promise<DownloadOutcome> =>
  downloadRecords(deps, "customers", choice);
