/**
 * `npm start`: the pane's dev server (https with office-addin-dev-certs, else http), the CRM API on
 * its embedded database, then what to open: the manifest to sideload, the workbench and a demo token.
 * Where Excel can run (Windows, macOS) and office-addin-debugging is installed, it also sideloads.
 * Ctrl-C stops every child.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { SERVER_NODE_FLAGS } from "../src/server/runtime";

const ROOT = resolve(import.meta.dirname, "..");
const MANIFEST = join(ROOT, "manifest.xml");

const Env = z.object({
  API_PORT: z.coerce.number().int().positive().default(8787),
  DATA_DIR: z.string().min(1).default(".data/crm"),
  DEV_PORT: z.coerce.number().int().positive().default(3000),
});
export interface StartOptions {
  apiPort: number;
  dataDir: string;
  devPort: number;
}

/** The API's port and data folder and the pane's port, from API_PORT, DATA_DIR and DEV_PORT. */
export function readOptions(env: NodeJS.ProcessEnv): StartOptions {
  const parsed = Env.parse({ API_PORT: env.API_PORT, DATA_DIR: env.DATA_DIR, DEV_PORT: env.DEV_PORT });
  return { apiPort: parsed.API_PORT, dataDir: parsed.DATA_DIR, devPort: parsed.DEV_PORT };
}

export function hasDevCertificates(dir = join(homedir(), ".office-addin-dev-certs")): boolean {
  return ["localhost.key", "localhost.crt", "ca.crt"].every((file) => existsSync(join(dir, file)));
}

const TOKEN_FIELDS = z.object({
  token: z.string().optional(),
  demoToken: z.string().optional(),
  msg: z.string().optional(),
});
const TOKEN_IN_TEXT = /\btoken\b[^:=\n]*[:=]\s*"?([A-Za-z0-9._~+/-]{16,})/i;

/** The demo token in one line of the server's output: plain text ("demo token: ...") or a pino JSON line. */
export function findDemoToken(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    try {
      const fields = TOKEN_FIELDS.safeParse(JSON.parse(trimmed));
      if (fields.success) {
        const { token, demoToken, msg } = fields.data;
        return demoToken ?? token ?? (msg === undefined ? undefined : TOKEN_IN_TEXT.exec(msg)?.[1]);
      }
    } catch {
      // Not JSON after all: read it as text below.
    }
  }
  return TOKEN_IN_TEXT.exec(trimmed)?.[1];
}

/**
 * The server prints the demo token only when it creates the demo organisation (the first start), so
 * the token is kept beside its data folder (never inside it: that folder is the database's).
 */
export function tokenFileFor(dataDir: string): string {
  return resolve(ROOT, `${dataDir.replace(/[\\/]+$/, "")}.demo-token`);
}

function rememberToken(dataDir: string, token: string, file = tokenFileFor(dataDir)): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
}

function recallToken(dataDir: string, file = tokenFileFor(dataDir)): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8").trim() || undefined : undefined;
}

const SIGN_IN_IN_TEXT = /Demo sign-in[^:]*:\s*(\S+@\S+ \/ \S+)/;

/** The demo user's "e-mail / password" in one line of the server's output (printed at first start). */
export const findDemoSignIn = (line: string): string | undefined => SIGN_IN_IN_TEXT.exec(line)?.[1];

