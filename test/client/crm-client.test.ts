import { afterEach, describe, expect, it } from "vitest";
import Fastify from "fastify";
import { createCrmClient, CrmClientError, type CrmClientOptions } from "../../src/client";
import { messages } from "../../src/domain";
import { TOKEN, customer, schemaDocument, startFakeCrm, type FakeCrm, type FakeCrmOptions } from "./fake-crm";

let fake: FakeCrm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const waits: number[] = [];
async function setup(fakeOptions: FakeCrmOptions = {}, clientOptions: Partial<CrmClientOptions> = {}) {
  fake = await startFakeCrm(fakeOptions);
  waits.length = 0;
  const client = createCrmClient({
    baseUrl: fake.url,
    token: TOKEN,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...clientOptions,
  });
  return { client, fake };
}

async function caught(promise: Promise<unknown>): Promise<CrmClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CrmClientError)) throw new Error(`expected a CrmClientError, got ${String(error)}`);
  return error;
}

describe("createCrmClient", () => {
  it("parses its options and fills the defaults", () => {
    const client = createCrmClient({ baseUrl: "https://crm.example.com/", token: "t" });
    expect(client.settings).toMatchObject({
      baseUrl: "https://crm.example.com",
      timeoutMs: 30_000,
      retries: 5,
      concurrency: 2,
    });
  });

  it("refuses options that are not an address and a token, in words", () => {
    expect(() => createCrmClient({ baseUrl: "not a url", token: "t" })).toThrow(CrmClientError);
    expect(() => createCrmClient({ baseUrl: "https://crm.example.com", token: "" })).toThrow(
      /cannot be sent to the CRM/,
    );
  });
});

describe("reading from the CRM", () => {
  it("returns the schema document, parsed", async () => {
    const { client } = await setup();
    const schema = await client.getSchema();
    expect(schema.organisation.name).toBe("Acme Ltd");
    expect(schema.sheets.customers.fields.map((f) => f.key)).toEqual(
      schemaDocument().sheets.customers.fields.map((f) => f.key),
    );
  });

  it("pages through every record with the keyset cursor", async () => {
    const records = Array.from({ length: 25 }, (_, n) => customer(n));
    const { client, fake } = await setup({ records: { customers: records } });
    const progress: Array<{ pages: number; records: number }> = [];
    const pages = [];
    for await (const page of client.listRecords("customers", {
      pageSize: 10,
      onProgress: (p) => progress.push(p),
    }))
      pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(records.map((r) => r.id));
    expect(progress).toEqual([
      { pages: 1, records: 10 },
      { pages: 2, records: 20 },
      { pages: 3, records: 25 },
    ]);
    expect(fake.routes.filter((r) => r === "/api/v1/:sheet")).toHaveLength(3);
    expect(await client.listAllRecords("customers", { pageSize: 10 })).toEqual(records);
  });

  it("stops paging with an unexpected-answer error when the cursor does not move", async () => {
    const stuck = { kind: "status", status: 200, body: { items: [], next: "c0001" } } as const;
    const { client, fake } = await setup({
      fault: ({ route }) => (route === "/api/v1/:sheet" ? stuck : undefined),
    });
    const error = await caught(client.listAllRecords("customers"));
    expect(error).toMatchObject({ code: "unexpected_response", message: messages.crm.unexpectedAnswer });
    expect(fake.routes).toHaveLength(2);
  });

  it("reads one record, and says when it no longer exists", async () => {
    const { client } = await setup({ records: { customers: [customer(1)] } });
    expect(await client.getRecord("customers", "c0001")).toEqual(customer(1));
    const error = await caught(client.getRecord("customers", "c9999"));
    expect(error).toMatchObject({
      kind: "notFound",
      status: 404,
      code: "not_found",
      message: messages.crm.notFound,
    });
  });

  it("opens, finishes and lists imports", async () => {
    const { client } = await setup();
    expect((await client.createImport({ sheet: "customers" })).status).toBe("open");
    expect((await client.finishImport("imp-1")).status).toBe("finished");
    expect((await client.listImports()).items.map((i) => i.id)).toEqual(["imp-1"]);
    expect((await client.getImport("imp-7")).failures).toEqual([]);
  });

  it("refuses to send an import body the contract rejects", async () => {
    const { client, fake } = await setup();
    const error = await caught(client.createImport({ sheet: "customers", notifyEmail: "not-an-email" }));
    expect(error.kind).toBe("validation");
    expect(fake.routes).toEqual([]);
  });

  it("calls an answer that does not match the contract unexpected, and does not retry it", async () => {
    const { client, fake } = await setup({ fault: () => ({ kind: "garbage" }) });
    const error = await caught(client.getSchema());
    expect(error).toMatchObject({
      kind: "server",
      code: "unexpected_response",
      message: messages.crm.unexpectedAnswer,
    });
    expect(fake.routes).toHaveLength(1);
  });

  it("stops a download when its signal aborts", async () => {
    const records = Array.from({ length: 30 }, (_, n) => customer(n));
    const { client } = await setup({ records: { customers: records } });
    const controller = new AbortController();
    const seen: string[] = [];
    const download = (async () => {
      for await (const page of client.listRecords("customers", { pageSize: 10, signal: controller.signal })) {
        seen.push(...page.items.map((r) => r.id));
        controller.abort();
      }
    })();
    expect(await caught(download)).toMatchObject({ kind: "cancelled" });
    expect(seen).toHaveLength(10);
  });
});

