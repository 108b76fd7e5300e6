/**
 * `npm start`: the pane's dev server (https with office-addin-dev-certs, else http), the CRM API on
 * its embedded database, then what to open: the manifest to sideload, the workbench and a demo token.
 * Where Excel can run (Windows, macOS) and office-addin-debugging is installed, it also sideloads.
 * The children's chatter (request logs, webpack's builds) goes to log files, so the summary is the
 * last thing on screen; warnings and errors still show. Ctrl-C stops every child.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * A line of the server's output as the log file keeps it: the demo token and sign-in it prints at
 * first start are kept in their own files (mode 0600, `tokenFileFor`); a log is something people
 * paste into bug reports, so it names those files instead of holding the secrets.
 */
export function logLineOf(line: string, dataDir: string): string {
  const token = findDemoToken(line);
  if (token) return line.split(token).join(`[kept in ${tokenFileFor(dataDir)}]`);
  const signIn = findDemoSignIn(line);
  if (signIn) return line.split(signIn).join(`[kept in ${signInFileFor(dataDir)}]`);
  return line;
}

export const signInFileFor = (dataDir: string): string =>
  tokenFileFor(dataDir).replace(/\.demo-token$/, ".demo-sign-in");

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
    ["CRM API (docs)", `http://localhost:${options.apiPort}/api/docs`],
    ["CRM address (pane)", `${origin} (the dev server forwards /api to the CRM API)`],
    ["Demo sign-in", signIn ?? `(not printed by the server; kept in ${signInFileFor(options.dataDir)})`],
    ["Demo token", token ?? `(not printed by the server; kept in ${tokenFileFor(options.dataDir)})`],
    ["Logs", `${logDirFor(options.dataDir)} (api.log, pane.log)`],
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

/**
 * The origins the CRM API must accept: the pane's own, on the port it really uses (the dev server
 * forwards the pane's /api calls with the browser's Origin header), plus any CORS_ORIGINS set by hand.
 */
export function corsOriginsFor(devPort: number, fromEnv: string | undefined): string {
  const own = [`https://localhost:${devPort}`, `http://localhost:${devPort}`];
  const extra = (fromEnv ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return [...new Set([...own, ...extra])].join(",");
}

/** Where the children's full output goes: beside the data folder (`.data/crm` -> `.data/logs`). */
export function logDirFor(dataDir: string): string {
  return resolve(ROOT, dirname(dataDir.replace(/[\\/]+$/, "")), "logs");
}

const PinoLevel = z.object({ level: z.number() });
const WARN = 40;
const PANE_TROUBLE = /\b(error|warning|failed)\b/i;

/**
 * Whether a child's line also goes to the console (every line goes to its log file): the API's pino
 * lines only from warn up, its plain lines (listening, demo token) always; the dev server's and the
 * sideloader's only when something is wrong.
 */
export function echoesToConsole(label: string, line: string): boolean {
  if (label !== "api") return PANE_TROUBLE.test(line) && !/\b0 errors?\b/i.test(line);
  if (!line.trimStart().startsWith("{")) return true;
  try {
    const parsed = PinoLevel.safeParse(JSON.parse(line));
    return !parsed.success || parsed.data.level >= WARN;
  } catch {
    return true;
  }
}

/** Why `npm start` does or does not sideload: Excel desktop exists only on Windows and macOS. */
export function sideloadPlan(
  platform: NodeJS.Platform,
  tool: string | undefined,
): { sideload: true } | { sideload: false; reason: string } {
  if (platform !== "win32" && platform !== "darwin") {
    return {
      sideload: false,
      reason: `No sideloading on ${platform}: Excel desktop runs only on Windows and macOS. Use the workbench, or upload manifest.xml to Excel on the web (README).`,
    };
  }
  if (!tool) {
    return {
      sideload: false,
      reason:
        "office-addin-debugging is not installed (npm install adds it on Windows and macOS): sideload manifest.xml in Excel by hand (README).",
    };
  }
  return { sideload: true };
}

const UsageDataFile = z
  .object({ usageDataInstances: z.record(z.string(), z.record(z.string(), z.unknown())).optional() })
  .catchall(z.unknown());
const USAGE_GROUP = "office-addin-usage-data";

/**
 * Turns the Office add-in tools' usage data off, as `office-addin-usage-data off` does: the setting
 * those tools read is `usageDataInstances["office-addin-usage-data"].usageDataLevel` in
 * ~/office-addin-usage-data.json (version 3 of the package sends nothing at all; older copies, e.g.
 * a global install, still read this file). Other settings in the file are kept.
 */
export function turnOffUsageData(file = join(homedir(), "office-addin-usage-data.json")): void {
  let current: z.infer<typeof UsageDataFile> = {};
  if (existsSync(file)) {
    try {
      const parsed = UsageDataFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
      if (parsed.success) current = parsed.data;
    } catch {
      // An unreadable file is replaced by one that says "off".
    }
  }
  const instances = current.usageDataInstances ?? {};
  const next = {
    ...current,
    usageDataInstances: { ...instances, [USAGE_GROUP]: { ...instances[USAGE_GROUP], usageDataLevel: "off" } },
  };
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
}

const children: ChildProcess[] = [];
let stopping = false;

interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  /** A child that may finish on its own (the sideloader) does not take the others down with it. */
  essential?: boolean;
  /** Where its full output goes; only what echoesToConsole lets through is printed. */
  logDir?: string;
  /** The line as the log file keeps it (secrets out). */
  logLine?: (line: string) => string;
}

