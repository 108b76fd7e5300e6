/**
 * The CRM API's process runs with a larger young generation (`src/server/runtime.ts`): `npm run
 * server` and `npm start` pass the flags, and the benches' server thread gets the same young
 * generation through its resource limits.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, SERVER_WORKER_LIMITS } from "../../src/server/runtime";

/** Allocates short-lived objects, then prints the young generation's size in MB. */
const probe = `
  const v8 = require("node:v8");
  let keep = [];
  for (let i = 0; i < 2e6; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 1e5) keep = []; }
  const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 1048576;
  if (require("node:worker_threads").parentPort) require("node:worker_threads").parentPort.postMessage(size);
  else console.log(size);
`;

describe("the CRM API's runtime", () => {
  it("npm run server and npm start pass the server's Node flags", () => {
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    for (const flag of SERVER_NODE_FLAGS) expect(scripts.server).toContain(flag);
    expect(readFileSync("scripts/start.ts", "utf8")).toMatch(/\[\.\.\.SERVER_NODE_FLAGS, tsx, serverEntry\]/);
  });

  it("a bench's server thread gets the young generation the flags give a process", async () => {
    const inProcess = Number(
      execFileSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", probe], { encoding: "utf8" }),
    );
    const worker = new Worker(probe, { eval: true, resourceLimits: SERVER_WORKER_LIMITS });
    const inWorker = await new Promise<number>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    const byDefault = Number(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" }));
    expect(inWorker).toBe(inProcess);
    expect(inProcess).toBeGreaterThan(byDefault);
  });
});
