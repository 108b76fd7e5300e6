/**
 * A small stand-in for the CRM's HTTP side, on 127.0.0.1:0, that can misbehave on cue: drop the
 * connection before or after committing, answer an error status, stall, or answer nonsense. It keeps
 * idempotency answers by key like the real API, so tests can count what was really written.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from "fastify";
import {
  IDEMPOTENCY_HEADER,
  baseCatalog,
  defaultMatchKeys,
  matchKeyChoices,
  stableHash,
  type CrmRecord,
  type ImportRow,
  type ImportSummary,
  type RowResult,
  type SchemaDocument,
  type SheetName,
} from "../../src/domain";

export type Fault =
  | { kind: "dropBefore" }
  | { kind: "dropAfterCommit" }
  | { kind: "delayAfterCommit"; ms: number }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: "garbage" };

export interface RowsArrival {
  key: string | undefined;
  refs: string[];
  /** 1 for the first time this idempotency key arrives, 2 for its first retry, ... */
  attemptOfKey: number;
}

export interface FaultContext {
  route: string;
  /** Requests to this route so far, this one included. */
  arrival: number;
  rows?: RowsArrival;
}

export interface FakeCrmOptions {
  token?: string;
  records?: Partial<Record<SheetName, CrmRecord[]>>;
  fault?: (context: FaultContext) => Fault | undefined;
  /** Awaited before a rows batch is handled: lets a test hold batches in flight. */
  beforeRows?: (arrival: RowsArrival) => Promise<void>;
  /** Ref of rows the fake refuses with a row error (outcome failed). */
  badRef?: (ref: string) => boolean;
}

export interface FakeCrm {
  url: string;
  arrivals: RowsArrival[];
  /** How many times each ref was written: anything above 1 is a duplicate. */
  writes: Map<string, number>;
  routes: string[];
  maxRowsInFlight: () => number;
  close: () => Promise<void>;
}

export const TOKEN = "test-token";

export function schemaDocument(): SchemaDocument {
  const sheets = structuredClone(baseCatalog) as SchemaDocument["sheets"];
  return {
    catalogVersion: "1",
    schemaHash: stableHash(sheets),
    organisation: { id: "org-1", name: "Acme Ltd" },
    sheets,
    customFields: [],
    picklists: { category: ["Retail", "Wholesale"] },
    closedPeriodThrough: null,
    matchKeyChoices,
    defaultMatchKeys,
  };
}

const summary = (id: string, status: "open" | "finished"): ImportSummary => ({
  id,
  sheet: "customers",
  status,
  duplicateAction: "skip",
  matchKeys: [["email"]],
  dryRun: false,
  source: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  createdBy: "user-1",
  finishedAt: status === "finished" ? "2026-01-01T00:01:00.000Z" : null,
  counts: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, conflict: 0 },
});

const destroy = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
  request.raw.socket.destroy();
  return reply.hijack();
};

