/**
 * The CRM API as a real child process (`src/server/main.ts`, as `npm run server` starts it), so a
 * test can SIGKILL it mid-import and start it again on the same data.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface ServerProcess {
  url: string;
  /** Ends the process at once (no shutdown hooks), as a power cut or OOM kill would. */
  kill(): Promise<void>;
  /** Everything it printed, for a failure's message. */
  output(): string;
}

export interface ServerEnv {
  port: number;
  adminToken: string;
  dataDir: string;
  databaseUrl?: string;
}

/** A port free at this moment on loopback, so a restart can come back on the same address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));

/**
 * Node runs the server itself (tsx as a loader, not the tsx CLI): a SIGKILL must reach the process
 * that holds the database, not a wrapper that would leave it running.
 */
export async function startServerProcess(env: ServerEnv, timeoutMs = 150_000): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(env.port),
    HOST: "127.0.0.1",
    DATA_DIR: env.dataDir,
    CRM_ADMIN_TOKEN: env.adminToken,
    RATE_LIMIT_MAX: "1000000",
  };
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  else delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("CRM API listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  try {
    await ready;
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  return {
    url: `http://127.0.0.1:${env.port}`,
    output: () => output,
    kill: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}
