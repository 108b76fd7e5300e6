// The import report page the summary e-mail links to: only for signed-in users of the import's
// organisation (a sign-in of its own, kept in a cookie), every value escaped, rows paged.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_PAGE_SIZE } from "../../src/server/services/report-page";
import { reportMessages } from "../../src/server/report-messages";
import { customer, openImport, sendRows, startHarness, type Harness, type TestOrg } from "./harness";
import { form, PASSWORD, userWithPassword } from "./oauth-flow";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Signs in on the report's sign-in page as a browser would; answers the session cookie. */
async function signInForReport(app: FastifyInstance, email: string, next: string) {
  const page = await app.inject({ method: "GET", url: `/sign-in?next=${encodeURIComponent(next)}` });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('action="/sign-in"');
  const csrfCookie = String(page.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const carried = /name="next" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const res = await app.inject({
    method: "POST",
    url: "/sign-in",
    ...form({ email, password: PASSWORD, csrf, next: carried.replace(/&amp;/g, "&") }),
    headers: { ...form({}).headers, cookie: csrfCookie, origin: "null" },
  });
  return { res, cookie: String(res.headers["set-cookie"] ?? "").split(";")[0] ?? "" };
}

const getPage = (app: FastifyInstance, url: string, cookie?: string) =>
  app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

async function importWithHostileValues(org: TestOrg) {
  const id = await openImport(org.admin, {
    sheet: "customers",
    source: "<script>alert('file')</script>.xlsx",
  });
  await sendRows(org.admin, id, [
    customer("Customers!2", { name: '=HYPERLINK("http://evil.example","Click")', email: "a@example.com" }),
    customer("<script>alert(1)</script>", { name: "B <b>bold</b>", email: "not-an-email" }),
    customer("Customers!4", { name: "Again", email: "a@example.com" }),
  ]);
  await org.admin.post(`/api/v1/imports/${id}/finish`);
  return id;
}

describe("the import report page", () => {
  it("sends someone not signed in to sign in, then back to the report", async () => {
    const org = await h.org();
    const id = await importWithHostileValues(org);
    const url = `/imports/${id}/report`;
    const anonymous = await getPage(h.app, url);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    // A made-up session is no session.
    expect((await getPage(h.app, url, "crm_session=crm_madeup")).statusCode).toBe(303);

    const user = await userWithPassword(org, "viewer");
    const wrong = await h.app.inject({
      method: "POST",
      url: "/sign-in",
      ...form({ email: user.email, password: "nope", next: url }),
      headers: { ...form({}).headers, origin: "null" },
    });
    // No CSRF cookie: refused before any password is checked.
    expect(wrong.statusCode).toBe(403);

    const { res, cookie } = await signInForReport(h.app, user.email, url);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(url);
    expect(String(res.headers["set-cookie"])).toMatch(/HttpOnly/);
    const report = await getPage(h.app, url, cookie);
    expect(report.statusCode).toBe(200);
    expect(report.headers["content-type"]).toMatch(/text\/html/);
    expect(String(report.headers["content-security-policy"])).toContain("default-src 'none'");
  });

  it("never sends a sign-in anywhere but a report page of this CRM", async () => {
    const org = await h.org();
    const user = await userWithPassword(org);
    const { res } = await signInForReport(h.app, user.email, "https://evil.example/imports/x/report");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
  });

  it("shows counts, who ran it by name, when, and each row's outcome and reasons, escaped", async () => {
    const org = await h.org();
    const id = await importWithHostileValues(org);
    const user = await userWithPassword(org, "viewer");
    const url = `/imports/${id}/report`;
    const { cookie } = await signInForReport(h.app, user.email, url);
    const body = (await getPage(h.app, url, cookie)).body;

    expect(body).not.toContain("<script>");
    expect(body).not.toContain("<b>bold</b>");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain("&lt;script&gt;alert(&#39;file&#39;)&lt;/script&gt;.xlsx");
    // A formula-looking value is text on the page, its quotes escaped.
    expect(body).toContain("=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;)");
    expect(body).toContain(`<dt>${reportMessages.ranBy}</dt><dd>Admin</dd>`);
    expect(body).not.toMatch(/usr_|user_[a-z0-9]/);
    expect(body).toMatch(/<dt>Created<\/dt><dd>1<\/dd>/);
    expect(body).toMatch(/<dt>Failed<\/dt><dd>1<\/dd>/);
    expect(body).toMatch(/<dt>Skipped<\/dt><dd>1<\/dd>/);
    expect(body).toContain("Invalid email format.");
    expect(body).toMatch(
      new RegExp(`${reportMessages.started}</dt><dd>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`),
    );

    const problems = (await getPage(h.app, `${url}?show=problems`, cookie)).body;
    expect(problems).toContain(reportMessages.problemsHeading);
    expect(problems).not.toContain("Customers!2<");
    expect(problems).toContain("Customers!4");
  });

  it("answers 404 for another organisation's import, the same as for none", async () => {
    const owner = await h.org();
    const id = await importWithHostileValues(owner);
    const other = await h.org();
    const user = await userWithPassword(other, "admin");
    const { cookie } = await signInForReport(h.app, user.email, `/imports/${id}/report`);
    const theirs = await getPage(h.app, `/imports/${id}/report`, cookie);
    const none = await getPage(h.app, "/imports/imp_nothing/report", cookie);
    expect(theirs.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(theirs.body).toBe(none.body);
    expect(theirs.body).not.toContain("Customers!");
  });

  it("pages a large import's rows", async () => {
    const org = await h.org();
    const id = await openImport(org.admin, { sheet: "customers" });
    const rows = Array.from({ length: REPORT_PAGE_SIZE + 5 }, (_, i) =>
      customer(`R${String(i).padStart(4, "0")}`, { name: `C${i}`, email: `c${i}@example.com` }),
    );
    await sendRows(org.admin, id, rows);
    await org.admin.post(`/api/v1/imports/${id}/finish`);
    const user = await userWithPassword(org, "viewer");
    const url = `/imports/${id}/report`;
    const { cookie } = await signInForReport(h.app, user.email, url);
    const first = (await getPage(h.app, url, cookie)).body;
    expect(first.match(/<tr><td>R\d{4}<\/td>/g)).toHaveLength(REPORT_PAGE_SIZE);
    expect(first).toContain(reportMessages.page(1, 2));
    expect(first).toContain(`/imports/${id}/report?show=all&amp;page=2`);
    const second = (await getPage(h.app, `${url}?show=all&page=2`, cookie)).body;
    expect(second.match(/<tr><td>R\d{4}<\/td>/g)).toEqual(
      ["R0200", "R0201", "R0202", "R0203", "R0204"].map((r) => `<tr><td>${r}</td>`),
    );
  });
});