/** The lines to print once both servers are up. */
export function describeUrls(
  options: StartOptions,
  https: boolean,
  token: string | undefined,
  signIn?: string,
): string[] {
  const origin = `${https ? "https" : "http"}://localhost:${options.devPort}`;
  const rows: Array<[string, string]> = [
    ["Manifest to sideload", MANIFEST],
    ["Task pane", `${origin}/taskpane.html`],
    ["Workbench", `${origin}/workbench.html`],
    ["CRM API", `http://localhost:${options.apiPort}`],
    ["CRM address (pane)", `${origin} (the dev server forwards /api to the CRM API)`],
    ["Demo sign-in", signIn ?? "(not printed by the server; see its output above)"],
    ["Demo token", token ?? "(not printed by the server; see its output above)"],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return [
    ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`),
    ...(https
      ? []
      : ["No office-addin-dev-certs certificates: serving plain http (fine for the workbench)."]),
  ];
}

/** A tool from node_modules/.bin or the PATH, or undefined when it is not installed. */
function findTool(name: string): string | undefined {
  const local = join(ROOT, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
  if (existsSync(local)) return local;
  const which = spawnSync(process.platform === "win32" ? "where" : "which", [name], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.split(/\r?\n/)[0]?.trim() || undefined : undefined;
}

const children: ChildProcess[] = [];
let stopping = false;

interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  /** A child that may finish on its own (the sideloader) does not take the others down with it. */
  essential?: boolean;
}

function startChild(
  label: string,
  command: string,
  args: string[],
  options: ChildOptions = {},
): ChildProcess {
  const { env = {}, onLine, essential = true } = options;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      console.log(`[${label}] ${line}`);
      onLine?.(line);
    });
  }
  child.on("exit", (code, signal) => {
    if (stopping || (!essential && code === 0)) return;
    console.error(`[${label}] exited (${signal ?? code}); stopping everything.`);
    stopAll(code ?? 1);
  });
  return child;
}

function stopAll(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  const sideloaded = findSideloader();
  if (sideloaded) spawnSync(sideloaded, ["stop", MANIFEST], { cwd: ROOT, stdio: "inherit" });
  setTimeout(() => process.exit(exitCode), 1500).unref();
}

function findSideloader(): string | undefined {
  return process.platform === "win32" || process.platform === "darwin"
    ? findTool("office-addin-debugging")
    : undefined;
}

/** Polls until the URL answers (any status when `anyStatus`, e.g. an API root that is a 404). */
async function waitForUrl(url: string, timeoutMs: number, anyStatus = false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok || anyStatus) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  return false;
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  const https = hasDevCertificates();
  process.on("SIGINT", () => stopAll(0));
  process.on("SIGTERM", () => stopAll(0));

  const usageData = findTool("office-addin-usage-data");
  if (usageData) spawnSync(usageData, ["off"], { stdio: "inherit" });

  const webpack = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const serve = [
    "serve",
    "--mode",
    "development",
    "--port",
    String(options.devPort),
    "--env",
    `apiPort=${options.apiPort}`,
  ];
  startChild("pane", process.execPath, [webpack, ...serve]);

  let token: string | undefined;
  // The demo user's sign-in, like the demo token, is printed once and kept beside the data folder.
  const signInFile = tokenFileFor(options.dataDir).replace(/\.demo-token$/, ".demo-sign-in");
  const serverEntry = join(ROOT, "src", "server", "main.ts");
  if (existsSync(serverEntry)) {
    const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    startChild("api", process.execPath, [...SERVER_NODE_FLAGS, tsx, serverEntry], {
      env: { DATA_DIR: options.dataDir, PORT: String(options.apiPort) },
      onLine: (line) => {
        const signIn = findDemoSignIn(line);
        if (signIn) rememberToken(options.dataDir, signIn, signInFile);
        const found = token === undefined ? findDemoToken(line) : undefined;
        if (found === undefined) return;
        token = found;
        rememberToken(options.dataDir, found);
      },
    });
  } else {
    console.warn(`src/server/main.ts is missing: the CRM API is not started.`);
  }

  // Self-signed dev certificates are trusted by the OS store, not necessarily by Node: probe over http.
  if (https) process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  const origin = `${https ? "https" : "http"}://localhost:${options.devPort}`;
  const paneUp = await waitForUrl(`${origin}/taskpane.html`, 120_000);
  const apiUp =
    existsSync(serverEntry) && (await waitForUrl(`http://localhost:${options.apiPort}/`, 60_000, true));
  if (stopping) return;
  if (!paneUp) console.error("The pane's dev server did not answer within 2 minutes.");
  if (existsSync(serverEntry) && !apiUp) console.error("The CRM API did not answer within a minute.");
  console.log(
    [
      "",
      ...describeUrls(
        options,
        https,
        token ?? recallToken(options.dataDir),
        recallToken(options.dataDir, signInFile),
      ),
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );

  const sideloader = findSideloader();
  if (sideloader) {
    startChild("sideload", sideloader, ["start", MANIFEST, "desktop", "--app", "excel", "--no-debug"], {
      essential: false,
    });
  } else if (process.platform === "win32" || process.platform === "darwin") {
    console.log("office-addin-debugging is not installed: sideload manifest.xml in Excel by hand (README).");
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