export async function startFakeCrm(options: FakeCrmOptions = {}): Promise<FakeCrm> {
  const app = Fastify({ logger: false });
  const token = options.token ?? TOKEN;
  const arrivals: RowsArrival[] = [];
  const writes = new Map<string, number>();
  const answers = new Map<string, RowResult[]>();
  const counts = new Map<string, number>();
  const faults = new WeakMap<FastifyRequest, Fault>();
  const arrivalOf = new WeakMap<FastifyRequest, RowsArrival>();
  const routes: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const commit = (rows: ImportRow[]): RowResult[] =>
    rows.map((row) => {
      if (options.badRef?.(row.ref))
        return {
          ref: row.ref,
          outcome: "failed",
          crmId: null,
          version: null,
          errors: [{ field: "email", message: "Invalid email format." }],
        };
      const before = writes.get(row.ref) ?? 0;
      writes.set(row.ref, before + 1);
      return { ref: row.ref, outcome: "created", crmId: `crm-${row.ref}`, version: 1, errors: [] };
    });

  app.addHook("preHandler", async (request, reply) => {
    const route = request.routeOptions.url ?? request.url;
    routes.push(route);
    if (request.headers.authorization !== `Bearer ${token}`) {
      return reply.code(401).send({ error: { code: "unauthorized", message: "Token refused." } });
    }
    const arrival = (counts.get(route) ?? 0) + 1;
    counts.set(route, arrival);
    let rows: RowsArrival | undefined;
    if (route.endsWith("/rows")) {
      const key = request.headers[IDEMPOTENCY_HEADER];
      const body = request.body as { rows: ImportRow[] };
      const refs = body.rows.map((r) => r.ref);
      const keyText = typeof key === "string" ? key : undefined;
      rows = { key: keyText, refs, attemptOfKey: arrivals.filter((a) => a.key === keyText).length + 1 };
      arrivals.push(rows);
      arrivalOf.set(request, rows);
    }
    const fault = options.fault?.({ route, arrival, ...(rows ? { rows } : {}) });
    if (!fault) return;
    if (fault.kind === "dropBefore") return destroy(request, reply);
    if (fault.kind === "status")
      return reply
        .code(fault.status)
        .headers(fault.headers ?? {})
        .send(fault.body ?? { error: { code: "fault", message: "Injected." } });
    if (fault.kind === "garbage") return reply.code(200).send({ hello: "world" });
    faults.set(request, fault);
  });

  app.get("/api/v1/schema", async () => schemaDocument());

  app.get<{ Params: { sheet: SheetName }; Querystring: { after?: string; limit?: string } }>(
    "/api/v1/:sheet",
    async (request) => {
      const all = options.records?.[request.params.sheet] ?? [];
      const limit = Number(request.query.limit ?? 1000);
      const start =
        request.query.after === undefined ? 0 : all.findIndex((r) => r.id === request.query.after) + 1;
      const items = all.slice(start, start + limit);
      const last = items.at(-1);
      return { items, next: start + limit < all.length && last ? last.id : null };
    },
  );

  app.get<{ Params: { sheet: SheetName; id: string } }>("/api/v1/:sheet/:id", async (request, reply) => {
    const found = options.records?.[request.params.sheet]?.find((r) => r.id === request.params.id);
    return found ?? reply.code(404).send({ error: { code: "not_found", message: "No such record." } });
  });

  app.post("/api/v1/imports", async () => summary("imp-1", "open"));
  app.get("/api/v1/imports", async () => ({ items: [summary("imp-1", "finished")], next: null }));
  app.get<{ Params: { id: string } }>("/api/v1/imports/:id", async (request) => ({
    ...summary(request.params.id, "finished"),
    failures: [],
  }));
  app.post<{ Params: { id: string } }>("/api/v1/imports/:id/finish", async (request) =>
    summary(request.params.id, "finished"),
  );

  app.post<{ Body: { rows: ImportRow[] } }>("/api/v1/imports/:id/rows", async (request, reply) => {
    const arrival = arrivalOf.get(request);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (arrival) await options.beforeRows?.(arrival);
      const key = arrival?.key;
      if (key === undefined)
        return reply.code(400).send({ error: { code: "no_key", message: "Idempotency-Key is required." } });
      const answer = answers.get(key) ?? commit(request.body.rows);
      answers.set(key, answer);
      const fault = faults.get(request);
      if (fault?.kind === "dropAfterCommit") return destroy(request, reply);
      if (fault?.kind === "delayAfterCommit") await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return { results: answer };
    } finally {
      inFlight--;
    }
  });

  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url, arrivals, writes, routes, maxRowsInFlight: () => maxInFlight, close: () => app.close() };
}

export const customer = (n: number): CrmRecord => ({
  id: `c${String(n).padStart(4, "0")}`,
  version: 1,
  updatedAt: "2026-01-01T00:00:00.000Z",
  values: { name: `Customer ${n}`, email: `c${n}@example.com` },
});

export const row = (n: number): ImportRow => ({
  ref: `Customers!${n + 2}`,
  values: { name: `Customer ${n}`, email: `c${n}@example.com` },
});
export const rowsOf = (count: number): ImportRow[] => Array.from({ length: count }, (_, n) => row(n));
