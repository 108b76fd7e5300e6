/**
 * "Check this Excel": runs the host probes of src/excel/diagnostics and words their outcome as a
 * report a user can paste into a message. It needs no CRM connection: a host that cannot run the
 * add-in is worth knowing about before signing in.
 */
import { diagnosticMessages as text } from "../domain/diagnostic-messages";
import { officeHostInfo, runHostProbes, type HostInfo, type ProbeResult } from "../excel/diagnostics";
import type { WorkflowDeps } from "./deps";

export interface DiagnosticsReport {
  host: HostInfo;
  checkedAt: string;
  results: ProbeResult[];
}

export interface DiagnosticsOptions {
  host?: () => HostInfo;
  now?: () => Date;
  payloadBytes?: number;
}

export async function runDiagnostics(
  deps: WorkflowDeps,
  options: DiagnosticsOptions = {},
): Promise<DiagnosticsReport> {
  const host = (options.host ?? officeHostInfo)();
  const checkedAt = (options.now?.() ?? new Date()).toISOString();
  const results = await runHostProbes(
    deps.env,
    options.payloadBytes === undefined ? {} : { payloadBytes: options.payloadBytes },
  );
  return { host, checkedAt, results };
}

export function countStatuses(results: readonly ProbeResult[]): Record<ProbeResult["status"], number> {
  const counts = { pass: 0, fail: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The report as plain text: one line per probe, so it reads the same in an e-mail or a ticket. */
export function formatDiagnosticsReport(report: DiagnosticsReport, userAgent: string): string {
  const counts = countStatuses(report.results);
  return [
    text.reportTitle,
    text.reportDate(report.checkedAt),
    text.reportHost(report.host.host, report.host.platform, report.host.version),
    text.reportBrowser(userAgent),
    text.summary(counts.pass, counts.fail, counts.skipped),
    "",
    ...report.results.map(
      (r) => `[${text.status[r.status].toUpperCase()}] ${text.probes[r.id]}: ${r.detail}`,
    ),
  ].join("\n");
}

export type { HostInfo, ProbeResult };
