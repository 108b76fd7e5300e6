// The CRM API for benches that measure the add-in's side: its own thread (with PGlite in another), as
// the server runs in its own process in production, so the add-in's event loop and CPU figures do not
// carry the server's work. Posts {port, token} when listening; closes on any message.
import { parentPort, workerData } from "node:worker_threads";
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/server/app";
import { connectDatabase } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { insertPicklistValue } from "../src/server/repositories/catalog";
import { insertUser } from "../src/server/repositories/organisations";
import { createOrganisation } from "../src/server/services/provision";

/** The organisation's picklists: values of category and campaign, and account managers' names. */
export interface ServerThreadData {
  picklists: Record<string, string[]>;
}

const { picklists } = workerData as ServerThreadData;
const db = await connectDatabase({ dataDir: "memory://" });
await migrateToLatest(db);
const app = await buildApp({ db, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
await app.listen({ port: 0, host: "127.0.0.1" });
const org = await createOrganisation(db, "Bench");
for (const value of picklists.category ?? []) await insertPicklistValue(db, org.org.id, "category", value);
for (const value of picklists.campaign ?? []) await insertPicklistValue(db, org.org.id, "campaign", value);
for (const name of picklists.accountManager ?? [])
  await insertUser(db, org.org.id, {
    name,
    email: `${name.replace(/\W/g, ".").toLowerCase()}@example.com`,
    role: "importer",
  });
parentPort!.once("message", () => {
  void app
    .close()
    .then(() => db.destroy())
    .then(() => parentPort!.close());
});
parentPort!.postMessage({ port: (app.server.address() as AddressInfo).port, token: org.token });
