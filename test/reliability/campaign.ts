/**
 * The fault campaign, shared by `npm test` (a small seeded sample) and `npm run soak` (the full one):
 * rows go through src/client and the fault proxy into the real app on PGlite, then every row's
 * reported status is checked against the database.
 */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { sql, type Kysely } from "kysely";
import {
  confirmUnconfirmed,
  createCrmClient,
  importRows,
  type CrmClient,
  type RowReport,
} from "../../src/client";
import { messages, type ImportRow } from "../../src/domain";
import { buildApp } from "../../src/server/app";
import { connectDatabase } from "../../src/server/db/connect";
import { migrateToLatest } from "../../src/server/db/migrate";
import type { Database } from "../../src/server/db/types";
import { createOrganisation } from "../../src/server/services/provision";
import { faultKinds, startFaultProxy, unitHash, type FaultKind } from "./fault-proxy";
import { runRevertPhase, type RevertFigures } from "./revert-campaign";

export interface CampaignServer {
  app: FastifyInstance;
  db: Kysely<Database>;
  url: string;
  close(): Promise<void>;
}

/** The real app on an in-memory PGlite, listening on loopback; rate limit out of the way. */
export async function startCampaignServer(): Promise<CampaignServer> {
  const db = await connectDatabase({ dataDir: "memory://" });
  await migrateToLatest(db);
  const app = await buildApp({ db, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export interface RunFigures extends RevertFigures {
  seed: number;
  rows: number;
  created: number;
  failed: number;
  duplicates: number;
  lost: number;
  mismatches: string[];
  /**
   * Rows whose batch went unanswered through every retry and the resend: reported failed with "Not
   * confirmed by the CRM, so it may or may not be saved" (an honest answer either way), and of those
   * the ones the database holds. Seen only when the server is slower than the client's timeout.
   */
  unconfirmed: number;
  unconfirmedSaved: number;
  faults: Record<FaultKind, number>;
  reconciledBatches: number;
}

/** Each row carries a unique email so the database can be counted by it; a few are invalid on purpose. */
export function campaignRows(seed: number, count: number): ImportRow[] {
  return Array.from({ length: count }, (_, i) => {
    const bad = unitHash(`bad|${seed}|${i}`) < 0.03;
    return {
      ref: `S${seed}!${i + 2}`,
      values: {
        name: bad ? null : `Customer ${seed}-${i}`,
        email: `s${seed}-r${i}@example.com`,
        city: "Göteborg",
      },
    };
  });
}

/** Emails of this organisation's customers with how many records carry each, and their ids. */
export async function recordsByEmail(db: Kysely<Database>, orgId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom("records")
    .select(["id", sql<string>`values->>'email'`.as("email")])
    .where("org_id", "=", orgId)
    .where("sheet", "=", "customers")
    .execute();
  const byEmail = new Map<string, string[]>();
  for (const r of rows) byEmail.set(r.email, [...(byEmail.get(r.email) ?? []), r.id]);
  return byEmail;
}

const unconfirmedReason = messages.crm.batchUnconfirmed("");

/**
 * What the client reports must be what the database holds: created means exactly one record with
 * that row's email and the reported id; not confirmed (the client says it does not know) at most one;
 * anything else none, with a reason.
 */
export function compareWithDatabase(
  rows: readonly ImportRow[],
  reports: readonly RowReport[],
  byEmail: Map<string, string[]>,
): Pick<
  RunFigures,
  "created" | "failed" | "duplicates" | "lost" | "mismatches" | "unconfirmed" | "unconfirmedSaved"
> {
  const figures = {
    created: 0,
    failed: 0,
    duplicates: 0,
    lost: 0,
    mismatches: [] as string[],
    unconfirmed: 0,
    unconfirmedSaved: 0,
  };
  for (const ids of byEmail.values()) if (ids.length > 1) figures.duplicates += ids.length - 1;
  rows.forEach((row, i) => {
    const report = reports[i];
    const ids = byEmail.get(String(row.values.email)) ?? [];
    if (!report || report.ref !== row.ref) {
      figures.lost++;
      figures.mismatches.push(`${row.ref}: no report`);
    } else if (report.outcome === "created") {
      figures.created++;
      if (ids.length !== 1 || ids[0] !== report.crmId) {
        if (ids.length === 0) figures.lost++;
        figures.mismatches.push(
          `${row.ref}: reported created as ${report.crmId}, database has [${ids.join(",")}]`,
        );
      }
    } else if (
      report.outcome === "failed" &&
      report.errors.length === 1 &&
      report.errors[0]!.message.startsWith(unconfirmedReason)
    ) {
      figures.unconfirmed++;
      if (ids.length > 0) figures.unconfirmedSaved++;
    } else {
      figures.failed++;
      if (ids.length > 0)
        figures.mismatches.push(`${row.ref}: reported ${report.outcome}, database has [${ids.join(",")}]`);
      if (report.errors.length === 0 || !report.errors.every((e) => e.message.length > 0))
        figures.mismatches.push(`${row.ref}: ${report.outcome} without a reason`);
    }
  });
  return figures;
}

/** A client tuned for the campaign: short timeout, many retries, and sleeps that do not wait. */
export function campaignClient(baseUrl: string, token: string, timeoutMs: number, seed: number): CrmClient {
  let n = 0;
  return createCrmClient({
    baseUrl,
    token,
    timeoutMs,
    retries: 20,
    backoffBaseMs: 1,
    backoffMaxMs: 4,
    concurrency: 2,
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    random: () => unitHash(`jitter|${seed}|${n++}`),
  });
}

export interface RunOptions {
  seed: number;
  rows: number;
  batchSize: number;
  faultRate: number;
  timeoutMs: number;
}

/** One seeded run: a new organisation, a proxy with faults, one import, then the comparison. */
export async function runFaultRun(server: CampaignServer, options: RunOptions): Promise<RunFigures> {
  const { org, token } = await createOrganisation(server.db, `Campaign ${options.seed} ${Date.now()}`);
  const proxy = await startFaultProxy({
    target: server.url,
    seed: options.seed,
    faultRate: options.faultRate,
    delayMs: options.timeoutMs + 150,
  });
  try {
    const client = campaignClient(proxy.url, token, options.timeoutMs, options.seed);
    const rows = campaignRows(options.seed, options.rows);
    const opened = await client.createImport({ sheet: "customers", duplicateAction: "skip" });
    const result = await importRows(client, opened.id, rows, { batchSize: options.batchSize });
    const reconciledBatches = await confirmUnconfirmed(client, opened.id, result);
    await client.finishImport(opened.id);
    // A delayed request may still be on its way to the server; let it land before counting.
    const settle = () => new Promise<void>((resolve) => setTimeout(resolve, options.timeoutMs + 300));
    await settle();
    const byEmail = await recordsByEmail(server.db, org.id);
    const imported = compareWithDatabase(rows, result.results, byEmail);
    // Then the import is taken back through the same faulty network (revert-campaign.ts).
    const reverted = await runRevertPhase({
      db: server.db,
      faulty: client,
      clean: campaignClient(server.url, token, 5_000, options.seed),
      importId: opened.id,
      limit: options.batchSize,
      settle,
    });
    return {
      seed: options.seed,
      rows: rows.length,
      ...imported,
      ...reverted,
      faults: proxy.injected(),
      reconciledBatches,
    };
  } finally {
    await proxy.close();
  }
}

export const emptyFaults = (): Record<FaultKind, number> =>
  Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>;

export function addFaults(into: Record<FaultKind, number>, from: Record<FaultKind, number>): void {
  for (const k of faultKinds) into[k] += from[k];
}
