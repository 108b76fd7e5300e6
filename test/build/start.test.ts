import { describe, expect, it } from "vitest";
import { describeUrls, findDemoSignIn, findDemoToken, readOptions, tokenFileFor } from "../../scripts/start";

describe("npm start's helpers", () => {
  it("finds the demo token in the server's own announcement and in a pino JSON line", () => {
    const token = "crm_G71klu-eaTii-dOp8o-sYQuONTf3oqei";
    expect(findDemoToken(`Demo organisation "Demo" created. Admin token: ${token}`)).toBe(token);
    expect(findDemoToken(JSON.stringify({ level: 30, msg: `demo token: ${token}` }))).toBe(token);
    expect(findDemoToken(JSON.stringify({ level: 30, demoToken: token }))).toBe(token);
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
});
