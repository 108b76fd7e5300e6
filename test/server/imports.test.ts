// Duplicate actions, match keys, versions and dry runs, through the real app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import {
  customer,
  importRows,
  openImport,
  sendRows,
  startHarness,
  type Client,
  type Harness,
} from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

type Stored = { id: string; version: number; values: Record<string, unknown> };
const all = async (c: Client, sheet = "customers"): Promise<Stored[]> =>
  ((await c.get(`/api/v1/${sheet}?limit=100`)).body as { items: Stored[] }).items;

async function seeded() {
  const org = await h.org();
  const [first] = await importRows(org.admin, "customers", [
    customer("seed", {
      name: "Acme",
      email: "info@acme.example",
      phone: "+46812345678",
      city: "Lund",
      notes: "Key account",
    }),
  ]);
  return { org, id: first!.crmId! };
}

describe("duplicate actions", () => {
  it("skip leaves the matched customer as it was and answers its CRM ID", async () => {
    const { org, id } = await seeded();
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("r", { name: "Acme Renamed", email: "INFO@acme.example" })],
      { duplicateAction: "skip" },
    );
    expect(r).toMatchObject({ outcome: "skipped", crmId: id, version: 1 });
    expect((await all(org.admin)).map((c) => c.values.name)).toEqual(["Acme"]);
  });

  it("update changes only the cells given: blank cells keep their value unless listed in clear", async () => {
    const { org, id } = await seeded();
    const [r] = await importRows(
      org.admin,
      "customers",
      [
        customer(
          "r",
          { name: "Acme", email: "info@acme.example", city: "Malmö", phone: "", notes: null },
          { clear: ["notes"] },
        ),
      ],
      { duplicateAction: "update" },
    );
    expect(r).toMatchObject({ outcome: "updated", crmId: id, version: 2 });
    const [stored] = await all(org.admin);
    expect(stored!.values).toMatchObject({ city: "Malmö", phone: "+46812345678", name: "Acme" });
    expect(stored!.values.notes).toBeUndefined();
  });

  it("an update that changes nothing is 'unchanged' and keeps the version", async () => {
    const { org, id } = await seeded();
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("r", { name: "Acme", email: "info@acme.example", city: "Lund" })],
      { duplicateAction: "update" },
    );
    expect(r).toMatchObject({ outcome: "unchanged", crmId: id, version: 1 });
  });

  it("clone creates a second customer even though the e-mail matches", async () => {
    const { org, id } = await seeded();
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("r", { name: "Acme", email: "info@acme.example" })],
      { duplicateAction: "clone" },
    );
    expect(r!.outcome).toBe("created");
    expect(r!.crmId).not.toBe(id);
    expect(await all(org.admin)).toHaveLength(2);
  });

  it("rows of one batch that match each other are one customer, not two", async () => {
    const org = await h.org();
    const results = await importRows(org.admin, "customers", [
      customer("a", { name: "Dup", email: "dup@example.com" }),
      customer("b", { name: "Dup", email: "dup@example.com" }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "skipped"]);
    expect(results[1]!.crmId).toBe(results[0]!.crmId);
  });

  it("a row marked clone is created whatever it matches, in the CRM or earlier in its batch", async () => {
    const { org, id } = await seeded();
    const results = await importRows(org.admin, "customers", [
      { ...customer("a", { name: "Acme", email: "info@acme.example" }), clone: true },
      customer("b", { name: "Dup", email: "dup@example.com" }),
      { ...customer("c", { name: "Dup 2", email: "dup@example.com" }), clone: true },
      customer("d", { name: "Dup 3", email: "dup@example.com" }),
    ]);
    // A later unmarked row matches both: the clone is a record of its own, not a silent extra.
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created", "failed"]);
    expect(results[3]!.errors.map((e) => e.message)).toEqual([messages.matchesSeveral(2, "customers")]);
    expect(results[0]!.crmId).not.toBe(id);
    expect(new Set(results.slice(0, 3).map((r) => r.crmId)).size).toBe(3);
    expect(await all(org.admin)).toHaveLength(4);
  });

  it("blank cells are filled with the import's defaults on new customers only", async () => {
    const { org, id } = await seeded();
    await org.admin.post("/api/v1/picklists/campaign/values", { value: "Fair" });
    const [updated, created] = await importRows(
      org.admin,
      "customers",
      [
        customer("u", { email: "info@acme.example", city: "Ystad" }),
        customer("n", { name: "New", email: "new@example.com" }),
      ],
      { duplicateAction: "update", defaults: { campaign: "Fair", accountManager: "Admin" } },
    );
    expect(updated).toMatchObject({ outcome: "updated", crmId: id });
    const byId = new Map((await all(org.admin)).map((c) => [c.id, c.values]));
    expect(byId.get(id)!.campaign).toBeUndefined();
    expect(byId.get(created!.crmId!)).toMatchObject({ campaign: "Fair", accountManager: "Admin" });
  });
});

