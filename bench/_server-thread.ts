// The CRM API for benches: its own thread (with PGlite in another), as the server runs in its own
// process in production, so the figures of the add-in or of the sender are theirs alone, and with the
// production process's young generation (`SERVER_WORKER_LIMITS`). Posts {port, token} when listening;
// closes on any message. Start it with `startServerThread`.
import { parentPort, workerData } from "node:worker_threads";
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/server/app";
import { connectDatabase, type DatabaseConfig } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { insertPicklistValue } from "../src/server/repositories/catalog";
import { insertUser } from "../src/server/repositories/organisations";
import { createOrganisation } from "../src/server/services/provision";

export interface ServerThreadData {
  /** Where the data lives (PostgreSQL, or PGlite in a folder or in memory). */
  database: DatabaseConfig;
  /** The organisation's picklists: values of category and campaign, and account managers' names. */
  picklists: Record<string, string[]>;
}

const { database, picklists } = workerData as ServerThreadData;
const db = await connectDatabase(database);
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
