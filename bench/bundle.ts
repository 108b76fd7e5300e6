// Task pane first load: the production webpack build into a temporary folder, then the JavaScript
// that taskpane.html loads by its own <script> tags (office.js from Microsoft's CDN excluded), gzipped.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_KB = 350;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The local scripts a page loads first, in order; external ones (the CDN's office.js) are not ours. */
export function firstLoadScripts(html: string): string[] {
  // The production page is minified: attribute quotes may be gone.
  const sources = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? "",
  );
  return sources
    .filter((src) => src !== "" && !/^(https?:)?\/\//i.test(src))
    .map((src) => src.replace(/^\//, ""));
}

function build(outputPath: string): Promise<void> {
  const webpack = join(root, "node_modules", "webpack", "bin", "webpack.js");
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [webpack, "--mode", "production", "--env", `outputPath=${outputPath}`],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let log = "";
    child.stdout.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr.on("data", (d: Buffer) => (log += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`webpack failed (${code}):\n${log}`)),
    );
  });
}

const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

export async function run(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "crm-bundle-"));
  try {
    const started = performance.now();
    await build(out);
    console.log(`production build in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${out}`);
    const scripts = firstLoadScripts(readFileSync(join(out, "taskpane.html"), "utf8"));
    if (scripts.length === 0)
      throw new Error("taskpane.html loads no local script: is the pane entry in the build?");
    let raw = 0;
    let gzip = 0;
    for (const file of scripts) {
      const bytes = readFileSync(join(out, file));
      const zipped = gzipSync(bytes, { level: 9 }).length;
      raw += statSync(join(out, file)).size;
      gzip += zipped;
      console.log(
        `${file.padEnd(40)} ${String(kb(bytes.length)).padStart(8)} KB  ${String(kb(zipped)).padStart(7)} KB gzip`,
      );
    }
    const verdict = kb(gzip) <= BUDGET_KB ? "within" : "OVER";
    console.log(`first load: ${kb(raw)} KB, ${kb(gzip)} KB gzipped, ${verdict} the ${BUDGET_KB} KB budget`);
    console.log(JSON.stringify({ gzipKB: kb(gzip), rawKB: kb(raw), files: scripts, budgetKB: BUDGET_KB }));
    if (verdict === "OVER") process.exitCode = 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
