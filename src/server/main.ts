/** `npm run server`: migrate, create the demo organisation on first start, listen. */
import { buildApp } from "./app";
import { readConfig } from "./config";
import { connectDatabase } from "./db/connect";
import { migrateToLatest } from "./db/migrate";
import { DEMO_ORGANISATION, createDemoOrganisation, type DemoOrganisation } from "./demo";
import { findOrganisationByName } from "./repositories/organisations";
import { smtpMailer } from "./services/mail";
import { DEFAULT_COST } from "./services/passwords";

const config = readConfig(process.env);
const db = await connectDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrateToLatest(db);

const passwordCost = { ...DEFAULT_COST, log2N: config.SCRYPT_LOG2N };
let demo: DemoOrganisation | null = null;
if (!(await findOrganisationByName(db, DEMO_ORGANISATION))) {
  demo = await createDemoOrganisation(db, config.CRM_ADMIN_TOKEN, config.CRM_DEMO_PASSWORD, passwordCost);
}

const app = await buildApp({
  db,
  logger: { level: "info" },
  mailer: config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : null,
  publicUrl: config.PUBLIC_URL ?? null,
  corsOrigins: config.CORS_ORIGINS,
  rateLimit: { max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW_MS },
  bodyLimitBytes: config.BODY_LIMIT_BYTES,
  passwordCost,
  ...(config.OAUTH_REDIRECT_URIS ? { oauthRedirectUris: config.OAUTH_REDIRECT_URIS } : {}),
  authFailureLimit: { max: config.AUTH_FAILURE_MAX, windowMs: config.AUTH_FAILURE_WINDOW_MS },
  timeouts: { headersMs: config.HEADERS_TIMEOUT_MS, requestMs: config.REQUEST_TIMEOUT_MS },
});
const address = await app.listen({ port: config.PORT, host: config.HOST });
const storage = config.DATABASE_URL ? "PostgreSQL" : `PGlite in ${config.DATA_DIR}`;
console.log(`CRM API listening on ${address}/api/v1 (docs ${address}/api/docs, storage ${storage})`);
if (demo) {
  console.log(`Demo organisation "${DEMO_ORGANISATION}" created. Admin token: ${demo.token}`);
  console.log(`Demo sign-in (e-mail / password): ${demo.signIn.email} / ${demo.signIn.password}`);
} else
  console.log(
    `Demo organisation exists; create a token with: npm run crm -- token create --org ${DEMO_ORGANISATION} --role admin`,
  );

const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
