// The Map step's "Add to the CRM's list": the value lands in the organisation's list, and the schema
// the pane and the workflows read is refreshed, so the value is an option from then on.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { catalogOf } from "../../src/domain";
import { getState, resetStore, setSchema } from "../../src/workflows";
import { unmatchedValues } from "../../src/workflows/mapped-values";
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
  const fresh = await addPicklistValue({ env, client }, { list: "category" }, "Partner");
  expect(fresh.picklists.category).toContain("Partner");
  expect(getState().schema?.picklists.category).toContain("Partner");
  expect((await client.getSchema()).picklists.category).toContain("Partner");
});

it("adds a source value to a custom picklist field's options: the Map step stops asking about it", async () => {
  const client = await crm.newClient();
  const created = await fetch(`${crm.baseUrl}/api/v1/custom-fields`, {
    method: "POST",
    headers: { authorization: `Bearer ${client.settings.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      sheet: "customers",
      key: "cf_tier",
      label: "Tier",
      kind: "picklist",
      options: ["Gold"],
    }),
  });
  expect(created.status).toBe(201);
  const before = await client.getSchema();
  setSchema(before);
  const tierOf = (s: typeof before) => catalogOf(s).customers.fields.find((f) => f.key === "cf_tier")!;
  expect(unmatchedValues(["Gold", "Platinum"], tierOf(before), before.picklists)).toEqual(["Platinum"]);
  const { env } = simEnv();
  const fresh = await addPicklistValue({ env, client }, { field: "cf_tier", sheet: "customers" }, "Platinum");
  expect(tierOf(fresh).options).toEqual(["Gold", "Platinum"]);
  expect(fresh.customFields.find((f) => f.key === "cf_tier")?.options).toEqual(["Gold", "Platinum"]);
  expect(getState().schema).toEqual(fresh);
  expect(unmatchedValues(["Gold", "Platinum"], tierOf(fresh), fresh.picklists)).toEqual([]);
  // Again is a no-op: the options stay as they are.
  await addPicklistValue({ env, client }, { field: "cf_tier", sheet: "customers" }, "platinum");
  expect(tierOf(getState().schema!).options).toEqual(["Gold", "Platinum"]);
});