describe("match keys", () => {
  it("a customer number key matches case-insensitively; the default keys are e-mail and phone", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [
      customer("a", { name: "A", customerNumber: "k-9", email: "a@example.com" }),
    ]);
    const [byNumber] = await importRows(
      org.admin,
      "customers",
      [customer("b", { name: "A2", customerNumber: "K-9", email: "other@example.com" })],
      {
        matchKeys: [["customerNumber"]],
      },
    );
    expect(byNumber!.outcome).toBe("skipped");
    const [byPhoneDefault] = await importRows(org.admin, "customers", [
      customer("c", { name: "C", customerNumber: "K-9", phone: "+46812345670" }),
    ]);
    expect(byPhoneDefault!.outcome).toBe("created");
  });

  it("a row whose keys hit two existing customers fails with 'matches 2 existing customers'", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [
      customer("a", { name: "A", email: "a@example.com" }),
      customer("b", { name: "B", phone: "+46812345678" }),
    ]);
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("c", { name: "C", email: "a@example.com", phone: "+46812345678" })],
      { duplicateAction: "update" },
    );
    expect(r!.outcome).toBe("failed");
    expect(r!.errors.map((e) => e.message)).toEqual([messages.matchesSeveral(2, "customers")]);
    expect(await all(org.admin)).toHaveLength(2);
  });

  it("a name + postal code key needs both parts; a key the sheet does not offer is refused", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [
      customer("a", { name: "Café Nord", postalCode: "22100", email: "a@example.com" }),
    ]);
    const results = await importRows(
      org.admin,
      "customers",
      [
        customer("b", { name: "cafe nord", postalCode: "22100", email: "b@example.com" }),
        customer("c", { name: "Café Nord", postalCode: "22200", email: "c@example.com" }),
      ],
      { matchKeys: [["name", "postalCode"]] },
    );
    expect(results.map((r) => r.outcome)).toEqual(["skipped", "created"]);
    const refused = await org.admin.post("/api/v1/imports", { sheet: "customers", matchKeys: [["city"]] });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { code: string } }).error.code).toBe("invalid_match_keys");
  });
});

describe("versions and CRM IDs", () => {
  it("a row downloaded at an older version than stored is a conflict and changes nothing", async () => {
    const { org, id } = await seeded();
    await importRows(org.admin, "customers", [customer("u1", { city: "Ystad" }, { crmId: id, version: 1 })]);
    const [r] = await importRows(org.admin, "customers", [
      customer("u2", { city: "Kiruna" }, { crmId: id, version: 1 }),
    ]);
    expect(r).toMatchObject({ outcome: "conflict", crmId: id, version: 2 });
    expect(r!.errors).toEqual([{ field: null, message: messages.staleVersion }]);
    expect((await all(org.admin))[0]!.values.city).toBe("Ystad");
  });

  it("a CRM ID that does not exist fails with the not-found message", async () => {
    const org = await h.org();
    const [r] = await importRows(org.admin, "customers", [
      customer("x", { name: "X", email: "x@example.com" }, { crmId: "cus_nope" }),
    ]);
    expect(r!.errors).toEqual([{ field: "crmId", message: messages.notFound("customer") }]);
  });

  it("an update is checked as the whole merged record", async () => {
    const { org, id } = await seeded();
    const [r] = await importRows(org.admin, "customers", [
      customer("u", { city: "Ystad" }, { crmId: id, clear: ["email", "phone"] }),
    ]);
    expect(r!.outcome).toBe("failed");
    expect(r!.errors).toContainEqual({ field: "email", message: messages.emailOrPhoneRequired });
  });
});

describe("dry run", () => {
  it("answers what would happen and writes nothing", async () => {
    const { org } = await seeded();
    const id = await openImport(org.admin, { sheet: "customers", dryRun: true, duplicateAction: "update" });
    const results = await sendRows(org.admin, id, [
      customer("a", { name: "New", email: "new@example.com" }),
      customer("b", { email: "info@acme.example", city: "Visby" }),
      customer("c", { email: "bad" }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "updated", "failed"]);
    const stored = await all(org.admin);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.values.city).toBe("Lund");
  });
});

describe("history", () => {
  it("names who ran each import beside the id, in the list and in one import", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [customer("h1", { name: "Acme", email: "a@acme.example" })]);
    const list = (await org.admin.get("/api/v1/imports")).body as {
      items: { id: string; createdBy: string; createdByName?: string }[];
    };
    expect(list.items).toHaveLength(1);
    const [item] = list.items;
    expect(item!.createdByName).toBe("Admin");
    expect(item!.createdBy).not.toBe("Admin");
    const one = (await org.admin.get(`/api/v1/imports/${item!.id}`)).body as { createdByName?: string };
    expect(one.createdByName).toBe("Admin");
  });
});
