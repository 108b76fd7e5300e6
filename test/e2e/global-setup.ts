/**
 * The e2e project's global setup: one build, one CRM API, one static server and one Chromium for
 * the whole run, shared by every *.e2e.test.ts through vitest's provide/inject. A missing browser or
 * a failed build fails the run (CI=true or not): nothing here is ever skipped.
 *
 * E2E_BUNDLE_DIR=<folder> uses a development build made beforehand (`npx webpack --mode development
 * --env outputPath=<folder>`) instead of building, for quick reruns while writing tests.
 */
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./browser";
import { ADMIN_TOKEN, DEMO_PASSWORD, buildBundle, freePort, startApi } from "./harness";
import { startStaticServer } from "./static-server";

export interface E2eContext {
  /** The workbench's origin; `/api` on it reaches the CRM. */
  baseUrl: string;
  wsEndpoint: string;
  adminToken: string;
  /** The demo user's password (DEMO_USER_EMAIL), for signing in through the CRM's page. */
  demoPassword: string;
  /** The development bundle, for a test that runs a CRM and web server of its own (crash-resume). */
  bundleDir: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

type Stop = () => Promise<void>;

/** Starts the pieces side by side; if one fails, the ones that started are stopped before rethrowing. */
async function startAll(
  webOrigin: string,
): Promise<{ bundle: string; apiPort: number; wsEndpoint: string; stops: Stop[] }> {
  const prebuilt = process.env.E2E_BUNDLE_DIR;
  const [bundle, api, browser] = await Promise.allSettled([
    prebuilt ? Promise.resolve(prebuilt) : buildBundle(),
    startApi(webOrigin),
    launchBrowserServer(),
  ]);
  const stops: Stop[] = [];
  if (browser.status === "fulfilled") stops.push(browser.value.close);
  if (api.status === "fulfilled") stops.push(api.value.stop);
  if (bundle.status === "fulfilled" && !prebuilt)
    stops.push(async () => rmSync(bundle.value, { recursive: true, force: true }));
  if (bundle.status === "rejected" || api.status === "rejected" || browser.status === "rejected") {
    await Promise.allSettled(stops.map((stop) => stop()));
    const failed = [bundle, api, browser].find((r) => r.status === "rejected");
    throw failed?.status === "rejected" ? failed.reason : new Error("e2e setup failed");
  }
  return { bundle: bundle.value, apiPort: api.value.port, wsEndpoint: browser.value.wsEndpoint, stops };
}

export default async function setup(project: TestProject): Promise<Stop> {
  const webPort = await freePort();
  const { bundle, apiPort, wsEndpoint, stops } = await startAll(`http://127.0.0.1:${webPort}`);
  const web = await startStaticServer(bundle, apiPort, webPort);
  project.provide("e2e", {
    baseUrl: web.url,
    wsEndpoint,
    adminToken: ADMIN_TOKEN,
    demoPassword: DEMO_PASSWORD,
    bundleDir: bundle,
  });
  return async () => {
    await web.close();
    for (const stop of stops) await stop();
  };
}
