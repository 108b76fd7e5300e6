import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../manifest/manifest-checks";

const ROOT = resolve(import.meta.dirname, "../..");
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The `src` of each script tag, in document order. */
function scriptSources(html: string): string[] {
  return Array.from(html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)"?/g), (m) => m[1] ?? "");
}

describe("the production build", () => {
  let out = "";
  let html = "";

  // One real production build for all the assertions: about 20 s of CPU, longer on a busy machine.
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "crm-build-"));
    const webpackCli = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const run = spawnSync(
      process.execPath,
      [webpackCli, "--mode", "production", "--no-devtool", "--env", `outputPath=${out}`],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`webpack failed:\n${run.stdout}\n${run.stderr}`);
    html = readFileSync(join(out, "taskpane.html"), "utf8");
  }, 300_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("loads office.js from Microsoft's CDN, before the bundles", () => {
    const scripts = scriptSources(html);
    expect(scripts[0]).toBe(CDN_OFFICE_JS);
    expect(existsSync(join(out, "office-js"))).toBe(false);
  });

  it("emits the commands and pane bundles and references each, commands first", () => {
    const emitted = readdirSync(out);
    const scripts = scriptSources(html).slice(1);
    const commands = scripts.findIndex((src) => /^\/commands\.[0-9a-f]{8}\.js$/.test(src));
    const pane = scripts.findIndex((src) => /^\/taskpane\.[0-9a-f]{8}\.js$/.test(src));
    expect(commands).toBeGreaterThanOrEqual(0);
    expect(pane).toBeGreaterThan(commands);
    for (const src of scripts) expect(emitted).toContain(src.replace(/^\//, ""));
  });

  it("has no workbench page", () => {
    expect(existsSync(join(out, "workbench.html"))).toBe(false);
  });

  it("emits every file the manifest names", () => {
    const urls = readManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8")).urls;
    const missing = urls.filter((url) => !existsSync(join(out, new URL(url).pathname)));
    expect(urls.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
