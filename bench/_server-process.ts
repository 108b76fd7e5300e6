// The CRM API in a child process for a bench that measures the add-in's own CPU time (process.cpuUsage
// counts every thread of a process, so a server thread would be counted as the add-in's). Same
// set-up as `_server-thread.ts`; sends {port, token} when listening; exits on any message.
import type { AddressInfo } from "node:net";
import { buildApp } from "../src/server/app";
import { connectDatabase } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { insertPicklistValue } from "../src/server/repositories/catalog";
import { insertUser } from "../src/server/repositories/organisations";
import { createOrganisation } from "../src/server/services/provision";
import type { ServerThreadData } from "./_server-thread";

const { database, picklists } = JSON.parse(process.env.BENCH_SERVER ?? "{}") as ServerThreadData;
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
process.once("message", () => {
  void app
    .close()
    .then(() => db.destroy())
    .then(() => process.exit(0));
});
process.send!({ port: (app.server.address() as AddressInfo).port, token: org.token });
