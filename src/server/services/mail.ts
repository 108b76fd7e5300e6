import nodemailer from "nodemailer";
import type { ImportCounts, SheetName } from "../../domain";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; the app receives one (or none) so tests can point it at a loopback SMTP server. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

export interface SummaryInput {
  organisation: string;
  importId: string;
  sheet: SheetName;
  source: string | null;
  dryRun: boolean;
  counts: ImportCounts;
  /** The rows not imported as sent (failed, skipped, conflict), the first of them; `counts` says how many. */
  discrepancies: { ref: string; outcome: string; errors: { field: string | null; message: string }[] }[];
  /** The import's report page at the CRM, where every row and its reason can be seen. */
  reportUrl: string;
}

/** Rows listed in the mail at most; the report page has them all. */
export const MAILED_ROWS = 50;

/** The import summary e-mail: counts first, then the rows not imported as sent with their reasons, and the report's link. */
export function importSummaryMail(to: readonly string[], s: SummaryInput): MailMessage {
  const c = s.counts;
  const total = c.created + c.updated + c.unchanged + c.skipped + c.failed + c.conflict;
  const off = c.skipped + c.failed + c.conflict;
  const lines = [
    `Your ${s.dryRun ? "trial (dry run) " : ""}import of ${s.sheet} into ${s.organisation} has finished.`,
    s.source ? `Source: ${s.source}` : "",
    "",
    `Rows: ${total}`,
    `Created: ${c.created}`,
    `Updated: ${c.updated}`,
    `Unchanged: ${c.unchanged}`,
    `Skipped: ${c.skipped}`,
    `Failed: ${c.failed}`,
    `Conflicts: ${c.conflict}`,
  ];
  if (off) {
    const shown = s.discrepancies.slice(0, MAILED_ROWS);
    lines.push(
      "",
      off > shown.length
        ? `Rows not imported as sent: ${off} (the first ${shown.length} below):`
        : `Rows not imported as sent: ${off}:`,
    );
    for (const f of shown)
      lines.push(
        `- ${f.ref} (${f.outcome}): ${f.errors.map((e) => e.message).join(" ") || "no reason given"}`,
      );
    if (off > shown.length) lines.push(`- and ${off - shown.length} more.`);
  }
  lines.push("", `See every row and its reason: ${s.reportUrl}`);
  const subject = `Import finished: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped, ${c.failed + c.conflict} not imported`;
  return { to: to.join(", "), subject, text: lines.filter((l, i) => l !== "" || i > 1).join("\n") };
}
