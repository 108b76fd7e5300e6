// What a row becomes, said in full: a skipped row names the record it matched and the key that found
// it; a headquarters created in the same import is linked by its row; a dry run says what it changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { customer, importRows, openImport, sendRows, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const branch = (ref: string, name: string, hq: string, link?: string) =>
  customer(
    ref,
    {
      name,
      email: `${ref}@example.com`,
      multiLocation: true,
      locationName: name,
      locationCode: ref.toUpperCase(),
      headquarters: hq,
    },
    link ? { links: { headquarters: link } } : {},
  );

describe("a skipped row says why", () => {
  it("names the customer it matched, with its number, and the match key", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [
      customer("a", { name: "Acme AB", customerNumber: "CUST-12", phone: "+46812345678" }),
    ]);
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("b", { name: "Switchboard Ltd", phone: "+46 8 123 456 78" })],
      { matchKeys: [["email"], ["phone"]] },
    );
    expect(r).toMatchObject({
      outcome: "skipped",
      errors: [
        { field: "phone", message: messages.matchesExisting("customer", "Acme AB (CUST-12)", "Phone") },
      ],
    });
  });
});

describe("a headquarters created in the same import", () => {
  it("is linked by its row in the same batch: the branch points at the record it created", async () => {
    const org = await h.org();
    const [hq, b] = await importRows(org.admin, "customers", [
      customer("Customers!3", { name: "Nordic Hotels", email: "hq@example.com" }),
      branch("b1", "Nordic Hotels Lund", "Nordic Hotels", "Customers!3"),
    ]);
    expect(hq!.outcome).toBe("created");
    expect(b).toMatchObject({ outcome: "created", errors: [] });
    const stored = await org.admin.get(`/api/v1/customers/${b!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.headquarters).toBe(hq!.crmId);
  });

  it("is linked in a later batch, in a dry run too, where nothing is stored", async () => {
    const org = await h.org();
    for (const dryRun of [true, false]) {
      const id = await openImport(org.admin, { sheet: "customers", dryRun });
      const [hq] = await sendRows(org.admin, id, [customer("Customers!3", { name: "HQ", email: "hq@x.se" })]);
      const [b] = await sendRows(org.admin, id, [branch("b2", "HQ Malmö", "HQ", "Customers!3")]);
      expect(hq!.outcome).toBe("created");
      expect(b).toMatchObject({ outcome: "created", errors: [] });
    }
  });

  it("a branch whose headquarters row failed fails, naming that row", async () => {
    const org = await h.org();
    const [hq, b] = await importRows(org.admin, "customers", [
      customer("Customers!3", { name: "No contact HQ" }),
      branch("b3", "Branch", "No contact HQ", "Customers!3"),
    ]);
    expect(hq!.outcome).toBe("failed");
    expect(b).toMatchObject({
      outcome: "failed",
      errors: [
        { field: "headquarters", message: messages.linkedRowNotImported("Headquarters", "Customers!3") },
      ],
    });
  });
});

describe("a dry run's update", () => {
  it("lists the fields it would change, and changes nothing", async () => {
    const org = await h.org();
    const [c] = await importRows(org.admin, "customers", [
      customer("c", { name: "Acme", email: "a@example.com", city: "Lund" }),
    ]);
    const [r] = await importRows(
      org.admin,
      "customers",
      [customer("c", { name: "Acme", email: "a@example.com", city: "Malmö" }, { crmId: c!.crmId })],
      { dryRun: true },
    );
    expect(r).toMatchObject({ outcome: "updated", changes: ["city"] });
    const stored = await org.admin.get(`/api/v1/customers/${c!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.city).toBe("Lund");
  });
});

describe("a contact's or site's phone with no country code", () => {
  it("is read with its customer's Country, on a row that gives none of its own; without one it fails", async () => {
    const org = await h.org();
    const [acme, nowhere] = await importRows(org.admin, "customers", [
      customer("a", { name: "Acme AB", email: "a@acme.se", country: "SE" }),
      customer("n", { name: "Nowhere Ltd", email: "n@nowhere.example" }),
    ]);
    const contacts = await importRows(org.admin, "contacts", [
      customer("c1", { customer: "Acme AB", firstName: "Ann", phone: "070-123 45 67" }),
      customer("c2", { customer: acme!.crmId, firstName: "Bo", phone: "0701234568" }),
      customer("c3", { customer: nowhere!.crmId, firstName: "Cy", phone: "070-123 45 69" }),
    ]);
    expect(contacts.map((r) => r.outcome)).toEqual(["created", "created", "failed"]);
    expect(contacts[2]!.errors).toEqual([
      { field: "phone", message: messages.invalidPhone("Phone", messages.phoneReasons.noCountry) },
    ]);
    const stored = await org.admin.get(`/api/v1/contacts/${contacts[0]!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.phone).toBe("+46701234567");

    // A site's own Country wins over its billing customer's.
    const sites = await importRows(org.admin, "sites", [
      customer("s1", { billingCustomer: "Acme AB", siteName: "Lund", phone: "046-12 34 56" }),
      customer("s2", { billingCustomer: "Acme AB", siteName: "Oslo", country: "NO", phone: "22 12 34 56" }),
    ]);
    expect(sites.map((r) => r.outcome)).toEqual(["created", "created"]);
    const lund = await org.admin.get(`/api/v1/sites/${sites[0]!.crmId}`);
    const oslo = await org.admin.get(`/api/v1/sites/${sites[1]!.crmId}`);
    expect((lund.body as { values: Record<string, unknown> }).values.phone).toBe("+4646123456");
    expect((oslo.body as { values: Record<string, unknown> }).values.phone).toBe("+4722123456");
  });
});
