// `npm run bench -- <name>` runs bench/<name>.ts. Each bench prints its figures; the last line is JSON.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(", ") || "(none yet)"}`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as {
  run?: (args: string[]) => Promise<void>;
};
if (typeof mod.run !== "function") throw new Error(`bench/${name}.ts exports no run()`);
await mod.run(process.argv.slice(3));
