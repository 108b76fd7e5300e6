// The Map step's "Add to the CRM's list": the value lands in the organisation's list, and the schema
// the pane and the workflows read is refreshed, so the value is an option from then on.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { getState, resetStore, setSchema } from "../../src/workflows";
import { addPicklistValue } from "../../src/workflows/pane-actions";
import { simEnv } from "../excel/helpers";
import { startCrm, type LiveCrm } from "./crm";

let crm: LiveCrm;
beforeAll(async () => {
  crm = await startCrm();
});
afterAll(async () => {
  await crm.close();
});
beforeEach(() => resetStore());

it("adds a source value to the organisation's Category list and refreshes the schema", async () => {
  const client = await crm.newClient();
  const before = await client.getSchema();
  expect(before.role).toBe("admin");
  expect(before.picklists.category ?? []).not.toContain("Partner");
  setSchema(before);
  const { env } = simEnv();
  const fresh = await addPicklistValue({ env, client }, "category", "Partner");
  expect(fresh.picklists.category).toContain("Partner");
  expect(getState().schema?.picklists.category).toContain("Partner");
  expect((await client.getSchema()).picklists.category).toContain("Partner");
});
