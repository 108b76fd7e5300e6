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
  failures: { ref: string; outcome: string; errors: { field: string | null; message: string }[] }[];
}

/** The import summary e-mail: counts first, then each failed row's reasons. */
export function importSummaryMail(to: string, s: SummaryInput): MailMessage {
  const c = s.counts;
  const total = c.created + c.updated + c.unchanged + c.skipped + c.failed + c.conflict;
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
  if (s.failures.length) {
    lines.push("", "Rows that were not imported:");
    for (const f of s.failures)
      lines.push(`- ${f.ref} (${f.outcome}): ${f.errors.map((e) => e.message).join(" ")}`);
  }
  lines.push("", `Import ${s.importId}`);
  const subject = `Import finished: ${c.created} created, ${c.updated} updated, ${c.failed + c.conflict} not imported`;
  return { to, subject, text: lines.filter((l, i) => l !== "" || i > 1).join("\n") };
}
