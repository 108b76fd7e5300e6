import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readManifest } from "../manifest/manifest-checks";

const ROOT = resolve(import.meta.dirname, "../..");
const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const ORIGIN = "https://addin.example.test";

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
      [
        webpackCli,
        "--mode",
        "production",
        "--no-devtool",
        "--env",
        `outputPath=${out}`,
        "--env",
        `origin=${ORIGIN}`,
      ],
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

  it("emits a manifest pointing at the given origin, and every file it names", () => {
    const source = readManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8")).urls;
    const built = readManifest(readFileSync(join(out, "manifest.xml"), "utf8")).urls;
    expect(built).toEqual(source.map((url) => url.replace("https://localhost:3000/", `${ORIGIN}/`)));
    expect(built.filter((url) => !existsSync(join(out, new URL(url).pathname)))).toEqual([]);
  });
});

describe("the manifest's origin for a deployment", () => {
  const Config = z.object({
    manifestFor: z.function({ input: [z.string(), z.string().optional()], output: z.string() }),
  });
  const load = async () => Config.parse(await import(pathToFileURL(join(ROOT, "webpack.config.js")).href));

  it("moves every localhost URL to the origin and refuses anything but an https origin", async () => {
    const { manifestFor } = await load();
    const xml =
      '<a DefaultValue="https://localhost:3000/taskpane.html"/><b DefaultValue="https://localhost:3000/assets/x.png"/>';
    expect(manifestFor(xml, "https://addin.example.com")).toBe(
      '<a DefaultValue="https://addin.example.com/taskpane.html"/><b DefaultValue="https://addin.example.com/assets/x.png"/>',
    );
    expect(manifestFor(xml, undefined)).toBe(xml);
    expect(() => manifestFor(xml, "http://addin.example.com")).toThrow(/https origin/);
    expect(() => manifestFor(xml, "https://addin.example.com/sub/")).toThrow(/https origin/);
  });
});
