// Starts the CRM API in a worker thread for a bench (`_server-thread.ts`).
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
