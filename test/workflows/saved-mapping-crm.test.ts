// Mappings saved in the CRM per organisation and header signature, the workbook's copy the offline
// fallback (issue 15): the real CRM API on PGlite and simulated workbooks.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCrmClient, type CrmClient } from "../../src/client";
import { applySavedMapping, headerSignature } from "../../src/import";
import { catalogOf } from "../../src/domain";
import { loadSavedMapping, storeMapping } from "../../src/workflows/column-mapping";
import { getState, resetStore, setSchema } from "../../src/workflows/store";
import { simEnv } from "../excel/helpers";
import { testSchema } from "../taskpane/harness";
import { startCrm, type LiveCrm } from "./crm";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
afterEach(resetStore);

const headers = ["Företag", "E-post", "Kundtyp"];
const columns = ["name", "email", "category"];
const choices = { dateOrders: {}, decimalMarks: {}, valueMaps: { category: { Butik: "Retail" } } };

/** A client of an organisation whose CRM does not answer (nothing listens on port 1). */
const unreachable = (of: CrmClient): CrmClient =>
  createCrmClient({ baseUrl: "http://127.0.0.1:1", token: of.settings.token!, retries: 0 });

describe("mappings saved in the CRM", () => {
  it("a mapping saved in one workbook maps the same headers in another workbook that has none", async () => {
    setSchema(testSchema());
    const client = await crm.newClient();
    const first = simEnv().env;
    await storeMapping({ env: first, client }, headers, columns, choices);

    const other = simEnv().env;
    expect(await loadSavedMapping({ env: other }, headers)).toBeUndefined();
    const saved = await loadSavedMapping({ env: other, client }, headers);
    expect(saved).toEqual({ signature: headerSignature(headers), columns, ...choices });
    const mapping = applySavedMapping(headers, saved, catalogOf(testSchema()).customers);
    expect(mapping?.columns).toEqual(columns);

    // Another organisation does not get it.
    expect(
      await loadSavedMapping({ env: simEnv().env, client: await crm.newClient() }, headers),
    ).toBeUndefined();
  });

  it("the CRM's mapping comes before the workbook's copy", async () => {
    const client = await crm.newClient();
    const { env } = simEnv();
    await storeMapping({ env }, headers, ["name", "email", null]);
    await client.putMapping(headerSignature(headers), { columns, ...choices });
    expect(await loadSavedMapping({ env, client }, headers)).toMatchObject({ columns });
  });

  it("when the CRM cannot be reached, the workbook's copy is used, and a save lands in the workbook and says so", async () => {
    setSchema(testSchema());
    const dead = unreachable(await crm.newClient());
    const { env } = simEnv();
    await storeMapping({ env, client: dead }, headers, columns, choices);
    expect(getState().notifications.map((n) => [n.level, n.topic])).toEqual([["warning", "mapping"]]);
    expect(getState().notifications[0]!.text).toContain("saved in this workbook only");
    expect(await loadSavedMapping({ env, client: dead }, headers)).toEqual({
      signature: headerSignature(headers),
      columns,
      ...choices,
    });
  });
});
