/**
 * One test's view of the run: its own browser context on the shared Chromium, its own CRM user (so
 * History and counts are its own), the pane connected through its Connect step, and screenshots of
 * pane and grid kept under test-results/e2e/<test>/.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { z } from "zod";
import {
  crmRecordSchema,
  importListSchema,
  importWithRevertSchema,
  recordPageSchema,
  rowsResponseSchema,
  type CrmRecord,
  type ImportSummary,
  type ImportWithRevert,
  type RecordValues,
  type RowResult,
} from "../../src/domain";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { expectAccessiblePane } from "./accessibility";
import { GATE_PATH } from "./static-server";
import { ROOT } from "./harness";

export const ARTIFACTS = join(ROOT, "test-results", "e2e");
const idSchema = z.object({ id: z.string() });
const tokenSchema = z.object({ token: z.string() });
const gateSchema = z.object({
  closed: z.boolean(),
  held: z.number(),
  forwarded: z.number(),
  unanswered: z.number(),
});

export interface Session {
  page: Page;
  pane: Locator;
  userName: string;
  /** The CRM's id of this session's user: imports name it as createdBy. */
  userId: string;
  token: string;
  baseUrl: string;
  /** Saves the pane and the grid as PNGs named `<n>-<label>-pane.png` / `-grid.png`. */
  snap(label: string): Promise<void>;
  /** Saves the whole workbench (ribbon, grid, pane) as `<n>-<label>-workbench.png`; answers its path. */
  snapWorkbench(label: string): Promise<string>;
  close(): Promise<void>;
}

async function api(baseUrl: string, path: string, token: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "idempotency-key": crypto.randomUUID(),
    },
  });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A new importer in the demo organisation, with a token of its own. */
async function createUser(baseUrl: string, name: string): Promise<{ id: string; token: string }> {
  const { adminToken } = inject("e2e");
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@e2e.example`;
  const user = idSchema.parse(
    await api(baseUrl, "/users", adminToken, {
      method: "POST",
      body: JSON.stringify({ name, email, role: "importer" }),
    }),
  );
  const created = await api(baseUrl, "/tokens", adminToken, {
    method: "POST",
    body: JSON.stringify({ userId: user.id }),
  });
  return { id: user.id, token: tokenSchema.parse(created).token };
}

/** The imports this session's user started, newest first, read from the CRM itself. */
export async function importsBy(session: Session): Promise<ImportSummary[]> {
  const list = importListSchema.parse(await api(session.baseUrl, "/imports?limit=100", session.token));
  return list.items.filter((i) => i.createdBy === session.userId);
}

export async function importDetail(session: Session, id: string): Promise<ImportWithRevert> {
  return importWithRevertSchema.parse(await api(session.baseUrl, `/imports/${id}`, session.token));
}

/** One record as the CRM holds it now. */
export async function record(session: Session, sheet: string, id: string): Promise<CrmRecord> {
  return crmRecordSchema.parse(await api(session.baseUrl, `/${sheet}/${id}`, session.token));
}

/** Every record of a sheet the CRM holds now, page by page. */
export async function allRecords(session: Session, sheet: string): Promise<CrmRecord[]> {
  const out: CrmRecord[] = [];
  let after: string | null = null;
  do {
    const query: string = `/${sheet}?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const page = recordPageSchema.parse(await api(session.baseUrl, query, session.token));
    out.push(...page.items);
    after = page.next;
  } while (after);
  return out;
}

/** Whether the CRM still holds the record (a 404 is "no"; any other failure throws). */
export async function exists(session: Session, sheet: string, id: string): Promise<boolean> {
  const res = await fetch(`${session.baseUrl}/api/v1/${sheet}/${id}`, {
    headers: { authorization: `Bearer ${session.token}` },
  });
  if (res.status === 404) return false;
  if (!res.ok) throw new Error(`GET /${sheet}/${id}: ${res.status}`);
  return true;
}

/**
 * Someone else's import through the API, behind the pane's back: answers each row's result. A row
 * with a CRM ID changes that record (duplicate action update); one without is a new record.
 */
async function importElsewhere(
  session: Session,
  sheet: string,
  source: string,
  rows: readonly { crmId?: string; values: RecordValues }[],
): Promise<RowResult[]> {
  const post = (path: string, body: unknown) =>
    api(session.baseUrl, path, session.token, { method: "POST", body: JSON.stringify(body) });
  const { id } = idSchema.parse(await post("/imports", { sheet, duplicateAction: "update", source }));
  const rowsDone = rowsResponseSchema.parse(
    await post(`/imports/${id}/rows`, { rows: rows.map((r, i) => ({ ref: `elsewhere-${i}`, ...r })) }),
  );
  await post(`/imports/${id}/finish`, {});
  return rowsDone.results;
}

/** Someone else changes records behind the pane's back, each row naming its record's CRM ID. */
export async function updateElsewhere(
  session: Session,
  sheet: string,
  source: string,
  rows: readonly { crmId: string; values: RecordValues }[],
): Promise<void> {
  await importElsewhere(session, sheet, source, rows);
}

/** Someone else creates records behind the pane's back; answers their CRM IDs, in order. */
export async function createElsewhere(
  session: Session,
  sheet: string,
  source: string,
  rows: readonly RecordValues[],
): Promise<string[]> {
  const results = await importElsewhere(
    session,
    sheet,
    source,
    rows.map((values) => ({ values })),
  );
  return results.map((r) => {
    if (r.outcome !== "created" || r.crmId === null) throw new Error(`${source}: ${JSON.stringify(r)}`);
    return r.crmId;
  });
}

