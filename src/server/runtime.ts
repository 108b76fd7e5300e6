/**
 * How the CRM API's process is started. A batch of 1,000 rows allocates megabytes of short-lived
 * objects (the parsed body, checked rows, their JSON, the answer): with V8's default 16 MB
 * semi-spaces the young generation was collected so often that GC took ~18 % of the server's CPU
 * (CPU profile of `npm run bench -- import-server` on PostgreSQL). With 64 MB the server's process
 * used ~20 % less CPU per 100,000 rows (3.6-3.8 s against 4.6-4.7 s) at the cost of up to ~190 MB
 * of young generation.
 */
export const SEMI_SPACE_MB = 64;

/** Node flags for a process that runs the CRM API (`npm run server`, `npm start`). */
export const SERVER_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MB}`];

/**
 * The same young generation for a server run in a worker thread (benches): V8's young generation is
 * three semi-spaces. Measured: both grew to 128 MB of new space in a probe (how far V8 grows it in a
 * given run depends on the run).
 */
export const SERVER_WORKER_LIMITS = { maxYoungGenerationSizeMb: 3 * SEMI_SPACE_MB } as const;
