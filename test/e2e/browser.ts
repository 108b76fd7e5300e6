// Launch Chromium for browser tests without ever downloading one at run time: Debian's chromium
// (installed by .ci/run with apt-get) when present, else the binary the @sparticuz/chromium npm package
// ships, so a fresh machine with only npm can run the suite. No browser -> the test fails, never skips.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

async function findExecutable(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(p)) return p;
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return sparticuz.executablePath();
}

export interface LaunchedBrowser {
  /** A persistent context on a new, empty profile folder (removed on close). */
  context: BrowserContext;
  executablePath: string;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = await findExecutable();
  const userDataDir = mkdtempSync(join(tmpdir(), "crm-e2e-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    executablePath,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserServer {
  wsEndpoint: string;
  executablePath: string;
  close(): Promise<void>;
}

/**
 * One Chromium for a whole run, reached by every test file (each in its own process) through
 * `chromium.connect(wsEndpoint)`; each test then opens its own isolated context.
 */
export async function launchBrowserServer(): Promise<BrowserServer> {
  const executablePath = await findExecutable();
  const server = await chromium.launchServer({ executablePath, headless: true, args: FLAGS });
  return { wsEndpoint: server.wsEndpoint(), executablePath, close: () => server.close() };
}
