// Every seed rule is enforced on rows sent straight to the API, with the add-in's own messages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { customer, importRows, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const errorsOf = async (values: Record<string, unknown>, sheet = "customers") => {
  const org = await h.org();
  const [r] = await importRows(org.admin, sheet, [customer("r1", values)]);
  return r!;
};

describe("seed rules on rows sent to the API", () => {
  it("a customer without a name fails with 'Client name is required.'", async () => {
    const r = await errorsOf({ email: "a@example.com" });
    expect(r.outcome).toBe("failed");
    expect(r.errors).toContainEqual({ field: "name", message: messages.clientNameRequired });
  });

  it("a customer with neither e-mail nor phone fails with the seed's message", async () => {
    const r = await errorsOf({ name: "Acme" });
    expect(r.errors).toContainEqual({ field: "email", message: messages.emailOrPhoneRequired });
  });

  it("a malformed e-mail fails with 'Invalid email format.'", async () => {
    const r = await errorsOf({ name: "Acme", email: "acme.example.com" });
    expect(r.errors).toContainEqual({ field: "email", message: messages.invalidEmail });
  });

  it.each([[-5], [0], ["lots"]])(
    "an opening balance of %s fails with 'Invalid opening balance value.'",
    async (balance) => {
      const r = await errorsOf({
        name: "Acme",
        email: "a@example.com",
        openingBalance: balance,
        openingBalanceDate: "2026-01-01",
      });
      expect(r.errors).toContainEqual({
        field: "openingBalance",
        message: messages.openingBalance.notPositive,
      });
    },
  );

  it("an opening balance without a date, or with a bad date, fails with 'Invalid opening balance date.'", async () => {
    const missing = await errorsOf({ name: "Acme", email: "a@example.com", openingBalance: 100 });
    expect(missing.errors).toContainEqual({
      field: "openingBalanceDate",
      message: messages.openingBalance.dateMissing,
    });
    const bad = await errorsOf({
      name: "Acme",
      email: "a@example.com",
      openingBalance: 100,
      openingBalanceDate: "2026-02-30",
    });
    expect(bad.errors).toContainEqual({
      field: "openingBalanceDate",
      message: messages.openingBalance.dateUnreadable,
    });
  });

  it("a value longer than its field's limit fails with the limit in the message", async () => {
    const r = await errorsOf({ name: "A".repeat(256), email: "a@example.com" });
    expect(r.errors).toContainEqual({ field: "name", message: messages.tooLong("Name", 255) });
  });

  it("a picklist value outside the organisation's list fails; a listed one passes in its listed spelling", async () => {
    const org = await h.org();
    await org.admin.post("/api/v1/picklists/category/values", { value: "Retail" });
    const [bad, good] = await importRows(org.admin, "customers", [
      customer("r1", { name: "A", email: "a@example.com", category: "Space" }),
      customer("r2", { name: "B", email: "b@example.com", category: "retail" }),
    ]);
    expect(bad!.errors).toContainEqual({
      field: "category",
      message: messages.notInList("Category", "Space"),
    });
    expect(good!.outcome).toBe("created");
    const stored = await org.admin.get(`/api/v1/customers/${good!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.category).toBe("Retail");
  });

  it("a phone number invalid for the row's country fails; a valid one is stored in E.164", async () => {
    const org = await h.org();
    const [bad, good] = await importRows(org.admin, "customers", [
      customer("r1", { name: "A", phone: "12", country: "SE" }),
      customer("r2", { name: "B", phone: "08-123 456 78", country: "SE" }),
    ]);
    expect(bad!.outcome).toBe("failed");
    expect(bad!.errors[0]!.field).toBe("phone");
    expect(bad!.errors[0]!.message).toMatch(/^Phone is not a valid phone number/);
    const stored = await org.admin.get(`/api/v1/customers/${good!.crmId}`);
    expect((stored.body as { values: Record<string, unknown> }).values.phone).toBe("+46812345678");
  });

  it("a multi-location company without location name, code and headquarters fails on each", async () => {
    const r = await errorsOf({
      name: "Chain",
      email: "c@example.com",
      type: "Company",
      multiLocation: "Yes",
    });
    for (const label of ["Location name", "Location code", "Headquarters"])
      expect(r.errors.map((e) => e.message)).toContain(messages.requiredForMultiLocation(label));
  });

  it("an unknown field is reported rather than silently dropped", async () => {
    const r = await errorsOf({ name: "A", email: "a@example.com", shoeSize: 42 });
    expect(r.errors).toContainEqual({ field: "shoeSize", message: messages.unknownField("shoeSize") });
  });

  it("a contact without first name or customer fails with the required messages", async () => {
    const r = await errorsOf({ email: "p@example.com" }, "contacts");
    expect(r.errors).toContainEqual({ field: "customer", message: messages.required("Customer") });
    expect(r.errors).toContainEqual({ field: "firstName", message: messages.required("First name") });
  });
});

describe("references to customers", () => {
  it("a contact names its customer by CRM ID, customer number or name, and is returned with the CRM ID", async () => {
    const org = await h.org();
    const [c] = await importRows(org.admin, "customers", [
      customer("c", { name: "Acme AB", customerNumber: "K-1", email: "a@example.com" }),
    ]);
    const results = await importRows(org.admin, "contacts", [
      customer("p1", { customer: c!.crmId, firstName: "Ann" }),
      customer("p2", { customer: "k-1", firstName: "Bo" }),
      customer("p3", { customer: "acme ab", firstName: "Cy" }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
    const page = await org.admin.get("/api/v1/contacts");
    const items = (page.body as { items: { values: Record<string, unknown> }[] }).items;
    expect(items.map((i) => i.values.customer)).toEqual([c!.crmId, c!.crmId, c!.crmId]);
  });

  it("a customer name shared by two customers is ambiguous; an unknown one is unresolved", async () => {
    const org = await h.org();
    await importRows(org.admin, "customers", [
      customer("a", { name: "Twin", email: "t1@example.com" }),
      customer("b", { name: "Twin", email: "t2@example.com" }),
    ]);
    const [amb, none] = await importRows(org.admin, "contacts", [
      customer("p1", { customer: "Twin", firstName: "Ann" }),
      customer("p2", { customer: "Nobody", firstName: "Bo" }),
    ]);
    expect(amb!.errors).toEqual([
      { field: "customer", message: messages.referenceAmbiguous("Customer", "Twin", 2) },
    ]);
    expect(none!.errors).toEqual([
      { field: "customer", message: messages.referenceNotInCrm("Customer", "Nobody") },
    ]);
  });

  it("a site leaves its billing customer as it was, and the customer can still be updated", async () => {
    const org = await h.org();
    const [c] = await importRows(org.admin, "customers", [
      customer("c", { name: "Hotel", email: "h@example.com" }),
    ]);
    const [s] = await importRows(org.admin, "sites", [
      customer("s", { billingCustomer: "Hotel", siteName: "Annex" }),
    ]);
    expect(s!.outcome).toBe("created");
    const stored = await org.admin.get(`/api/v1/customers/${c!.crmId}`);
    const body = stored.body as { version: number; values: Record<string, unknown> };
    // Marked multi-location, every later update failed on Location name, code and Headquarters.
    expect(body.values.multiLocation).toBeUndefined();
    expect(body.version).toBe(1);
    const [edit] = await importRows(
      org.admin,
      "customers",
      [customer("c2", { name: "Hotel", email: "desk@example.com" }, { crmId: c!.crmId, version: 1 })],
      { duplicateAction: "update" },
    );
    expect(edit).toMatchObject({ outcome: "updated", errors: [] });
  });
});
