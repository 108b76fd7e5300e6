// Excel on the web's limits, and a cheap but exact JSON byte count for the payloads we meter.
import type { Steps } from "./host";

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
export const RESPONSE_LIMIT_BYTES = 5 * 1024 * 1024;
export const MAX_CELLS_PER_READ = 5_000_000;
export const MAX_ADDRESS_LENGTH = 8_192;
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const needsEncoding = /[^\x20-\x7e]|["\\]/;

/** UTF-8 length of JSON.stringify(s), without stringifying plain ASCII strings. */
export function jsonStringBytes(s: string): number {
  if (!needsEncoding.test(s)) return s.length + 2;
  return new TextEncoder().encode(JSON.stringify(s)).length;
}

/**
 * UTF-8 byte length of JSON.stringify(value). Exact for strings, numbers, booleans, null, arrays and
 * plain objects; walks arrays element by element so a 100,000-row grid is never turned into one string.
 */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case "string":
      return jsonStringBytes(value);
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "object":
      return Array.isArray(value) ? arrayBytes(value) : objectBytes(value as Record<string, unknown>);
    default:
      return 4;
  }
}

function arrayBytes(items: readonly unknown[]): number {
  let total = 2 + Math.max(0, items.length - 1);
  for (const item of items) total += jsonBytes(item);
  return total;
}

function objectBytes(record: Record<string, unknown>): number {
  const entries = Object.entries(record).filter(([, v]) => v !== undefined);
  let total = 2 + Math.max(0, entries.length - 1);
  for (const [k, v] of entries) total += jsonStringBytes(k) + 1 + jsonBytes(v);
  return total;
}

/** Elements of a large array metered between two points where the host may pause. */
const METER_STEP_CELLS = 20_000;

/** jsonBytes in steps: a large grid (a loaded block of values) is metered a few thousand cells at a time. */
export function* jsonBytesSteps(value: unknown): Steps<number> {
  if (!Array.isArray(value) || value.length < 2) return jsonBytes(value);
  let total = 2 + value.length - 1;
  let cells = 0;
  for (const item of value as unknown[]) {
    total += jsonBytes(item);
    cells += Array.isArray(item) ? item.length : 1;
    if (cells >= METER_STEP_CELLS) {
      cells = 0;
      yield;
    }
  }
  return total;
}
