/** The client's settings, parsed: they come from the pane's settings store, so they are outside input. */
import { z } from "zod";
import type { AccessTokens } from "./sign-in";

const fn = <T extends (...args: never[]) => unknown>() =>
  z.custom<T>((value) => typeof value === "function", { message: "Expected a function." });

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed-in session's tokens (`sign-in.ts`), or a fixed personal token. */
const accessTokensSchema = z.custom<AccessTokens>(
  (v) => typeof v === "object" && v !== null && typeof (v as AccessTokens).current === "function",
  { message: "Expected an access token source." },
);

export const crmClientOptionsSchema = z
  .object({
    /** The CRM's address, e.g. https://crm.example.com (the client adds /api/v1/...). */
    baseUrl: z
      .string()
      .url()
      .transform((url) => url.replace(/\/+$/, "")),
    /** A personal API token; or `auth`, a signed-in session's tokens. */
    token: z.string().min(1).max(4_096).optional(),
    auth: accessTokensSchema.optional(),
    timeoutMs: z.number().int().positive().max(600_000).default(30_000),
    /** Further attempts after the first one fails with something worth retrying. */
    retries: z.number().int().min(0).max(20).default(5),
    backoffBaseMs: z.number().int().min(0).max(60_000).default(500),
    backoffMaxMs: z.number().int().min(0).max(600_000).default(15_000),
    /** A 429 asking for a longer wait than this fails instead of freezing an import. */
    maxRetryAfterMs: z.number().int().min(0).max(3_600_000).default(120_000),
    /** Requests in flight at once, across every call of this client. */
    concurrency: z.number().int().min(1).max(16).default(2),
    sleep: fn<(ms: number) => Promise<void>>().default(() => defaultSleep),
    random: fn<() => number>().default(() => Math.random),
    now: fn<() => number>().default(() => () => Date.now()),
    /** Told how long the client waits before trying a request again (a retry's backoff, a Retry-After). */
    onRetryWait: fn<(ms: number) => void>().optional(),
  })
  .refine((o) => o.token !== undefined || o.auth !== undefined, { message: "Give a token or a session." });

export type CrmClientOptions = z.input<typeof crmClientOptionsSchema>;
export type CrmClientSettings = z.output<typeof crmClientOptionsSchema>;