describe("cancelling a wait", () => {
  it("ends a Retry-After wait at once when the signal aborts", async () => {
    const controller = new AbortController();
    const busy = { kind: "status", status: 429, headers: { "retry-after": "60" } } as const;
    const { client, fake } = await setup(
      { fault: () => busy },
      { sleep: () => (controller.abort(), new Promise<void>(() => {})) },
    );
    const error = await caught(client.getSchema(controller.signal));
    expect(error).toMatchObject({ kind: "cancelled", message: messages.crm.cancelled });
    expect(fake.routes).toHaveLength(1);
  });
});

describe("checkConnection", () => {
  it("names the organisation when the token is good", async () => {
    const { client } = await setup();
    expect(await client.checkConnection()).toEqual({
      ok: true,
      organisation: { id: "org-1", name: "Acme Ltd" },
    });
  });

  it("says the token was refused on 401, without retrying", async () => {
    const { client, fake } = await setup({}, { token: "wrong" });
    expect(await client.checkConnection()).toEqual({
      ok: false,
      kind: "auth",
      message: messages.crm.tokenRefused,
    });
    expect(fake.routes).toHaveLength(1);
  });

  it("says the account may not do this on 403", async () => {
    const body = { error: { code: "forbidden", message: "Viewer." } };
    const { client } = await setup({ fault: () => ({ kind: "status", status: 403, body }) });
    expect(await client.checkConnection()).toEqual({
      ok: false,
      kind: "forbidden",
      message: messages.crm.forbidden,
    });
  });

  it("says the CRM cannot be reached when nothing listens, after retrying", async () => {
    const closed = Fastify();
    const url = await closed.listen({ host: "127.0.0.1", port: 0 });
    await closed.close();
    const client = createCrmClient({
      baseUrl: url,
      token: TOKEN,
      retries: 2,
      sleep: async (ms) => void waits.push(ms),
    });
    waits.length = 0;
    expect(await client.checkConnection()).toEqual({
      ok: false,
      kind: "network",
      message: messages.crm.unreachable,
    });
    expect(waits).toHaveLength(2);
    // A refused connection proves nothing was sent, so nothing can have been written.
    expect(await caught(client.getSchema())).toMatchObject({ code: "ECONNREFUSED", unconfirmed: false });
  });
});
