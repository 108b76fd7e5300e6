import type { Db } from "./organisations";

export interface LogEntry {
  kind: "import" | "activity";
  userId: string | null;
  subject: string;
  message: string;
  details: unknown;
}

export async function insertLog(db: Db, orgId: string, entry: LogEntry): Promise<void> {
  await db
    .insertInto("logs")
    .values({
      org_id: orgId,
      kind: entry.kind,
      user_id: entry.userId,
      subject: entry.subject,
      message: entry.message,
      details: JSON.stringify(entry.details ?? null),
    })
    .execute();
}

export async function listLogs(db: Db, orgId: string, kind: LogEntry["kind"], limit: number) {
  const rows = await db
    .selectFrom("logs")
    .select(["subject", "message", "details", "user_id", "created_at"])
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    subject: r.subject,
    message: r.message,
    details: r.details,
    userId: r.user_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
