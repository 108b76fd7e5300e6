/** Finishing an import: counts, the import log, the activity log and the summary e-mail. */
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/types";
import {
  countOutcomes,
  failedRowResults,
  getImport,
  markFinished,
  type ImportState,
} from "../repositories/imports";
import { insertLog } from "../repositories/logs";
import type { Organisation } from "../repositories/organisations";
import { importSummaryMail, type Mailer } from "./mail";

const MAILED_FAILURES = 200;

export async function finishImport(
  db: Kysely<Database>,
  org: Organisation,
  imp: ImportState,
  userId: string,
  mailer: Mailer | null,
  log: FastifyBaseLogger,
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
  if (firstTime && imp.notifyEmail && mailer) {
    const failures = await failedRowResults(db, imp.id, MAILED_FAILURES);
    const mail = importSummaryMail(imp.notifyEmail, {
      organisation: org.name,
      importId: imp.id,
      sheet: imp.sheet,
      source: imp.source,
      dryRun: imp.dryRun,
      counts: finished.counts,
      failures,
    });
    // The import is done whatever the mail server says; a failed e-mail is logged, not an error.
    await mailer.send(mail).catch((err: unknown) => log.warn({ err }, "import summary e-mail failed"));
  }
  return finished;
}
