/**
 * The workbench keeps its simulated workbook across reloads in the page's localStorage, as a saved
 * file would be. The snapshot is the simulator's own state, walked generically (Maps, Sets, sparse
 * rows, its classes by name), so a field the simulator gains is kept without a change here.
 *
 * The connection (any setting whose key speaks of a connection, token or credential) is kept apart,
 * under its own key, never inside the saved workbook: a workbook is something people copy and send.
 */
import type { SimSheet, SimWorkbook } from "./excel-sim";
import { SimWorkbook as Workbook } from "./excel-sim";

export const BOOK_KEY = "crm-workbench:workbook:v1";
export const CONNECTION_KEY = "crm-workbench:connection:v1";
const SECRET_SETTING = /connection|token|credential|auth/i;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Plain JSON for any of the simulator's values; classes are tagged with their name. */
export function encode(value: unknown): Json {
  if (value === undefined) return { $u: 1 };
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { $num: String(value) };
  if (Array.isArray(value)) {
    const present = Object.keys(value).length;
    if (present * 2 < value.length) {
      return { $sparse: value.length, e: Object.entries(value).map(([i, v]) => [Number(i), encode(v)]) };
    }
    return Array.from({ length: value.length }, (_, i) => (i in value ? encode(value[i]) : { $u: 1 }));
  }
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k), encode(v)]) };
  if (value instanceof Set) return { $set: [...value].map(encode) };
  if (typeof value === "object") {
    const fields: Record<string, Json> = {};
    for (const [key, field] of Object.entries(value)) {
      if (typeof field !== "function") fields[key] = encode(field);
    }
    const proto: unknown = Object.getPrototypeOf(value);
    const isPlain = proto === Object.prototype || proto === null;
    return isPlain ? { $obj: fields } : { $class: (value as object).constructor.name, f: fields };
  }
  throw new Error(`Cannot keep a ${typeof value} in the saved workbook.`);
}

type Registry = Map<string, object>;

function asRecord(json: Json | undefined): Record<string, Json> {
  if (json === undefined || json === null || typeof json !== "object" || Array.isArray(json))
    throw new Error("Bad snapshot.");
  return json;
}

export function decode(json: Json, classes: Registry): unknown {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) return json.map((item) => decode(item, classes));
  if ("$u" in json) return undefined;
  if ("$num" in json) return Number(json.$num);
  if ("$sparse" in json) {
    const out: unknown[] = new Array<unknown>(Number(json.$sparse));
    for (const pair of json.e as Json[]) {
      const [index, item] = pair as [number, Json];
      out[index] = decode(item, classes);
    }
    return out;
  }
  if ("$map" in json) {
    return new Map(
      (json.$map as Json[]).map((pair) => (pair as Json[]).map((p) => decode(p, classes))) as [
        unknown,
        unknown,
      ][],
    );
  }
  if ("$set" in json) return new Set((json.$set as Json[]).map((item) => decode(item, classes)));
  if ("$obj" in json)
    return decodeFields(asRecord(json.$obj), Object.create(Object.prototype) as object, classes);
  const proto = classes.get(String(json.$class));
  if (!proto) throw new Error(`The saved workbook holds an unknown ${String(json.$class)}.`);
  return decodeFields(asRecord(json.f), Object.create(proto) as object, classes);
}

function decodeFields(fields: Record<string, Json>, target: object, classes: Registry): object {
  for (const [key, field] of Object.entries(fields)) {
    (target as Record<string, unknown>)[key] = decode(field, classes);
  }
  return target;
}

/** The prototypes of every class met in the object graph of a fresh sheet, by name. */
function classesOf(root: object): Registry {
  const found: Registry = new Map();
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) return [...value].forEach(([k, v]) => (walk(k), walk(v)));
    if (value instanceof Set || Array.isArray(value)) return [...(value as Iterable<unknown>)].forEach(walk);
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto && proto !== Object.prototype) found.set((value as object).constructor.name, proto);
    Object.values(value).forEach(walk);
  };
  walk(root);
  return found;
}

/** Fields of a sheet that belong to its place in this session (its id is handed out afresh), not to its content. */
const SHEET_WIRING = new Set(["lookup", "deleted", "id"]);

export interface Saved {
  workbook: string;
  connection: string | null;
}

/** The workbook as JSON, and the connection settings apart (null when there are none). */
export function snapshot(book: SimWorkbook): Saved {
  const settings = [...book.settings].filter(([key]) => !SECRET_SETTING.test(key));
  const secrets = [...book.settings].filter(([key]) => SECRET_SETTING.test(key));
  const sheets = book.sheets.map((sheet) =>
    encode(Object.fromEntries(Object.entries(sheet).filter(([key]) => !SHEET_WIRING.has(key)))),
  );
  const workbook = {
    sheets,
    settings: encode(new Map(settings)),
    names: encode(book.names),
    active: book.activeSheet?.name ?? null,
  };
  return {
    workbook: JSON.stringify(workbook),
    connection: secrets.length > 0 ? JSON.stringify(encode(new Map(secrets))) : null,
  };
}

/** Replaces the (fresh) book's sheets, settings and names with the saved ones. */
export function restore(book: SimWorkbook, saved: Saved): void {
  const classes = classesOf(new Workbook({ sheets: ["probe"] }).sheets[0] as SimSheet);
  const data = asRecord(JSON.parse(saved.workbook) as Json);
  const sheets = (data.sheets as Json[]).map((json) => decode(json, classes) as Record<string, unknown>);
  const settings = decode(data.settings ?? { $map: [] }, classes) as Map<string, unknown>;
  const names = decode(data.names ?? { $map: [] }, classes) as SimWorkbook["names"];
  const connection = saved.connection
    ? (decode(JSON.parse(saved.connection) as Json, classes) as Map<string, unknown>)
    : new Map<string, unknown>();
  for (const sheet of [...book.sheets]) book.sheets.splice(book.sheets.indexOf(sheet), 1);
  book.activeSheet = null;
  book.selection = null;
  for (const fields of sheets) {
    const sheet = book.addSheet(String(fields.name));
    Object.assign(sheet, fields);
  }
  book.settings.clear();
  for (const [key, value] of [...settings, ...connection]) book.settings.set(key, value);
  book.names.clear();
  for (const [key, value] of names) book.names.set(key, value);
  const active = typeof data.active === "string" ? book.findSheet(data.active) : undefined;
  book.activeSheet = active ?? book.sheets[0] ?? null;
}
