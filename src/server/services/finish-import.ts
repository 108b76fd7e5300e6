/** Finishing an import: counts, the import log, the activity log and the summary e-mail. */
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/types";
import { getImport, markFinished, type ImportState } from "../repositories/imports";
import { countOutcomes, rowResultsOf } from "../repositories/import-rows";
import { getProfile } from "../repositories/users";
import { insertLog } from "../repositories/logs";
import type { Organisation } from "../repositories/organisations";
import { importSummaryMail, MAILED_ROWS, type Mailer } from "./mail";

/** Who the summary goes to: the importer unless they opted out, and the address typed for it. */
export function summaryRecipients(importerEmail: string | null, imp: ImportState): string[] {
  const to = [
    ...(imp.mailImporter && importerEmail ? [importerEmail] : []),
    ...(imp.notifyEmail ? [imp.notifyEmail] : []),
  ];
  return to.filter((a, i) => to.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i);
}

export interface FinishMail {
  mailer: Mailer | null;
  /** The import's report page (`/imports/:id/report`), linked from the mail. */
  reportUrl: string;
  log: FastifyBaseLogger;
}

export async function finishImport(
  db: Kysely<Database>,
  org: Organisation,
  imp: ImportState,
  userId: string,
  mail: FinishMail,
): Promise<ImportState> {
  const firstTime = await db.transaction().execute(async (trx) => {
    const counts = await countOutcomes(trx, imp.id);
    if (!(await markFinished(trx, org.id, imp.id, counts))) return false;
    const message = `Import of ${imp.sheet}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed, ${counts.conflict} conflicts.`;
    const details = { importId: imp.id, counts, dryRun: imp.dryRun, source: imp.source };
    await insertLog(trx, org.id, { kind: "import", userId, subject: imp.id, message, details });
    await insertLog(trx, org.id, { kind: "activity", userId, subject: "import.finished", message, details });
    return true;
  });
  const finished = (await getImport(db, org.id, imp.id))!;
  if (!firstTime || !mail.mailer) return finished;
  const importer = imp.mailImporter ? await getProfile(db, org.id, imp.createdBy) : null;
  const to = summaryRecipients(importer?.email ?? null, imp);
  if (!to.length) return finished;
  const discrepancies = await rowResultsOf(db, imp.id, { outcomes: NOT_AS_SENT, limit: MAILED_ROWS });
  const message = importSummaryMail(to, {
    organisation: org.name,
    importId: imp.id,
    sheet: imp.sheet,
    source: imp.source,
    dryRun: imp.dryRun,
    counts: finished.counts,
    discrepancies,
    reportUrl: mail.reportUrl,
  });
  // The import is done whatever the mail server says; a failed e-mail is logged, not an error.
  await mail.mailer
    .send(message)
    .catch((err: unknown) => mail.log.warn({ err }, "import summary e-mail failed"));
  return finished;
}

/** The outcomes a summary lists: rows that did not land as they were sent. */
const NOT_AS_SENT = ["failed", "skipped", "conflict"] as const;
