// Finishing an import: counts, history with failures, import and activity logs, the summary e-mail.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { MAILED_ROWS, smtpMailer } from "../../src/server/services/mail";
import { customer, openImport, sendRows, startHarness, type Harness } from "./harness";

let h: Harness;
let smtp: SMTPServer;
const received: { to: string[]; raw: string }[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  h = await startHarness({ mailer: smtpMailer(`smtp://127.0.0.1:${port}`, "crm@example.com") });
});
afterAll(async () => {
  await h.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** A mail's text with quoted-printable soft line breaks joined. */
const mailText = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/\r\n/g, "\n");

async function importWithFailure(notifyEmail?: string) {
  const org = await h.org();
  const id = await openImport(org.admin, {
    sheet: "customers",
    source: "Q3 leads.xlsx",
    ...(notifyEmail ? { notifyEmail } : {}),
  });
  await sendRows(org.admin, id, [
    customer("Customers!2", { name: "A", email: "a@example.com" }),
    customer("Customers!3", { name: "B", email: "b@example.com" }),
    customer("Customers!4", { email: "not-an-email" }),
  ]);
  await sendRows(org.admin, id, [customer("Customers!5", { name: "A again", email: "a@example.com" })]);
  return { org, id };
}

describe("finishing an import", () => {
  it("records the counts and shows each failed row's reasons in the history", async () => {
    const { org, id } = await importWithFailure();
    const finished = await org.admin.post(`/api/v1/imports/${id}/finish`);
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({
      status: "finished",
      counts: { created: 2, skipped: 1, failed: 1, updated: 0, unchanged: 0, conflict: 0 },
    });
    const detail = (await org.admin.get(`/api/v1/imports/${id}`)).body as {
      failures: { ref: string; errors: { message: string }[] }[];
    };
    expect(detail.failures.map((f) => f.ref)).toEqual(["Customers!4"]);
    const reasons = detail.failures[0]!.errors.map((e) => e.message).sort();
    expect(reasons).toEqual([messages.clientNameRequired, messages.invalidEmail].sort());
    const history = (await org.admin.get("/api/v1/imports")).body as { items: { id: string }[] };
    expect(history.items.map((i) => i.id)).toEqual([id]);
  });

  it("writes one import-log and one activity-log entry, even when finish is sent twice", async () => {
    const { org, id } = await importWithFailure();
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    const imports = (await org.admin.get("/api/v1/logs?kind=import")).body as {
      items: { subject: string; message: string }[];
    };
    const activity = (await org.admin.get("/api/v1/logs?kind=activity")).body as {
      items: { subject: string }[];
    };
    expect(imports.items).toHaveLength(1);
    expect(imports.items[0]!.subject).toBe(id);
    expect(imports.items[0]!.message).toContain("2 created");
    expect(activity.items.map((a) => a.subject)).toEqual(["import.finished"]);
  });

  it("e-mails the importer by default, and the extra address, with the rows not imported and the report's link", async () => {
    const { org, id } = await importWithFailure("owner@example.com");
    const before = received.length;
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    expect(received.length - before).toBe(1);
    const mail = received[received.length - 1]!;
    expect(mail.to).toEqual(["admin@example.com", "owner@example.com"]);
    const text = mailText(mail.raw);
    expect(text).toContain("Subject: Import finished: 2 created, 0 updated, 1 skipped, 1 not imported");
    expect(text).toContain("Created: 2");
    expect(text).toContain("Skipped: 1");
    expect(text).toContain("Rows not imported as sent: 2:");
    expect(text).toContain("Customers!4 (failed)");
    expect(text).toContain("Customers!5 (skipped)");
    expect(text).toContain(`See every row and its reason: http://localhost:80/imports/${id}/report`);
    expect(text).toContain("Q3 leads.xlsx");
  });

  it("the same address twice gets one copy", async () => {
    const { org, id } = await importWithFailure("ADMIN@example.com");
    const before = received.length;
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    expect(received.slice(before).map((m) => m.to)).toEqual([["admin@example.com"]]);
  });

  it("an importer who opts out gets no e-mail, and their choice is remembered until they opt in", async () => {
    const org = await h.org();
    expect(((await org.admin.get("/api/v1/me")).body as { importMail: boolean }).importMail).toBe(true);
    const finishOne = async (body: Record<string, unknown>) => {
      const before = received.length;
      const id = await openImport(org.admin, { sheet: "customers", ...body });
      await sendRows(org.admin, id, [
        customer("Customers!2", { name: "A", email: `a${before}@example.com` }),
      ]);
      await org.admin.post(`/api/v1/imports/${id}/finish`);
      return received.slice(before).map((m) => m.to);
    };
    expect(await finishOne({ mailMe: false })).toEqual([]);
    expect(((await org.admin.get("/api/v1/me")).body as { importMail: boolean }).importMail).toBe(false);
    // Remembered: the next import (the ribbon's, say) does not ask again.
    expect(await finishOne({})).toEqual([]);
    // The extra address still gets its copy.
    expect(await finishOne({ notifyEmail: "boss@example.com" })).toEqual([["boss@example.com"]]);
    expect(await finishOne({ mailMe: true })).toEqual([["admin@example.com"]]);
    expect(await finishOne({})).toEqual([["admin@example.com"]]);
  });

  it("a dry run (Validate's prediction) mails nobody and changes no one's choice", async () => {
    const org = await h.org();
    const before = received.length;
    const id = await openImport(org.admin, { sheet: "customers", dryRun: true, mailMe: false });
    await sendRows(org.admin, id, [customer("Customers!2", { name: "A", email: "a@example.com" })]);
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    expect(received.length).toBe(before);
    expect(((await org.admin.get("/api/v1/me")).body as { importMail: boolean }).importMail).toBe(true);
  });

  it("lists the first rows not imported and counts the rest", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const bad = Array.from({ length: MAILED_ROWS + 10 }, (_, i) =>
      customer(`Customers!${100 + i}`, { email: "not-an-email" }),
    );
    await sendRows(org.admin, id, bad);
    const before = received.length;
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    const text = mailText(received[before]!.raw);
    expect(text).toContain(
      `Rows not imported as sent: ${MAILED_ROWS + 10} (the first ${MAILED_ROWS} below):`,
    );
    expect(text.match(/^- Customers!\d+ \(failed\)/gm)).toHaveLength(MAILED_ROWS);
    expect(text).toContain("- and 10 more.");
  });
});
