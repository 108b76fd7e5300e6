/**
 * Kysely on embedded PGlite, in a worker thread, one session at a time. The database runs in its own
 * thread (`pglite-worker.mjs`), so a batch's statements run while the request thread parses, checks
 * and answers the next batch, and a long query never holds up other requests. PGlite is a single database session: two
 * transactions sent to it at once would interleave in one (a ROLLBACK of one undoing the other's
 * writes, an advisory lock re-entered instead of waited for). The driver hands out its one
 * connection under a mutex, so a transaction, or a lone query, has the session to itself until it
 * ends. `kysely-pglite`'s driver has no such mutex; this replaces it.
 */
import { Worker } from "node:worker_threads";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from "kysely";

/** A FIFO lock: `acquire` resolves with the function that releases it. */
export class SessionLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    return previous.then(() => release);
  }
}

/** What the driver needs of a PGlite session (in this thread or behind a worker). */
export interface PgliteSession {
  /** Runs a statement; with `begin`, opens a transaction first (and runs nothing if that fails). */
  query(
    sql: string,
    params: readonly unknown[],
    begin?: boolean,
  ): Promise<{ rows: unknown[]; affectedRows?: number }>;
  close(): Promise<void>;
}

type Reply =
  | { id: number; rows: unknown[]; affectedRows?: number }
  | { id: number; error: Record<string, unknown> & { message: string } }
  | { id: number; closed: true };

/** A PostgreSQL error from the worker, with its fields (code, detail, ...) as PGlite gave them. */
function toError(plain: Record<string, unknown> & { message: string }): Error {
  return Object.assign(new Error(plain.message), plain);
}

/**
 * Added to PGlite's own start parameters (it already runs with fsync off: a process crash loses nothing the
 * OS has, a power cut may), plus settings that only cost time in that setting, measured together at
 * about a fifth less CPU per 1,000-row batch: no zero-filling of new WAL files, no full-page images
 * (they guard against torn pages on power loss, which fsync off does not survive anyway), minimal
 * WAL (no replicas or archives of an embedded database), no activity counters (PGlite never runs
 * autovacuum, their only reader). `synchronous_commit` stays on: an answered batch is in the WAL.
 */
export const PGLITE_SETTINGS = [
  "wal_init_zero=off",
  "full_page_writes=off",
  "wal_level=minimal",
  "max_wal_senders=0",
  "track_counts=off",
];

/** Opens PGlite on `dataDir` (a folder, or "memory://") in a worker thread, with `settings` added. */
export async function openPgliteWorker(
  dataDir: string,
  settings: readonly string[] = [],
): Promise<PgliteSession> {
  const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
    workerData: { dataDir, settings: [...PGLITE_SETTINGS, ...settings] },
  });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once("message", (m: { ready: boolean; error?: { message: string } }) =>
      m.ready ? resolve() : reject(toError(m.error ?? { message: "PGlite did not start." })),
    );
    worker.once("error", reject);
  });
  worker.on("message", (m: Reply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    p?.resolve(m);
  });
  worker.on("error", (e) => failAll(e));
  worker.on("exit", () => failAll(new Error("The embedded database stopped.")));
  const call = (message: Record<string, unknown>): Promise<Reply> => {
    if (failure) return Promise.reject(failure);
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  };
  return {
    query: async (sql, params, begin = false) => {
      const reply = await call(begin ? { sql, params, begin } : { sql, params });
      if ("error" in reply) throw toError(reply.error);
      if ("closed" in reply) throw new Error("The embedded database is closed.");
      return reply;
    },
    close: async () => {
      if (failure) return;
      await call({ close: true });
      await worker.terminate();
    },
  };
}

class PgliteConnection implements DatabaseConnection {
  /** A BEGIN not sent yet: it goes with the transaction's first statement. */
  beginPending = false;

  constructor(private readonly session: PgliteSession) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const begin = this.beginPending;
    this.beginPending = false;
    const result = await this.session.query(compiled.sql, compiled.parameters, begin);
    return {
      rows: result.rows as R[],
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite does not stream query results.");
  }
}

class PgliteDriver implements Driver {
  readonly #lock = new SessionLock();
  readonly #connection: PgliteConnection;
  /** Releases the lock for the current holder: there is one holder at a time. */
  #release: (() => void) | null = null;

  constructor(private readonly session: PgliteSession) {
    this.#connection = new PgliteConnection(session);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#lock.acquire();
    return this.#connection;
  }

  // BEGIN is sent with the transaction's first statement (a round trip fewer per transaction); a
  // transaction that ran no statement has nothing to commit or roll back.
  async beginTransaction(): Promise<void> {
    this.#connection.beginPending = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection, "commit");
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection, "rollback");
  }

  async #end(connection: DatabaseConnection, how: "commit" | "rollback"): Promise<void> {
    if (this.#connection.beginPending) {
      this.#connection.beginPending = false;
      return;
    }
    await connection.executeQuery(CompiledQuery.raw(how));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.session.close();
  }
}

export function pgliteDialect(session: PgliteSession): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteDriver(session),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
