// Starts the CRM API in a worker thread for a bench (`_server-thread.ts`).
import { fork } from "node:child_process";
import { Worker } from "node:worker_threads";
import { SERVER_WORKER_LIMITS } from "../src/server/runtime";
import type { ServerThreadData } from "./_server-thread";

export interface ServerThread {
  port: number;
  /** The bench organisation's admin token. */
  token: string;
  close(): Promise<void>;
}

export async function startServerThread(data: ServerThreadData): Promise<ServerThread> {
  const worker = new Worker(new URL("./_server-thread.mjs", import.meta.url), {
    workerData: data,
    resourceLimits: SERVER_WORKER_LIMITS,
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return {
    port,
    token,
    close: async () => {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.postMessage("close");
      await exited;
    },
  };
}

/** The same server in a child process (`_server-process.ts`), for benches that count the add-in's CPU time. */
export async function startServerProcess(data: ServerThreadData): Promise<ServerThread> {
  const child = fork(new URL("./_server-process.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_SERVER: JSON.stringify(data) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { port: number; token: string }));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return {
    port,
    token,
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close");
      await exited;
    },
  };
}
