import { afterEach, describe, expect, it } from "vitest";
import { createCrmClient, CrmClientError, type CrmClientOptions } from "../../src/client";
import { backoffDelay, parseRetryAfter } from "../../src/client/retry";
import { messages } from "../../src/domain";
import { TOKEN, rowsOf, startFakeCrm, type FakeCrm, type FakeCrmOptions, type Fault } from "./fake-crm";

let fake: FakeCrm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const NOW = Date.parse("2026-03-01T12:00:00Z");

async function setup(fakeOptions: FakeCrmOptions, clientOptions: Partial<CrmClientOptions> = {}) {
  fake = await startFakeCrm(fakeOptions);
  const waits: number[] = [];
  const client = createCrmClient({
    baseUrl: fake.url,
    token: TOKEN,
    backoffBaseMs: 100,
    backoffMaxMs: 1_000,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    now: () => NOW,
    ...clientOptions,
  });
  return { client, fake, waits };
}

/** The first `times` arrivals of a rows batch meet `fault`; later ones go through. */
const firstAttempts =
  (times: number, fault: Fault) =>
  ({ rows }: { rows?: { attemptOfKey: number } }): Fault | undefined =>
    rows && rows.attemptOfKey <= times ? fault : undefined;

async function rejection(promise: Promise<unknown>): Promise<CrmClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CrmClientError)) throw new Error(`expected a CrmClientError, got ${String(error)}`);
  return error;
}

