import { z } from "zod";
import { DEFAULT_CORS_ORIGINS, DEFAULT_TIMEOUTS } from "./app";

/** The server's environment, parsed: a typo in a variable fails the start with a clear message. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./.data/crm"),
  DATABASE_URL: z.string().url().optional(),
  CRM_ADMIN_TOKEN: z.string().min(16).optional(),
  /** scrypt's cost (log2 of N) for new passwords: 17 is OWASP's; the e2e suite lowers it. */
  SCRYPT_LOG2N: z.coerce.number().int().min(14).max(20).default(17),
  /** The demo user's password at first start (random when not set). */
  CRM_DEMO_PASSWORD: z.string().min(12).max(256).optional(),
  /** Where sign-in may send its code, comma-separated (default: each CORS origin's /auth-dialog.html). */
  OAUTH_REDIRECT_URIS: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((u) => u.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(z.array(z.string().url()).optional()),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("CRM Import <crm@localhost>"),
  /** The CRM's address as people reach it, for the report link in the summary e-mail. */
  PUBLIC_URL: z.string().url().optional(),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean)
        : DEFAULT_CORS_ORIGINS,
    ),
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  AUTH_FAILURE_MAX: z.coerce.number().int().positive().default(30),
  AUTH_FAILURE_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.headersMs),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_TIMEOUTS.requestMs),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
});
export type ServerConfig = z.infer<typeof envSchema>;

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`The server's environment is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
