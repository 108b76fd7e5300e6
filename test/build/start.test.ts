import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  corsOriginsFor,
  describeUrls,
  echoesToConsole,
  findDemoSignIn,
  findDemoToken,
  logDirFor,
  logLineOf,
  readOptions,
  sideloadPlan,
  tokenFileFor,
  turnOffUsageData,
} from "../../scripts/start";

describe("npm start's helpers", () => {
  it("finds the demo token in the server's own announcement and in a pino JSON line", () => {
    const token = "crm_G71klu-eaTii-dOp8o-sYQuONTf3oqei";
    expect(findDemoToken(`Demo organisation "Demo" created. Admin token: ${token}`)).toBe(token);
    expect(findDemoToken(JSON.stringify({ level: 30, msg: `demo token: ${token}` }))).toBe(token);
    expect(findDemoToken(JSON.stringify({ level: 30, demoToken: token }))).toBe(token);
  });

  it("keeps the demo token and sign-in out of the log file, naming the files that keep them", () => {
    const token = "crm_G71klu-eaTii-dOp8o-sYQuONTf3oqei";
    const tokenLine = logLineOf(`Demo organisation "Demo" created. Admin token: ${token}`, "/tmp/crm");
    expect(tokenLine).not.toContain(token);
    expect(tokenLine).toContain("/tmp/crm.demo-token");
    const signInLine = logLineOf(
      "Demo sign-in (e-mail / password): demo@example.com / k3Y-abcdEFGH1234",
      "/tmp/crm",
    );
    expect(signInLine).not.toContain("k3Y-abcdEFGH1234");
    expect(signInLine).toContain("/tmp/crm.demo-sign-in");
    expect(logLineOf('{"level":30,"msg":"request completed"}', "/tmp/crm")).toBe(
      '{"level":30,"msg":"request completed"}',
    );
  });

  it("finds the demo user's sign-in that the server prints, and prints it (not mistaken for a token)", () => {
    const line = "Demo sign-in (e-mail / password): demo@example.com / k3Y-abcdEFGH1234";
    expect(findDemoSignIn(line)).toBe("demo@example.com / k3Y-abcdEFGH1234");
    expect(findDemoToken(line)).toBeUndefined();
    const options = { apiPort: 8787, dataDir: ".data/crm", devPort: 3000 };
    expect(describeUrls(options, false, "crm_x", "demo@example.com / pw").join("\n")).toMatch(
      /Demo sign-in: +demo@example\.com \/ pw/,
    );
  });

  it("finds no token where there is none", () => {
    expect(findDemoToken("CRM API listening on http://127.0.0.1:8787/api/v1")).toBeUndefined();
    expect(
      findDemoToken("Demo organisation exists; create a token with: npm run crm -- token create"),
    ).toBeUndefined();
    expect(findDemoToken('{"level":30,"msg":"incoming request"}')).toBeUndefined();
  });

  it("reads ports and the data folder from the environment, with the documented defaults", () => {
    expect(readOptions({})).toEqual({ apiPort: 8787, dataDir: ".data/crm", devPort: 3000 });
    expect(readOptions({ API_PORT: "9000", DEV_PORT: "3001", DATA_DIR: "/tmp/x" })).toEqual({
      apiPort: 9000,
      dataDir: "/tmp/x",
      devPort: 3001,
    });
    expect(() => readOptions({ API_PORT: "eighty" })).toThrow();
  });

  it("keeps the token beside the data folder, not inside it", () => {
    expect(tokenFileFor("/tmp/crm/")).toBe("/tmp/crm.demo-token");
  });

  it("prints the scheme the dev server really uses and the token", () => {
    const options = { apiPort: 8787, dataDir: ".data/crm", devPort: 3000 };
    const http = describeUrls(options, false, "crm_x").join("\n");
    expect(http).toContain("http://localhost:3000/workbench.html");
    expect(http).toContain("crm_x");
    expect(http).toMatch(/manifest\.xml/);
    expect(describeUrls(options, true, undefined).join("\n")).toContain(
      "https://localhost:3000/taskpane.html",
    );
  });

  it("allows the pane's own origin on whatever port it runs, keeping origins set by hand", () => {
    expect(corsOriginsFor(3001, undefined).split(",")).toEqual([
      "https://localhost:3001",
      "http://localhost:3001",
    ]);
    expect(corsOriginsFor(4000, " https://crm.example.com , http://localhost:4000").split(",")).toEqual([
      "https://localhost:4000",
      "http://localhost:4000",
      "https://crm.example.com",
    ]);
  });

  it("prints an API address that answers (its docs), and where the logs are", () => {
    const options = { apiPort: 9001, dataDir: ".data/crm", devPort: 3000 };
    const lines = describeUrls(options, false, "crm_x").join("\n");
    expect(lines).toContain("http://localhost:9001/api/docs");
    expect(lines).not.toMatch(/http:\/\/localhost:9001\s*$/m);
    expect(lines).toContain(logDirFor(".data/crm"));
    expect(logDirFor(".data/crm/")).toMatch(/[\\/]\.data[\\/]logs$/);
  });

  it("keeps request logs and build chatter off the console, but not warnings, errors or the token", () => {
    const request = JSON.stringify({ level: 30, msg: "incoming request", req: { url: "/api/v1/schema" } });
    expect(echoesToConsole("api", request)).toBe(false);
    expect(echoesToConsole("api", JSON.stringify({ level: 40, msg: "slow" }))).toBe(true);
    expect(echoesToConsole("api", JSON.stringify({ level: 50, msg: "boom" }))).toBe(true);
    expect(
      echoesToConsole("api", 'Demo organisation "Demo" created. Admin token: crm_abcdefghijklmnop'),
    ).toBe(true);
    expect(echoesToConsole("pane", "webpack 5.112.2 compiled successfully in 5321 ms")).toBe(false);
    expect(echoesToConsole("pane", "<i> [webpack-dev-server] Project is running at:")).toBe(false);
    expect(echoesToConsole("pane", "webpack compiled with 1 error in 900 ms")).toBe(true);
    expect(echoesToConsole("pane", "ERROR in ./src/taskpane/App.tsx 12:3")).toBe(true);
  });

  it("sideloads only where Excel desktop exists and the tool is installed, and says why not", () => {
    expect(sideloadPlan("win32", "C:/x/office-addin-debugging.cmd")).toEqual({ sideload: true });
    expect(sideloadPlan("darwin", "/x/office-addin-debugging")).toEqual({ sideload: true });
    const linux = sideloadPlan("linux", "/x/office-addin-debugging");
    expect(linux.sideload).toBe(false);
    expect(linux.sideload ? "" : linux.reason).toMatch(/Windows and macOS/);
    const missing = sideloadPlan("darwin", undefined);
    expect(missing.sideload ? "" : missing.reason).toMatch(/office-addin-debugging is not installed/);
  });

  it("turns the Office tools' usage data off in the file they read, keeping other settings", () => {
    const dir = mkdtempSync(join(tmpdir(), "usage-"));
    const fresh = join(dir, "fresh.json");
    turnOffUsageData(fresh);
    expect(JSON.parse(readFileSync(fresh, "utf8"))).toEqual({
      usageDataInstances: { "office-addin-usage-data": { usageDataLevel: "off" } },
    });
    const existing = join(dir, "existing.json");
    writeFileSync(
      existing,
      JSON.stringify({
        usageDataInstances: {
          "office-addin-usage-data": { usageDataLevel: "on", deviceID: "abc" },
          other: { usageDataLevel: "on" },
        },
      }),
    );
    turnOffUsageData(existing);
    expect(JSON.parse(readFileSync(existing, "utf8"))).toEqual({
      usageDataInstances: {
        "office-addin-usage-data": { usageDataLevel: "off", deviceID: "abc" },
        other: { usageDataLevel: "on" },
      },
    });
  });
});
