/**
 * The whole Import (workflows.importSheet on the simulated workbook) through the fault proxy: the
 * CRM ID and status written into each row match the database exactly, and importing again through
 * the same faults sends nothing and changes nothing. FAULT_SEED=<n> replays one seed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogOf, type SheetDef } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { columnLetter } from "../../src/excel/a1";
import { createOrganisation } from "../../src/server/services/provision";
import { getState, importSheet, newTemplate, resetStore } from "../../src/workflows";
import { simEnv } from "../excel/helpers";
import {
  campaignClient,
  campaignRows,
  recordsByEmail,
  startCampaignServer,
  type CampaignServer,
} from "./campaign";
import { startFaultProxy } from "./fault-proxy";

let server: CampaignServer;
beforeAll(async () => {
  server = await startCampaignServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => resetStore());

const FIRST_ROW = 3;
const seeds = process.env.FAULT_SEED ? [Number(process.env.FAULT_SEED)] : [201, 202];

const col = (sheet: SheetDef, key: string) => columnLetter(sheet.fields.findIndex((f) => f.key === key));

describe("Import through a faulty network, on the sheet", () => {
  it.each(seeds)(
    "seed %i: each row's CRM ID and status match the database, and a second Import changes nothing",
    async (seed) => {
      const { org, token } = await createOrganisation(server.db, `Sheet faults ${seed} ${Date.now()}`);
      const proxy = await startFaultProxy({ target: server.url, seed, faultRate: 0.6, delayMs: 550 });
      try {
        const { book, env } = simEnv();
        const deps = { env, client: campaignClient(proxy.url, token, 400, seed) };
        await newTemplate(deps, ["customers"]);
        const sheet = catalogOf(getState().schema!).customers;
        const rows = campaignRows(seed, 300);
        const last = FIRST_ROW + rows.length - 1;
        const grid = rows.map((r) => sheet.fields.map((f) => (f.key in r.values ? r.values[f.key] : null)));
        await book.userEdit(`Customers!A${FIRST_ROW}:${columnLetter(sheet.fields.length - 1)}${last}`, grid);

        await importSheet(deps);
        // A delayed request may still be on its way; let it land (its replay must change nothing).
        await new Promise((resolve) => setTimeout(resolve, 700));
        const byEmail = await recordsByEmail(server.db, org.id);
        const statusCol = columnLetter(sheet.fields.length);
        const mismatches: string[] = [];
        let created = 0;
        rows.forEach((r, i) => {
          const row = FIRST_ROW + i;
          const ids = byEmail.get(String(r.values.email)) ?? [];
          const crmId = book.cell(`Customers!${col(sheet, "crmId")}${row}`).value;
          const status = book.cell(`Customers!${statusCol}${row}`).value;
          if (ids.length > 1) mismatches.push(`row ${row}: ${ids.length} records`);
          if (ids.length === 1) {
            created++;
            if (crmId !== ids[0] || status !== text.created)
              mismatches.push(`row ${row}: sheet says ${crmId} "${status}", database ${ids[0]}`);
          } else if (crmId !== "" || status === text.created || status === "") {
            mismatches.push(`row ${row}: sheet says ${crmId} "${status}", database has none`);
          }
        });
        console.log(
          `sheet fault run seed=${seed}: ${JSON.stringify({ created, faults: proxy.injected(), mismatches: mismatches.length })}`,
        );
        expect({ seed, mismatches: mismatches.slice(0, 5) }).toEqual({ seed, mismatches: [] });
        expect(created).toBe(rows.filter((r) => r.values.name !== null).length);

        const again = await importSheet(deps);
        expect(again).toMatchObject({ created: 0, updated: 0, failed: 0, conflict: 0 });
        expect([...(await recordsByEmail(server.db, org.id)).values()].flat()).toHaveLength(created);
      } finally {
        await proxy.close();
      }
    },
  );
});

describe("Import when a batch's answer is lost on every attempt", () => {
  // Every answer of the batch's retries is lost after the CRM saved it; the network then comes back.
  // Import asks once more under the batch's key and writes what the CRM holds, not "Failed".
  it("writes the CRM ID the database holds once the network answers again", async () => {
    const { org, token } = await createOrganisation(server.db, `Lost answers ${Date.now()}`);
    const proxy = await startFaultProxy({
      target: server.url,
      seed: 0,
      faultRate: 0,
      delayMs: 0,
      // The client tries 21 times (campaignClient: 20 retries); the 22nd send is the confirmation.
      plan: (identity, seen) => (identity.startsWith("rows:") && seen < 21 ? "dropAfterCommit" : undefined),
    });
    try {
      const { book, env } = simEnv();
      const client = campaignClient(proxy.url, token, 400, 1);
      await newTemplate({ env, client }, ["customers"]);
      const sheet = catalogOf(getState().schema!).customers;
      const values: Record<string, string> = { name: "Lost Answer AB", email: "lost@example.com" };
      const last = columnLetter(sheet.fields.length - 1);
      await book.userEdit(`Customers!A${FIRST_ROW}:${last}${FIRST_ROW}`, [
        sheet.fields.map((f) => values[f.key] ?? null),
      ]);
      await importSheet({ env, client });
      const ids = (await recordsByEmail(server.db, org.id)).get("lost@example.com") ?? [];
      expect(ids).toHaveLength(1);
      expect(book.cell(`Customers!${col(sheet, "crmId")}${FIRST_ROW}`).value).toBe(ids[0]);
    } finally {
      await proxy.close();
    }
  });
});
