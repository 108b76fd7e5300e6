/**
 * A CRM killed mid-import, then Import again (issue 15). This file runs a CRM and a web server of its
 * own (the run's CRM is shared by the other files): 4,000 rows go in four batches; the CRM answers the
 * first, saves the next two but is killed (SIGKILL) before their answers reach the pane, and the
 * fourth never gets an answer. The pane says the CRM stopped answering; the CRM is started again on
 * the same database; Import again gives every row its CRM ID, nothing is created twice, and History
 * lists one import whose counts match its detail.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { commandNames } from "../../src/commands/command-names";
import { MAX_ROWS_PER_BATCH } from "../../src/domain/api";
import { paneMessages as text } from "../../src/domain/pane-messages";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { freePort, startApi, type RunningApi } from "./harness";
import {
  allRecords,
  awaitStep,
  connect,
  holdAnswers,
  importDetail,
  importsBy,
  openSession,
  setGate,
  type Session,
} from "./session";
import { FIRST_DATA_ROW, clickRibbon, eventually, templateWithCustomers, values } from "./sheet";
import { startStaticServer, type StaticServer } from "./static-server";

const ROWS = 4 * MAX_ROWS_PER_BATCH;
const LAST = FIRST_DATA_ROW + ROWS - 1;
const tag = Date.now().toString(36);

let origin = "";
let api: RunningApi | null = null;
let web: StaticServer | null = null;
let s: Session | null = null;

beforeAll(async () => {
  const webPort = await freePort();
  origin = `http://127.0.0.1:${webPort}`;
  api = await startApi(origin);
  web = await startStaticServer(inject("e2e").bundleDir, api.port, webPort);
  s = await openSession("crash resume", "", web.url);
});
afterAll(async () => {
  await s?.close();
  await web?.close();
  await api?.stop();
});

// Two CRM starts and 4,000 rows twice: well over the e2e project's 300 s on a loaded machine.
test("a CRM killed mid-import, then Import again: every created row gets its CRM ID, none twice", async () => {
  const session = s!;
  const { page, pane } = session;
  await connect(session);
  const { crmId, status } = await templateWithCustomers(page, ROWS, (i) => [
    `Crash ${tag} ${i}`,
    `c${i}@crash-${tag}.example`,
  ]);

  await pane.getByRole("button", { name: text.useActiveSheet }).click();
  await awaitStep(pane, text.validateHeading("Customers"), 120_000);
  await eventually(() => pane.getByRole("definition").nth(1).innerText()).toBe(ROWS.toLocaleString("en-US"));
  await pane.getByRole("button", { name: text.continueToOptions }).click();

  // The CRM answers one batch; the next two it saves, and their answers never leave it.
  await holdAnswers(session, 1);
  await pane.getByRole("button", { name: text.startImport, exact: true }).click();
  await eventually(async () => (await setGate(session, null)).unanswered).toBe(2);
  await api!.kill();
  await holdAnswers(session, "drop");

  // The pane says the CRM stopped answering, and the import is kept open.
  await awaitStep(pane, text.summaryStoppedHeading, 180_000);
  await pane.getByText(sheetMessages.interrupted("Customers", 3 * MAX_ROWS_PER_BATCH)).waitFor();
  await session.snap("crm-stopped");
  const statusesBefore = await column(status!);
  expect(statusesBefore.filter((v) => v === sheetMessages.created)).toHaveLength(MAX_ROWS_PER_BATCH);
  expect(statusesBefore.filter((v) => v.startsWith("No answer from the CRM"))).toHaveLength(
    3 * MAX_ROWS_PER_BATCH,
  );

  // The CRM comes back on the same database: it has the three batches it got.
  api = await startApi(origin, { dataDir: api!.dataDir, port: api!.port });
  expect(mine(await allRecords(session, "customers"))).toHaveLength(3 * MAX_ROWS_PER_BATCH);
  // History, while it waits: open ("not finished"), its counts in the list those of its detail.
  // (Validate's questions to the CRM are dry runs: imports of their own, left out here.)
  const real = async () => (await importsBy(session)).filter((i) => !i.dryRun);
  const [open] = await real();
  expect(open).toMatchObject({ status: "open", resumes: 0 });
  expect(open!.counts.created).toBe(3 * MAX_ROWS_PER_BATCH);
  expect((await importDetail(session, open!.id)).counts).toEqual(open!.counts);
  await pane.getByRole("button", { name: text.done }).click();

  // Import again (the ribbon's, with the options chosen for the sheet): the same import continued.
  expect(await clickRibbon(page, commandNames.import)).toMatch(/done/);
  await awaitStep(pane, text.summaryHeading, 180_000);
  await session.snap("resumed");
  const ids = await column(crmId!);
  expect(ids.every((id) => id !== "")).toBe(true);
  expect(new Set(ids).size).toBe(ROWS);
  // The rows answered before the crash are not sent again (unchanged); the others say Created.
  const statuses = await column(status!);
  expect(statuses.slice(MAX_ROWS_PER_BATCH).every((v) => v === sheetMessages.created)).toBe(true);
  expect(statuses.slice(0, MAX_ROWS_PER_BATCH).every((v) => v === sheetMessages.unchanged)).toBe(true);

  // Nothing twice in the CRM, and each row's CRM ID is its record.
  const records = mine(await allRecords(session, "customers"));
  expect(records).toHaveLength(ROWS);
  expect(new Set(records.map((r) => r.values.name)).size).toBe(ROWS);
  expect(new Set(records.map((r) => r.id))).toEqual(new Set(ids));

  // One import in History, finished, whose list counts are its detail's.
  const imports = await real();
  expect(imports).toHaveLength(1);
  const [done] = imports;
  expect(done).toMatchObject({ id: open!.id, status: "finished", resumes: 1 });
  expect(done!.counts).toMatchObject({ created: ROWS, updated: 0, failed: 0 });
  expect((await importDetail(session, done!.id)).counts).toEqual(done!.counts);
  await pane.getByRole("button", { name: text.done }).click();
  await pane.getByRole("button", { name: text.history }).click();
  await awaitStep(pane, text.historyHeading);
  await pane.getByText(text.importCounts(ROWS, 0, 0)).waitFor();
  await pane.getByText(text.resumedTag).waitFor();
  await session.snap("history");

  async function column(c: string): Promise<string[]> {
    return (await values(page, `Customers!${c}${FIRST_DATA_ROW}:${c}${LAST}`)).map(([v]) => String(v));
  }
}, 900_000);

const mine = <T extends { values: Record<string, unknown> }>(records: T[]): T[] =>
  records.filter((r) => String(r.values.name).startsWith(`Crash ${tag} `));
