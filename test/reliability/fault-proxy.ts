/**
 * A fault-injecting HTTP proxy on 127.0.0.1 between src/client and the CRM API. Each request's fate is
 * decided by a seeded hash of (seed, what the request is, how many times it was seen), not by arrival
 * order, so one seed replays the same faults whatever the interleaving of concurrent batches.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";

export const faultKinds = [
  "dropBeforeServer",
  "dropAfterCommit",
  "status500",
  "status500AfterCommit",
  "status429",
  "delayPastTimeout",
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultProxyOptions {
  /** Where the CRM listens, e.g. http://127.0.0.1:8787. */
  target: string;
  seed: number;
  /** Chance that one request meets a fault, 0..1. */
  faultRate: number;
  /** How long a delayed request is held before it goes on; set it past the client's timeout. */
  delayMs: number;
  /** Faults are only injected while this says so (e.g. off while the test reads the results). */
  enabled?: () => boolean;
  /** A fixed plan instead of the seeded roll, for a test that needs one exact sequence of faults. */
  plan?: (identity: string, seen: number) => FaultKind | undefined;
}

export interface FaultProxy {
  url: string;
  /** Faults injected so far, by kind. */
  injected(): Record<FaultKind, number>;
  requests(): number;
  close(): Promise<void>;
}

/** A number in [0, 1) from text, the same on every machine (FNV-1a, then a murmur-style finaliser). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** The fate of one request: a fault, or undefined to pass it through untouched. */
export function chooseFault(
  seed: number,
  identity: string,
  seen: number,
  rate: number,
): FaultKind | undefined {
  const roll = unitHash(`${seed}|${identity}|${seen}`);
  if (roll >= rate) return undefined;
  return faultKinds[Math.floor((roll / rate) * faultKinds.length)];
}

const firstRefSchema = z.object({ rows: z.array(z.object({ ref: z.string() })).min(1) });
const revertCursorSchema = z.object({ after: z.string().optional(), dryRun: z.boolean().optional() });

/** A batch is known by its first row's ref (stable across runs); anything else by method and path. */
function identityOf(method: string, path: string, body: Buffer): string {
  if (method === "POST" && /\/rows$/.test(path)) {
    try {
      const parsed = firstRefSchema.safeParse(JSON.parse(body.toString("utf8")));
      if (parsed.success) return `rows:${parsed.data.rows[0]!.ref}`;
    } catch {
      // Not JSON: the server will refuse it; its identity is its path.
    }
  }
  // A revert batch is known by its cursor (a ref: stable across runs).
  if (method === "POST" && /\/revert$/.test(path)) {
    try {
      const parsed = revertCursorSchema.safeParse(JSON.parse(body.toString("utf8")));
      if (parsed.success) return `revert:${parsed.data.after ?? ""}:${parsed.data.dryRun ?? false}`;
    } catch {
      // Not JSON: known by its path.
    }
  }
  return `${method} ${path}`;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

interface Upstream {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, connection: "close" };
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (res) => {
        readBody(res).then(
          (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
          reject,
        );
      },
    );
    out.on("error", reject);
    out.end(body);
  });
}

function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const seen = new Map<string, number>();
  const injected = Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>;
  let requests = 0;

  const relay = async (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    dropAnswer: boolean,
    as500: boolean,
  ) => {
    const up = await forward(target, req, body);
    // The server has answered, so whatever it wrote is committed; now the answer is lost or replaced.
    if (dropAnswer) return void req.socket.destroy();
    if (as500)
      return answer(res, 500, { error: { code: "internal", message: "Injected failure after commit." } });
    const headers = { ...up.headers };
    delete headers["transfer-encoding"];
    delete headers.connection;
    res.writeHead(up.status, { ...headers, "content-length": up.body.length });
    res.end(up.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests++;
    const body = await readBody(req);
    const identity = identityOf(req.method ?? "GET", (req.url ?? "/").split("?")[0]!, body);
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    const on = options.enabled?.() ?? true;
    const fault = !on
      ? undefined
      : options.plan
        ? options.plan(identity, n)
        : chooseFault(options.seed, identity, n, options.faultRate);
    if (fault) injected[fault]++;
    switch (fault) {
      case "dropBeforeServer":
        return void req.socket.destroy();
      case "status500":
        return answer(res, 500, { error: { code: "internal", message: "Injected failure." } });
      case "status429":
        return answer(
          res,
          429,
          { error: { code: "rate_limited", message: "Injected rate limit." } },
          { "retry-after": "1" },
        );
      case "delayPastTimeout":
        // The client gives up first; the request still reaches the server later, maybe beside its retry.
        await sleep(options.delayMs);
        return relay(req, res, body, false, false);
      case "dropAfterCommit":
        return relay(req, res, body, true, false);
      case "status500AfterCommit":
        return relay(req, res, body, false, true);
      default:
        return relay(req, res, body, false, false);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        answer(res, 502, { error: { code: "bad_gateway", message: "Upstream unreachable." } });
      else req.socket.destroy();
    });
  });
  // A client that timed out has closed its socket; writing to it must not crash the proxy.
  server.on("clientError", (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    injected: () => ({ ...injected }),
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
