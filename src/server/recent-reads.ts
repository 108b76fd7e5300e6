/**
 * Reads a batch of rows needs before its transaction, kept for a few seconds: the token's
 * principal, the import and the organisation's schema. On PGlite every read waits for the
 * transaction in progress, so without them a batch's checks could only start once the previous
 * batch had committed, and the embedded database sat idle while they ran (about a fifth of a
 * 100,000-row import, measured). Nothing here is needed for correctness: the batch's transaction
 * checks the token, its role and the import's status again under the sheet's lock (`claimBatch`),
 * and changes made through this instance drop what they change at once.
 */
import type { OrganisationSchema } from "./services/organisation-schema";
import type { ImportState } from "./repositories/imports";
import type { Principal } from "./repositories/organisations";

/** How long a read is reused. Another instance's change to a schema is seen within this time. */
export const RECENT_MS = 5_000;
const MAX_ENTRIES = 1_000;

/** Values kept for `ttlMs`; past `max` entries the oldest go first. */
export class RecentCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.until > this.now()) return e.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

export interface RecentReads {
  /** Principals by token hash: only routes that check the token again in their transaction use them. */
  principals: RecentCache<Principal>;
  /** Imports by id (their settings never change; their status is checked in the transaction). */
  imports: RecentCache<ImportState>;
  /** Organisation schemas by organisation id; admin changes through this instance drop theirs. */
  schemas: RecentCache<OrganisationSchema>;
}

export const recentReads = (ttlMs = RECENT_MS): RecentReads => ({
  principals: new RecentCache(ttlMs),
  imports: new RecentCache(ttlMs),
  schemas: new RecentCache(ttlMs),
});