function startChild(
  label: string,
  command: string,
  args: string[],
  options: ChildOptions = {},
): ChildProcess {
  const { env = {}, onLine, essential = true, logDir, logLine = (l: string) => l } = options;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const log = logDir ? createWriteStream(join(logDir, `${label}.log`), { flags: "a" }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      log?.write(`${logLine(line)}\n`);
      if (!log || echoesToConsole(label, line)) console.log(`[${label}] ${line}`);
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

/** Polls until the URL answers with a success. */
async function waitForUrl(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
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

  turnOffUsageData();
  const logDir = logDirFor(options.dataDir);
  mkdirSync(logDir, { recursive: true });

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
  startChild("pane", process.execPath, [webpack, ...serve], { logDir });

  let token: string | undefined;
  // The demo user's sign-in, like the demo token, is printed once and kept beside the data folder.
  const signInFile = signInFileFor(options.dataDir);
  const serverEntry = join(ROOT, "src", "server", "main.ts");
  if (existsSync(serverEntry)) {
    const tsx = join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    startChild("api", process.execPath, [...SERVER_NODE_FLAGS, tsx, serverEntry], {
      env: {
        DATA_DIR: options.dataDir,
        PORT: String(options.apiPort),
        CORS_ORIGINS: corsOriginsFor(options.devPort, process.env.CORS_ORIGINS),
      },
      logDir,
      logLine: (line) => logLineOf(line, options.dataDir),
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
    existsSync(serverEntry) && (await waitForUrl(`http://localhost:${options.apiPort}/api/health`, 60_000));
  if (stopping) return;
  if (!paneUp) console.error("The pane's dev server did not answer within 2 minutes.");
  if (existsSync(serverEntry) && !apiUp) console.error("The CRM API did not answer within a minute.");
  const sideloader = findSideloader();
  const plan = sideloadPlan(process.platform, sideloader);
  if (plan.sideload && sideloader) {
    startChild("sideload", sideloader, ["start", MANIFEST, "desktop", "--app", "excel", "--no-debug"], {
      essential: false,
      logDir,
    });
  }
  console.log(
    [
      "",
      ...describeUrls(
        options,
        https,
        token ?? recallToken(options.dataDir),
        recallToken(options.dataDir, signInFile),
      ),
      plan.sideload ? "Sideloading manifest.xml into Excel desktop (log: sideload.log)." : plan.reason,
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
