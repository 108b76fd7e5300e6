/**
 * The import report page (issue 15): what the summary e-mail links to. Plain HTML rendered on the
 * server with the sign-in page's frame, styles and headers (no script); every value is escaped, so
 * a row's `<script>` or `=HYPERLINK(...)` shows as the text it is.
 */
import type { FastifyRequest } from "fastify";
import { reportPath, type ImportCounts, type RowResult } from "../../domain";
import { reportMessages as text } from "../report-messages";
import { escapeHtml as e, page } from "./sign-in-page";

/** The address of an import's report: `PUBLIC_URL` when set, else the address the request came to. */
export function reportUrlOf(request: FastifyRequest, importId: string): string {
  const base = request.server.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/+$/, "")}${reportPath(importId)}`;
}

export const REPORT_PAGE_SIZE = 200;

export type ReportShow = "all" | "problems";

export interface ReportView {
  importId: string;
  organisation: string;
  /** The file or sheet it came from, else the CRM sheet. */
  what: string;
  ranBy: string;
  createdAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  counts: ImportCounts;
  show: ReportShow;
  page: number;
  pages: number;
  rows: (RowResult & { record: string | null })[];
}

const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const linkTo = (v: ReportView, show: ReportShow, pageNo: number): string =>
  `${reportPath(v.importId)}?show=${show}&amp;page=${pageNo}`;

export function renderReportPage(v: ReportView): string {
  const c = v.counts;
  const counts = (Object.keys(text.counts) as (keyof ImportCounts)[])
    .map((k) => `<div><dt>${e(text.counts[k])}</dt><dd>${c[k].toLocaleString("en-US")}</dd></div>`)
    .join("");
  const rows = v.rows
    .map(
      (r) =>
        `<tr><td>${e(r.ref)}</td><td>${e(r.outcome)}</td><td>${e(r.record ?? "")}</td><td>${e(r.crmId ?? "")}</td><td>${e(
          r.errors.map((x) => x.message).join(" "),
        )}</td></tr>`,
    )
    .join("\n");
  const cols = text.columns;
  const table = v.rows.length
    ? `<table><thead><tr><th scope="col">${e(cols.row)}</th><th scope="col">${e(cols.outcome)}</th><th scope="col">${e(
        cols.record,
      )}</th><th scope="col">${e(cols.crmId)}</th><th scope="col">${e(cols.reasons)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : `<p>${e(text.noRows)}</p>`;
  const paging = [
    v.page > 1 ? `<a href="${linkTo(v, v.show, v.page - 1)}">${e(text.previous)}</a>` : "",
    v.pages > 1 ? `<span>${e(text.page(v.page, v.pages))}</span>` : "",
    v.page < v.pages ? `<a href="${linkTo(v, v.show, v.page + 1)}">${e(text.next)}</a>` : "",
  ].join(" ");
  const other: ReportShow = v.show === "all" ? "problems" : "all";
  return page(
    text.title,
    `<h1>${e(text.title)}</h1>
<p>${e(text.what(v.what, v.organisation))}</p>
${v.dryRun ? `<p>${e(text.dryRun)}</p>` : ""}
<dl>
<dt>${e(text.ranBy)}</dt><dd>${e(v.ranBy)}</dd>
<dt>${e(text.started)}</dt><dd>${e(when(v.createdAt))}</dd>
<dt>${e(text.finished)}</dt><dd>${e(v.finishedAt ? when(v.finishedAt) : text.notFinished)}</dd>
</dl>
<dl class="counts">${counts}</dl>
<h2>${e(v.show === "all" ? text.rowsHeading : text.problemsHeading)}</h2>
<nav><a href="${linkTo(v, other, 1)}">${e(other === "all" ? text.showAll : text.showProblems)}</a></nav>
${table}
<nav>${paging}</nav>`,
    true,
  );
}
