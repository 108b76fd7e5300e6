import { afterEach, describe, expect, it } from "vitest";
import {
  createCrmClient,
  importRows,
  type CrmClientOptions,
  type ImportProgress,
  type RowSource,
} from "../../src/client";
import { messages, type ImportRow } from "../../src/domain";
import { TOKEN, rowsOf, startFakeCrm, type FakeCrm, type FakeCrmOptions } from "./fake-crm";

let fake: FakeCrm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeCrmOptions = {}, clientOptions: Partial<CrmClientOptions> = {}) {
  fake = await startFakeCrm(fakeOptions);
  const client = createCrmClient({
    baseUrl: fake.url,
    token: TOKEN,
    sleep: async () => {},
    random: () => 0.5,
    ...clientOptions,
  });
  return { client, fake };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const refs = (rows: readonly ImportRow[]) => rows.map((r) => r.ref);
/** The row number in `rowsOf` of a ref such as "Customers!12". */
const numberOf = (ref: string | undefined) => Number(ref?.split("!")[1]) - 2;

describe("importRows", () => {
  it("gives each batch one key, kept across its retries and distinct from every other batch's", async () => {
    const { client, fake } = await setup({
      fault: ({ rows }) =>
        rows?.refs[0] === "Customers!1002" && rows.attemptOfKey <= 2
          ? { kind: "dropAfterCommit" }
          : undefined,
    });
    const rows = rowsOf(2_500);
    const outcome = await importRows(client, "imp-1", rows, { batchSize: 1_000, concurrency: 1 });
    expect(fake.arrivals.map((a) => a.refs.length)).toEqual([1_000, 1_000, 1_000, 1_000, 500]);
    const keys = fake.arrivals.map((a) => a.key);
    expect(keys[1]).toBe(keys[2]);
    expect(keys[2]).toBe(keys[3]);
    expect(new Set(keys).size).toBe(3);
    expect(outcome.results.every((r) => r.outcome === "created")).toBe(true);
    expect(fake.writes.size).toBe(2_500);
    expect([...fake.writes.values()].every((n) => n === 1)).toBe(true);
  });

  it("returns one result per row in input order, whatever order the batches finish in", async () => {
    const { client } = await setup(
      { beforeRows: (arrival) => pause(60 - numberOf(arrival.refs[0]) / 2) },
      { concurrency: 3 },
    );
    const rows = rowsOf(120);
    const outcome = await importRows(client, "imp-1", rows, { batchSize: 10 });
    expect(outcome.results.map((r) => r.ref)).toEqual(refs(rows));
    expect(outcome.results.map((r) => r.crmId)).toEqual(rows.map((r) => `crm-${r.ref}`));
  });

  it("hands each batch's reports over as it lands, each row once, with its index in the input", async () => {
    const { client } = await setup(
      { beforeRows: (arrival) => pause(60 - numberOf(arrival.refs[0]) / 2) },
      { concurrency: 3 },
    );
    const rows = [...rowsOf(55), { ref: "", values: {} }];
    const handed: Array<{ at: number; ref: string }> = [];
    let batches = 0;
    const outcome = await importRows(client, "imp-1", rows, {
      batchSize: 10,
      onBatch: (at, reports) => {
        batches++;
        at.forEach((i, k) => handed.push({ at: i, ref: reports[k]!.ref }));
      },
    });
    // 6 batches sent and the malformed row's own report; later batches landed first.
    expect(batches).toBe(7);
    expect(handed.map((h) => h.at)).not.toEqual([...handed.map((h) => h.at)].sort((a, b) => a - b));
    expect([...handed].sort((a, b) => a.at - b.at)).toEqual(
      outcome.results.map((r, at) => ({ at, ref: r.ref })),
    );
  });

  it("makes a row source's rows when their batch's turn comes: the first batch leaves before the last row is made", async () => {
    let made = 0;
    const madeAtArrival: number[] = [];
    const { client } = await setup(
      {
        beforeRows: async () => {
          madeAtArrival.push(made);
        },
      },
      { concurrency: 2 },
    );
    const rows = rowsOf(100);
    const source: RowSource = {
      length: rows.length,
      at: (i) => {
        made++;
        return rows[i];
      },
    };
    const outcome = await importRows(client, "imp-1", source, { batchSize: 10 });
    expect(madeAtArrival[0]).toBeLessThanOrEqual(20);
    expect(outcome.results.map((r) => r.ref)).toEqual(refs(rows));
  });

  it("never has more batches in flight than its concurrency", async () => {
    const wide = await setup({ beforeRows: () => pause(25) }, { concurrency: 3 });
    await importRows(wide.client, "imp-1", rowsOf(120), { batchSize: 10 });
    expect(wide.fake.maxRowsInFlight()).toBe(3);
    await wide.fake.close();

    const narrow = await setup({ beforeRows: () => pause(25) }, { concurrency: 4 });
    await importRows(narrow.client, "imp-1", rowsOf(120), { batchSize: 10, concurrency: 2 });
    expect(narrow.fake.maxRowsInFlight()).toBe(2);
    await narrow.fake.close();

    // The client's own bound holds even when a caller asks for more lanes.
    const capped = await setup({ beforeRows: () => pause(25) }, { concurrency: 2 });
    await importRows(capped.client, "imp-1", rowsOf(120), { batchSize: 10, concurrency: 4 });
    expect(capped.fake.maxRowsInFlight()).toBe(2);
  });

  it("reports a batch that fails for good as a failure of every one of its rows, with the reason", async () => {
    const { client } = await setup(
      {
        fault: ({ rows }) =>
          rows?.refs.includes("Customers!9") ? { kind: "status", status: 500 } : undefined,
      },
      { retries: 2 },
    );
    const rows = rowsOf(15);
    const outcome = await importRows(client, "imp-1", rows, { batchSize: 5, concurrency: 1 });
    const failedRefs = refs(rows.slice(5, 10));
    expect(outcome.results.filter((r) => r.outcome === "failed").map((r) => r.ref)).toEqual(failedRefs);
    for (const r of outcome.results.slice(5, 10)) {
      expect(r.errors).toEqual([
        { field: null, message: messages.crm.batchUnconfirmed(messages.crm.serverError) },
      ]);
    }
    expect(outcome.results.filter((r) => r.outcome === "created")).toHaveLength(10);
    expect(outcome.failedBatches).toHaveLength(1);
    expect(outcome.failedBatches[0]).toMatchObject({
      refs: failedRefs,
      unconfirmed: true,
      error: { kind: "server" },
    });
  });

  it("fails a batch the CRM refuses (422) at once, saying why, and goes on with the others", async () => {
    const body = { error: { code: "invalid_rows", message: "Unknown field cf_x." } };
    const { client, fake } = await setup({
      fault: ({ rows }) =>
        rows?.refs.includes("Customers!2") ? { kind: "status", status: 422, body } : undefined,
    });
    const outcome = await importRows(client, "imp-1", rowsOf(6), { batchSize: 3 });
    expect(fake.arrivals).toHaveLength(2);
    expect(outcome.results.slice(0, 3).map((r) => r.errors[0]?.message)).toEqual(
      Array(3).fill(messages.crm.batchFailed(messages.crm.refused("Unknown field cf_x."))),
    );
    expect(outcome.failedBatches[0]?.unconfirmed).toBe(false);
    expect(outcome.results.slice(3).map((r) => r.outcome)).toEqual(["created", "created", "created"]);
  });

  it("keeps the CRM's own row errors, and fails a malformed row alone without sending it", async () => {
    const { client, fake } = await setup({ badRef: (ref) => ref === "Customers!3" });
    const rows: ImportRow[] = [...rowsOf(3)];
    rows.splice(1, 0, { ref: "", values: {} });
    const outcome = await importRows(client, "imp-1", rows);
    expect(outcome.results.map((r) => r.outcome)).toEqual(["created", "failed", "failed", "created"]);
    expect(outcome.results[1]?.errors[0]?.message).toMatch(/^This cannot be sent to the CRM: ref:/);
    expect(outcome.results[2]?.errors).toEqual([{ field: "email", message: "Invalid email format." }]);
    expect(fake.arrivals[0]?.refs).toEqual(["Customers!2", "Customers!3", "Customers!4"]);
  });

  it("on cancel, lets the batches in flight finish, starts no other, and lists the rows not sent", async () => {
    const controller = new AbortController();
    let release: () => void = () => {};
    const bothArrived = new Promise<void>((resolve) => (release = resolve));
    const { client, fake } = await setup(
      {
        beforeRows: async () => {
          if (fake?.arrivals.length === 2) {
            controller.abort();
            release();
          }
          await bothArrived;
        },
      },
      { concurrency: 2 },
    );
    const rows = rowsOf(100);
    const outcome = await importRows(client, "imp-1", rows, { batchSize: 10, signal: controller.signal });
    expect(outcome.cancelled).toBe(true);
    expect(fake.arrivals).toHaveLength(2);
    expect(fake.writes.size).toBe(20);
    expect(outcome.results.slice(0, 20).every((r) => r.outcome === "created")).toBe(true);
    expect(outcome.notSent).toEqual(refs(rows.slice(20)));
    expect(
      outcome.results
        .slice(20)
        .every((r) => r.outcome === "not sent" && r.errors[0]?.message === messages.crm.notSent),
    ).toBe(true);
  });

  it("refuses a batch size above the CRM's limit before sending anything", async () => {
    const { client, fake } = await setup();
    await expect(importRows(client, "imp-1", rowsOf(3), { batchSize: 1_001 })).rejects.toMatchObject({
      kind: "validation",
      code: "invalid_request",
    });
    expect(fake.arrivals).toEqual([]);
  });

  it("reports progress that only grows and ends at the total", async () => {
    const { client } = await setup({ badRef: (ref) => ref.endsWith("7") }, { concurrency: 3 });
    const seen: ImportProgress[] = [];
    // A malformed row, and a last batch of malformed rows only: counted done when their batch's turn comes.
    const rows = [
      ...rowsOf(95),
      { ref: "", values: {} },
      ...Array.from({ length: 4 }, () => ({ ref: "", values: {} })),
    ];
    await importRows(client, "imp-1", rows, { batchSize: 10, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ rowsDone: 0, batchesDone: 0, rowsTotal: 100, batchesTotal: 10 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.rowsDone).toBeGreaterThan(seen[i - 1]!.rowsDone);
      expect(seen[i]!.batchesDone).toBe(seen[i - 1]!.batchesDone + 1);
    }
    expect(seen.at(-1)).toMatchObject({
      rowsDone: 100,
      rowsTotal: 100,
      batchesDone: 10,
      batchesTotal: 10,
      secondsLeft: 0,
    });
    expect(seen.at(-1)!.rowsPerSecond).toBeGreaterThan(0);
    expect(seen).toHaveLength(11);
  });
});
