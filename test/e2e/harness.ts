/**
 * What the e2e run stands on: the development bundle built once, the real CRM API as a child process
 * on an empty database, a static server with the API proxied, and one Chromium. global-setup.ts
 * starts them once per run and hands the test files their addresses.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The admin token of the demo organisation the API creates on its first start. */
export const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
/** The demo user's password (its e-mail is DEMO_USER_EMAIL): sign-in.e2e.test.ts signs in with it. */
export const DEMO_PASSWORD = "e2e-demo-password-5f1c9a";
const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === "string") throw new Error("no TCP port was free");
  return address.port;
}

/** Output kept for the error message when a child process fails to start. */
function collect(child: ChildProcess): () => string {
  let out = "";
  const add = (chunk: Buffer) => (out = (out + chunk.toString()).slice(-8_000));
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () => out;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.once("exit", (code) => done(code));
  });
}

/** `webpack --mode development` into a new temp folder; resolves with the folder. */
export async function buildBundle(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "crm-e2e-bundle-"));
  const child = spawn(bin("webpack"), ["--mode", "development", "--env", `outputPath=${outDir}`], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  const code = await exited(child);
  if (code !== 0) throw new Error(`The development build failed (exit ${code}):\n${output()}`);
  return outDir;
}

export interface RunningApi {
  port: number;
  /** The PGlite data folder: a new API started on it finds every committed write. */
  dataDir: string;
  /** Stops it and removes its data folder. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL: no shutdown, as a crash), keeping its data folder. */
  kill(): Promise<void>;
}

export interface ApiPlace {
  /** Reuse this data folder (a restart after kill) instead of a new one. */
  dataDir?: string;
  /** Listen on this port (a restart keeps the address the proxy forwards to). */
  port?: number;
}

/** PGlite in a temp folder always: a DATABASE_URL from the caller's shell must not aim the suite at it. */
function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/**
 * `tsx src/server/main.ts` on a fresh data folder; resolves once it listens. `webOrigin` is the
 * workbench's origin: the API refuses browser calls from origins it does not list.
 */
export async function startApi(webOrigin: string, place: ApiPlace = {}): Promise<RunningApi> {
  const port = place.port ?? (await freePort());
  const dataDir = place.dataDir ?? mkdtempSync(join(tmpdir(), "crm-e2e-data-"));
  const child = spawn(bin("tsx"), ["src/server/main.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own: kill() reaches the server itself, not only tsx (which relays
    // SIGTERM to it, but cannot relay a SIGKILL).
    detached: true,
    env: {
      ...withoutDatabaseUrl(process.env),
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      CRM_ADMIN_TOKEN: ADMIN_TOKEN,
      CRM_DEMO_PASSWORD: DEMO_PASSWORD,
      CORS_ORIGINS: webOrigin,
      // The suite is one busy user; the default per-minute limit is for people, not for it.
      RATE_LIMIT_MAX: "100000",
      // scrypt's lowest allowed cost: sign-ins are checked for behaviour here, not for hashing speed.
      SCRYPT_LOG2N: "14",
    },
  });
  const output = collect(child);
  const listening = new Promise<void>((done, fail) => {
    const watch = (chunk: Buffer) => {
      if (chunk.toString().includes("CRM API listening")) done();
    };
    child.stdout?.on("data", watch);
    void exited(child).then((code) => fail(new Error(`The CRM API exited (${code}):\n${output()}`)));
    setTimeout(() => fail(new Error(`The CRM API did not start in 180 s:\n${output()}`)), 180_000).unref();
  });
  await listening;
  return {
    port,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited(child);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, "SIGKILL");
        await exited(child);
      }
    },
  };
}