/**
 * Holds this session's row batches at the proxy (closed) or lets them through (open); null only
 * reads. Answers the gate's state: batches held, and batches forwarded since it was closed.
 */
export async function setGate(session: Session, closed: boolean | null): Promise<z.infer<typeof gateSchema>> {
  return gate(session, closed === null ? null : `closed=${closed}`);
}

/**
 * This session's row batches all reach the CRM, but only the first `answers` answers come back to
 * the pane; "drop" cuts the connections of those held (the CRM saved those rows, the pane never
 * hears of it: a CRM that died between its commit and its answer).
 */
export async function holdAnswers(
  session: Session,
  answers: number | "drop",
): Promise<z.infer<typeof gateSchema>> {
  return gate(session, `answers=${answers}`);
}

async function gate(session: Session, query: string | null): Promise<z.infer<typeof gateSchema>> {
  const res = await fetch(`${session.baseUrl}${GATE_PATH}${query === null ? "" : `?${query}`}`, {
    method: query === null ? "GET" : "POST",
    headers: { authorization: `Bearer ${session.token}` },
  });
  return gateSchema.parse(await res.json());
}

let browser: Browser | null = null;

async function sharedBrowser(): Promise<Browser> {
  browser ??= await chromium.connect(inject("e2e").wsEndpoint);
  return browser;
}

/** `baseUrl`: a web server of the test's own (crash-resume runs a CRM it can kill); else the run's. */
export async function openSession(
  testName: string,
  query = "",
  baseUrl = inject("e2e").baseUrl,
): Promise<Session> {
  const userName = `E2E ${testName} ${Date.now().toString(36)}`;
  const { id: userId, token } = await createUser(baseUrl, userName);
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const dir = join(ARTIFACTS, testName.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let shots = 0;
  // The page's console beside the screenshots: the first place to look when a step never appears.
  const log: string[] = [];
  page.on("console", (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => log.push(`pageerror: ${e.stack ?? e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().includes("/api/"))
      void r.text().then((body) => log.push(`${r.status()} ${r.request().method()} ${r.url()}: ${body}`));
  });
  await page.goto(`${baseUrl}/workbench.html${query}`);
  const pane = page.locator("#pane");
  const snap = async (label: string) => {
    const stem = join(dir, `${String(++shots).padStart(2, "0")}-${label}`);
    await pane.screenshot({ path: `${stem}-pane.png` });
    await page.locator(".grid-scroller").screenshot({ path: `${stem}-grid.png` });
  };
  const snapWorkbench = async (label: string) => {
    const path = join(dir, `${String(++shots).padStart(2, "0")}-${label}-workbench.png`);
    await page.screenshot({ path });
    return path;
  };
  return {
    page,
    pane,
    userName,
    userId,
    token,
    baseUrl,
    snap,
    snapWorkbench,
    async close() {
      await snap("last").catch(() => undefined);
      writeFileSync(join(dir, "console.log"), log.join("\n"));
      await context.close();
    },
  };
}

/**
 * The pane's Connect step with a personal token, filled in as a power user would: the workbench's
 * origin and the session's token (sign-in.e2e.test.ts signs in through the CRM's page instead).
 */
export async function connect(session: Session): Promise<void> {
  const { pane } = session;
  await pane.getByRole("heading", { name: text.connectHeading }).waitFor();
  await expectAccessiblePane(pane, text.connectHeading);
  await pane.getByRole("button", { name: text.useToken }).click();
  await pane.getByLabel(text.crmUrl).fill(session.baseUrl);
  await pane.getByLabel(text.token).fill(session.token);
  await pane.getByRole("button", { name: text.connect, exact: true }).click();
  await pane.getByRole("heading", { name: text.startHeading }).waitFor({ timeout: 15_000 });
  await expectAccessiblePane(pane, text.startHeading);
}

/**
 * Waits for the pane step with this heading; if the current step shows an error instead, fails at
 * once with the pane's words rather than waiting out the timeout. Every step reached is then checked
 * with axe: a serious or critical violation fails the flow.
 */
export async function awaitStep(pane: Locator, heading: string, timeout = 60_000): Promise<void> {
  const target = pane.getByRole("heading", { name: heading });
  const failure = pane.locator("section").getByRole("alert");
  await target.or(failure).first().waitFor({ timeout });
  if (!(await target.isVisible())) throw new Error(`The pane shows: ${await failure.first().innerText()}`);
  await expectAccessiblePane(pane, heading);
}

/**
 * Waits for the pane's Validate step of `sheet` to show its finished check, the CRM's dry run
 * included (the "will be skipped" count is shown only when the CRM was asked; the statuses are
 * painted before the counts appear), and answers its counts by label.
 */
export async function awaitValidated(pane: Locator, sheet: string): Promise<Record<string, number>> {
  await awaitStep(pane, text.validateHeading(sheet));
  await pane.getByRole("term").filter({ hasText: text.willBeSkipped }).waitFor({ timeout: 60_000 });
  const validate = pane.getByRole("button", { name: text.validate, exact: true });
  await expect.poll(() => validate.isEnabled(), { timeout: 60_000, interval: 100 }).toBe(true);
  return paneCounts(pane);
}

/** The counts the pane's step shows (Validate's, the Import summary's), by label: {"Created": 2}. */
export async function paneCounts(pane: Locator): Promise<Record<string, number>> {
  const terms = await pane.getByRole("term").allInnerTexts();
  const figures = await pane.getByRole("definition").allInnerTexts();
  return Object.fromEntries(terms.map((t, i) => [t, Number((figures[i] ?? "").replace(/\D/g, ""))]));
}
