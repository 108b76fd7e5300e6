// The embedded database's own thread: one PGlite session, driven by messages from
// `pglite-dialect.ts`. Plain JavaScript so it loads in any runtime (tsx, vitest, node) unchanged.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

/** @type {{ dataDir: string, settings: string[] }} */
const options = workerData;

/** An error as plain data: a PostgreSQL error's fields (code, detail, ...) survive the trip. */
const plainError = (e) => {
  const out = { name: e?.name ?? "Error", message: e?.message ?? String(e) };
  if (e && typeof e === "object")
    for (const [k, v] of Object.entries(e)) if (v === null || typeof v !== "object") out[k] = v;
  return out;
};

let db;
try {
  const startParams = [...PGlite.defaultStartParams, ...options.settings.flatMap((s) => ["-c", s])];
  db = await PGlite.create(options.dataDir, { startParams });
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: plainError(e) });
}

parentPort.on("message", async (m) => {
  if (m.close) {
    await db?.close();
    parentPort.postMessage({ id: m.id, closed: true });
    parentPort.close();
    return;
  }
  try {
    // A transaction's BEGIN travels with its first statement: one round trip fewer.
    if (m.begin) await db.query("begin");
    const r = await db.query(m.sql, m.params);
    parentPort.postMessage({ id: m.id, rows: r.rows, affectedRows: r.affectedRows });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: plainError(e) });
  }
});
