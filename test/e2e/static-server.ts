/**
 * The e2e web server: the development bundle as static files, `/api` and `/oauth` proxied to the CRM
 * API (same origin, as the dev server does it), and a gate on row batches so a test can hold batches in flight
 * and press Cancel at a known point instead of racing the import.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".xml": "application/xml",
};

/** Where the gate's control lives; the pane never calls it. */
export const GATE_PATH = "/__e2e/gate";
const BATCH_PATH = /^\/api\/v1\/imports\/[^/]+\/rows$/;

interface Gate {
  closed: boolean;
  /**
   * Only this token's batches are held and counted (it stays after the gate opens, so a batch sent
   * late is still counted); other tests' imports running alongside pass freely.
   */
  token: string | null;
  /** Batches that arrived while the gate was closed, waiting to be forwarded. */
  held: (() => void)[];
  /** Batches forwarded to the CRM since the gate was last closed. */
  forwarded: number;
  /**
   * When set, every batch of the token goes to the CRM, but only this many answers come back: the
   * later ones are held (the CRM saved the rows, the pane does not know), as when a CRM dies after
   * its commit and before its answer leaves.
   */
  answersLeft: number | null;
  /** Answers held back; dropping one cuts its connection. */
  unanswered: (() => void)[];
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const file = normalize(join(root, path === "/" ? "workbench.html" : path));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
}

/** `keep`: asked when the answer arrives; true when it holds the answer back (and will drop it). */
function proxy(
  apiPort: number,
  req: IncomingMessage,
  res: ServerResponse,
  onDone: () => void,
  keep: (drop: () => void) => boolean = () => false,
): void {
  const upstream = request(
    { host: "127.0.0.1", port: apiPort, path: req.url, method: req.method, headers: req.headers },
    (answer) => {
      if (keep(() => res.destroy())) return void answer.resume();
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("end", onDone);
    },
  );
  upstream.on("error", () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
    onDone();
  });
  req.pipe(upstream);
}

/**
 * GET: the gate's state. POST ?closed=true with an Authorization header: hold that token's batches;
 * POST ?closed=false: open it and let the held batches go, still counting that token's batches.
 * POST ?answers=N with an Authorization header: that token's batches go through, and only N answers
 * come back (the later ones are held); POST ?answers=drop cuts the held answers' connections.
 */
function controlGate(gate: Gate, req: IncomingMessage, res: ServerResponse): void {
  if (req.method === "POST") {
    const query = new URL(req.url ?? "", "http://x").searchParams;
    const answers = query.get("answers");
    if (answers === "drop") {
      gate.answersLeft = null;
      for (const drop of gate.unanswered.splice(0)) drop();
    } else if (answers !== null) {
      gate.token = req.headers.authorization ?? null;
      gate.forwarded = 0;
      gate.answersLeft = Number(answers);
    } else {
      const closed = query.get("closed") === "true";
      gate.closed = closed;
      if (closed) {
        gate.token = req.headers.authorization ?? null;
        gate.forwarded = 0;
      } else for (const release of gate.held.splice(0)) release();
    }
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      closed: gate.closed,
      held: gate.held.length,
      forwarded: gate.forwarded,
      unanswered: gate.unanswered.length,
    }),
  );
}

export async function startStaticServer(root: string, apiPort: number, port: number): Promise<StaticServer> {
  const gate: Gate = {
    closed: false,
    token: null,
    held: [],
    forwarded: 0,
    answersLeft: null,
    unanswered: [],
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === GATE_PATH) return controlGate(gate, req, res);
    if (!path.startsWith("/api/") && !path.startsWith("/oauth/")) return serveFile(root, req, res);
    const isBatch =
      req.method === "POST" && BATCH_PATH.test(path) && req.headers.authorization === gate.token;
    const keep = (drop: () => void): boolean => {
      if (!isBatch || gate.answersLeft === null) return false;
      if (gate.answersLeft > 0) {
        gate.answersLeft--;
        return false;
      }
      gate.unanswered.push(drop);
      return true;
    };
    const forward = () => {
      if (isBatch) gate.forwarded++;
      proxy(apiPort, req, res, () => undefined, keep);
    };
    // The body stays unread in the socket while held; pipe() picks it up on release.
    if (isBatch && gate.closed) gate.held.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
