/**
 * The CRM API's process runs with a larger young generation (`src/server/runtime.ts`): `npm run
 * server` and `npm start` pass the flags. (The benches' server thread gets it through its resource
 * limits; how far V8 grows the young generation depends on the run, so that is measured, not tested.)
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../../src/server/runtime";

describe("the CRM API's runtime", () => {
  it("npm run server and npm start pass the server's Node flags", () => {
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    for (const flag of SERVER_NODE_FLAGS) expect(scripts.server).toContain(flag);
    expect(readFileSync("scripts/start.ts", "utf8")).toMatch(/\[\.\.\.SERVER_NODE_FLAGS, tsx, serverEntry\]/);
  });
});
