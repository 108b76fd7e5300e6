/**
 * The CRM's own pages for people (issue 15): an import's report, for the signed-in users of its
 * organisation, and the sign-in in front of it. Outside /api/v1: a browser carries no bearer token,
 * so a sign-in here keeps a session in an HttpOnly cookie instead (a `session` token of
 * `api_tokens`, looked up as any token is). The sign-in form is the add-in's sign-in page, posting
 * here, with the same double-submit CSRF cookie and the same per-address allowance of failures.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AuthFailureCounter } from "../auth-failures";
import { acceptFormBodies, cookieAttributes, cookieOf, sameSecret } from "../cookies";
import { hashToken, newId, newToken } from "../ids";
import { getImport, userNames } from "../repositories/imports";
import { countOutcomes, rowResultsOf } from "../repositories/import-rows";
import { findPrincipal, getOrganisation } from "../repositories/organisations";
import { findRecordsByIds } from "../repositories/records";
import { insertSessionToken } from "../repositories/tokens";
import { reportMessages as text } from "../report-messages";
import { REPORT_PAGE_SIZE, renderReportPage, type ReportShow } from "../services/report-page";
import { checkPassword } from "../services/sign-in";
import { pageHeaders, renderErrorPage, renderSignInPage } from "../services/sign-in-page";
import type { RecordValues, SheetName } from "../../domain";

export const SESSION_COOKIE = "crm_session";
const CSRF_COOKIE = "crm_page_csrf";
export const SIGN_IN_PATH = "/sign-in";
/** A report's sign-in lasts a working day. */
export const WEB_SESSION_SECONDS = 8 * 60 * 60;
const PROBLEMS = ["failed", "skipped", "conflict"] as const;

const reportParams = z.object({ id: z.string().min(1).max(64) });
const reportQuery = z.object({
  show: z.enum(["all", "problems"]).catch("all"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});
/** Only a report page of this CRM may be where a sign-in goes next (no open redirect). */
const nextPath = z
  .string()
  .max(300)
  .regex(/^\/imports\/[A-Za-z0-9_-]{1,64}\/report(\?[A-Za-z0-9=&_-]*)?$/)
  .catch("/");
const signInForm = z.object({
  email: z.string().max(254).optional(),
  password: z.string().max(256).optional(),
  csrf: z.string().max(128).optional(),
  next: z.string().max(300).optional(),
});

/** What a record is called in the report. */
function recordName(sheet: SheetName, v: RecordValues): string | null {
  const s = (x: unknown) => (typeof x === "string" ? x : "");
  // Customers and equipment have a name; a contact a first and last name; a site a site name.
  const name =
    sheet === "contacts"
      ? `${s(v.firstName)} ${s(v.lastName)}`
      : sheet === "sites"
        ? s(v.siteName)
        : s(v.name);
  return name.trim() || null;
}

export function reportRoutes(failures: AuthFailureCounter) {
  return async function routes(app: FastifyInstance): Promise<void> {
    acceptFormBodies(app);
    const hide = { schema: { hide: true } };
    const html = (reply: FastifyReply, status = 200) => reply.code(status).headers(pageHeaders([]));

    function showSignIn(
      reply: FastifyReply,
      request: FastifyRequest,
      next: string,
      status = 200,
      extra: { email?: string; error?: string } = {},
    ) {
      const csrf = randomBytes(24).toString("base64url");
      return html(reply, status)
        .header(
          "set-cookie",
          `${CSRF_COOKIE}=${csrf}; ${cookieAttributes(request, SIGN_IN_PATH, 900, "Strict")}`,
        )
        .send(
          renderSignInPage({
            request: { next },
            csrf,
            action: SIGN_IN_PATH,
            intro: text.signInIntro,
            cancel: false,
            ...extra,
          }),
        );
    }

    app.get("/imports/:id/report", hide, async (request, reply) => {
      const params = reportParams.safeParse(request.params);
      const session = cookieOf(request, SESSION_COOKIE);
      const principal = session ? await findPrincipal(app.db, hashToken(session)) : null;
      if (!principal) return reply.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(request.url)}`, 303);
      const imp = params.success ? await getImport(app.db, principal.orgId, params.data.id) : null;
      if (!imp) return html(reply, 404).send(renderErrorPage(text.notFound));
      const q = reportQuery.parse(request.query ?? {});
      const show: ReportShow = q.show;
      const counts = imp.status === "open" ? await countOutcomes(app.db, imp.id) : imp.counts;
      const total =
        show === "all"
          ? Object.values(counts).reduce((a, b) => a + b, 0)
          : counts.failed + counts.skipped + counts.conflict;
      const pages = Math.max(1, Math.ceil(total / REPORT_PAGE_SIZE));
      const pageNo = Math.min(q.page, pages);
      const [org, names, rows] = await Promise.all([
        getOrganisation(app.db, imp.orgId),
        userNames(app.db, imp.orgId, [imp.createdBy]),
        rowResultsOf(app.db, imp.id, {
          ...(show === "problems" ? { outcomes: PROBLEMS } : {}),
          limit: REPORT_PAGE_SIZE,
          offset: (pageNo - 1) * REPORT_PAGE_SIZE,
        }),
      ]);
      const ids = [...new Set(rows.flatMap((r) => (r.crmId ? [r.crmId] : [])))];
      const records = new Map(
        (await findRecordsByIds(app.db, imp.orgId, imp.sheet, ids)).map((r) => [r.id, r.values]),
      );
      return html(reply).send(
        renderReportPage({
          importId: imp.id,
          organisation: org?.name ?? "",
          what: imp.source ?? imp.sheet,
          ranBy: names.get(imp.createdBy) ?? imp.createdBy,
          createdAt: imp.createdAt,
          finishedAt: imp.finishedAt,
          dryRun: imp.dryRun,
          counts,
          show,
          page: pageNo,
          pages,
          rows: rows.map((r) => {
            const values = r.crmId ? records.get(r.crmId) : undefined;
            return { ...r, record: values ? recordName(imp.sheet, values) : null };
          }),
        }),
      );
    });

    app.get(SIGN_IN_PATH, hide, async (request, reply) => {
      const next = nextPath.parse((request.query as { next?: unknown } | null)?.next);
      return showSignIn(reply, request, next);
    });

    app.post(SIGN_IN_PATH, hide, async (request, reply) => {
      const form = signInForm.safeParse(request.body ?? {});
      if (!form.success) return html(reply, 400).send(renderErrorPage(text.badSignInForm));
      const next = nextPath.parse(form.data.next);
      if (!sameSecret(cookieOf(request, CSRF_COOKIE), form.data.csrf))
        return html(reply, 403).send(renderErrorPage(text.badSignInForm));
      const email = form.data.email?.trim() ?? "";
      const signedIn = await checkPassword(app, failures, request.ip, email, form.data.password ?? "");
      if (!signedIn.ok)
        return showSignIn(
          signedIn.retryAfter ? reply.header("retry-after", String(signedIn.retryAfter)) : reply,
          request,
          next,
          signedIn.status,
          { email, error: signedIn.error },
        );
      const { token, hash } = newToken();
      const user = signedIn.user;
      await insertSessionToken(
        app.db,
        { orgId: user.orgId, userId: user.id, clientId: "crm-pages", grantId: newId("web") },
        hash,
        new Date(Date.now() + WEB_SESSION_SECONDS * 1000),
      );
      return reply
        .header(
          "set-cookie",
          `${SESSION_COOKIE}=${token}; ${cookieAttributes(request, "/imports", WEB_SESSION_SECONDS, "Lax")}`,
        )
        .redirect(next, 303);
    });
  };
}