describe("backoff and Retry-After", () => {
  it("doubles the ceiling per attempt up to the maximum, scaled by the jitter", () => {
    const policy = { backoffBaseMs: 100, backoffMaxMs: 1_000, random: () => 1 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect(backoffDelay(3, { ...policy, random: () => 0.25 })).toBe(200);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7_000);
    expect(parseRetryAfter(new Date(NOW + 3_000).toUTCString(), NOW)).toBe(3_000);
    expect(parseRetryAfter(new Date(NOW - 3_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe("retries of one batch", () => {
  it("retries a 500 and then succeeds, with backoff, under the same idempotency key", async () => {
    const { client, fake, waits } = await setup({ fault: firstAttempts(2, { kind: "status", status: 500 }) });
    const results = await client.sendBatch("imp-1", rowsOf(3), "key-1");
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created"]);
    expect(fake.arrivals.map((a) => a.key)).toEqual(["key-1", "key-1", "key-1"]);
    expect(waits).toEqual([50, 100]);
  });

  it("waits as long as a 429's Retry-After says, in seconds or as a date", async () => {
    const date = new Date(NOW + 4_000).toUTCString();
    const { client, waits } = await setup({
      fault: ({ rows }) =>
        rows?.attemptOfKey === 1
          ? { kind: "status", status: 429, headers: { "retry-after": "2" } }
          : rows?.attemptOfKey === 2
            ? { kind: "status", status: 429, headers: { "retry-after": date } }
            : undefined,
    });
    await client.sendBatch("imp-1", rowsOf(1));
    expect(waits).toEqual([2_000, 4_000]);
  });

  it("tells the caller each wait before it is waited out (the pane's 'trying again in N s')", async () => {
    const told: number[] = [];
    const { client, waits } = await setup(
      { fault: firstAttempts(2, { kind: "status", status: 503 }) },
      { onRetryWait: (ms) => void told.push(ms) },
    );
    await client.sendBatch("imp-1", rowsOf(1));
    expect(told).toEqual([50, 100]);
    expect(told).toEqual(waits);
  });

  it("backs off on a 429 without Retry-After as on any other transient failure", async () => {
    const { client, waits } = await setup({ fault: firstAttempts(2, { kind: "status", status: 429 }) });
    await client.sendBatch("imp-1", rowsOf(1));
    expect(waits).toEqual([50, 100]);
  });

  it("gives up on a 429 that asks for longer than the client will wait, saying when to try again", async () => {
    const { client, fake } = await setup(
      { fault: () => ({ kind: "status", status: 429, headers: { "retry-after": "600" } }) },
      { maxRetryAfterMs: 60_000 },
    );
    const error = await rejection(client.sendBatch("imp-1", rowsOf(1)));
    expect(error).toMatchObject({
      kind: "rateLimited",
      status: 429,
      retryAfterMs: 600_000,
      message: messages.crm.rateLimited(600),
    });
    expect(fake.arrivals).toHaveLength(1);
  });

  it("resends after the connection drops before the request is handled", async () => {
    const { client, fake } = await setup({ fault: firstAttempts(1, { kind: "dropBefore" }) });
    const results = await client.sendBatch("imp-1", rowsOf(2), "key-d");
    expect(results.map((r) => r.crmId)).toEqual(["crm-Customers!2", "crm-Customers!3"]);
    expect(fake.arrivals.map((a) => a.key)).toEqual(["key-d", "key-d"]);
    expect([...fake.writes.values()]).toEqual([1, 1]);
  });

  it("gets the recorded answer when the answer was lost after the CRM committed: written once", async () => {
    const { client, fake } = await setup({ fault: firstAttempts(1, { kind: "dropAfterCommit" }) });
    const results = await client.sendBatch("imp-1", rowsOf(4));
    expect(results.map((r) => r.outcome)).toEqual(["created", "created", "created", "created"]);
    expect(fake.arrivals).toHaveLength(2);
    expect(fake.arrivals[0]?.key).toBe(fake.arrivals[1]?.key);
    expect([...fake.writes.values()]).toEqual([1, 1, 1, 1]);
  });

  it("times out a stalled answer and retries it with the same key: written once", async () => {
    const { client, fake } = await setup(
      { fault: firstAttempts(1, { kind: "delayAfterCommit", ms: 800 }) },
      { timeoutMs: 150 },
    );
    const results = await client.sendBatch("imp-1", rowsOf(2));
    expect(results.map((r) => r.outcome)).toEqual(["created", "created"]);
    expect(fake.arrivals).toHaveLength(2);
    expect([...fake.writes.values()]).toEqual([1, 1]);
  });

  it("fails with a timeout message when every attempt stalls", async () => {
    const { client, fake } = await setup(
      { fault: () => ({ kind: "delayAfterCommit", ms: 500 }) },
      { timeoutMs: 100, retries: 1 },
    );
    const error = await rejection(client.sendBatch("imp-1", rowsOf(1)));
    expect(error).toMatchObject({ kind: "network", message: messages.crm.timedOut });
    expect(fake.arrivals).toHaveLength(2);
  });

  it("marks a batch unconfirmed when an earlier attempt may have been applied, even if the last was a 429", async () => {
    const { client } = await setup({
      fault: ({ rows }) =>
        rows?.attemptOfKey === 1
          ? { kind: "dropAfterCommit" }
          : { kind: "status", status: 429, headers: { "retry-after": "600" } },
    });
    const error = await rejection(client.sendBatch("imp-1", rowsOf(1)));
    expect(error).toMatchObject({ kind: "rateLimited", unconfirmed: true });
  });

  it("never retries a 422, and passes the CRM's reason on", async () => {
    const body = { error: { code: "invalid_rows", message: "Row 1 has no values." } };
    const { client, fake, waits } = await setup({ fault: () => ({ kind: "status", status: 422, body }) });
    const error = await rejection(client.sendBatch("imp-1", rowsOf(1)));
    expect(error).toMatchObject({
      kind: "validation",
      status: 422,
      code: "invalid_rows",
      message: messages.crm.refused("Row 1 has no values."),
    });
    expect(fake.arrivals).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error.unconfirmed).toBe(false);
  });

  it("stops after the configured retries on a CRM that keeps failing, without its details", async () => {
    const body = { error: { code: "boom", message: "stack trace here" } };
    const { client, fake, waits } = await setup(
      { fault: () => ({ kind: "status", status: 503, body }) },
      { retries: 3 },
    );
    const error = await rejection(client.sendBatch("imp-1", rowsOf(1)));
    expect(error).toMatchObject({ kind: "server", status: 503, message: messages.crm.serverError });
    expect(fake.arrivals).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
  });
});
