/**
 * "Check this Excel": small, harmless probes of the host the add-in runs in, so anyone with a real
 * Excel (Windows, Mac, web) can see in a minute whether the calls the add-in leans on work there.
 * Every write goes to a scratch sheet that is deleted at the end, whatever happened; each probe is
 * its own Excel.run, so one refused call cannot spoil the next.
 */
import { z } from "zod";
import { diagnosticMessages as text } from "../domain/diagnostic-messages";
import type { ExcelEnv } from "./runner";

export type ProbeStatus = "pass" | "fail" | "skipped";
export type ProbeId = keyof typeof text.probes;

export interface ProbeResult {
  id: ProbeId;
  status: ProbeStatus;
  detail: string;
}

export interface HostInfo {
  host: string;
  platform: string;
  version: string;
}

/** Every ExcelApi set up to the newest in @types/office-js, probed one by one. */
export const EXCEL_API_VERSIONS: readonly string[] = Array.from({ length: 20 }, (_, i) => `1.${i + 1}`);
/** What the add-in's reads need unchecked (worksheet custom properties). */
export const NEEDED_EXCEL_API = "1.12";
/** A request just under Excel on the web's 5 MB limit, counted in UTF-8 bytes of its values. */
export const PAYLOAD_BYTES = 4_500_000;
/** A value the typings say Excel would take for a formula unless the cell is text. */
export const PHONE_TEXT = "+44 20 7946 0958";

const BOUNDED = { range: "A3:A5002", check: "A100" };
const UNBOUNDED = { range: "B:B", check: "B100" };
const NOTE_CELL = "C3";
const TEXT_CELL = "D3";

const ErrorShape = z.object({ code: z.string().optional(), message: z.string().optional() });

/** An Office.js error (or anything thrown) as "Code: message", for the report. */
export function describeProbeError(error: unknown): string {
  const parsed = ErrorShape.safeParse(error);
  const code = parsed.success ? (parsed.data.code ?? "Error") : "Error";
  const message = parsed.success ? (parsed.data.message ?? String(error)) : String(error);
  return text.details.failed(code, message);
}

async function attempt(id: ProbeId, work: () => Promise<Omit<ProbeResult, "id">>): Promise<ProbeResult> {
  try {
    return { id, ...(await work()) };
  } catch (error) {
    return { id, status: "fail", detail: describeProbeError(error) };
  }
}

/** The host as Office.js describes it; "unknown" outside Office (the workbench, tests). */
export function officeHostInfo(): HostInfo {
  try {
    const info = Office.context.diagnostics;
    return {
      host: String(info.host ?? text.unknown),
      platform: String(info.platform ?? text.unknown),
      version: String(info.version ?? text.unknown),
    };
  } catch {
    return { host: text.unknown, platform: text.unknown, version: text.unknown };
  }
}

export function probeRequirementSets(env: ExcelEnv): ProbeResult {
  const supported = EXCEL_API_VERSIONS.filter((v) => env.isSetSupported("ExcelApi", v));
  const missing = EXCEL_API_VERSIONS.filter((v) => !supported.includes(v));
  const shared = env.isSetSupported("SharedRuntime", "1.1");
  const enough = env.isSetSupported("ExcelApi", NEEDED_EXCEL_API) && shared;
  const detail = text.details.sets(supported.at(-1) ?? text.details.noExcelApi, missing.join(", "), shared);
  return {
    id: "requirementSets",
    status: enough ? "pass" : "fail",
    detail: enough ? detail : detail + text.details.setsNeed(NEEDED_EXCEL_API),
  };
}

const sheetIn = (context: Excel.RequestContext, name: string) => context.workbook.worksheets.getItem(name);

/** Sets a text format on `range` (as a scalar or a 1x1 array) and reads a cell inside it back. */
function formatProbe(env: ExcelEnv, sheet: string, target: typeof BOUNDED, asArray: boolean) {
  return env.run(async (context) => {
    const range = sheetIn(context, sheet).getRange(target.range);
    // A scalar is what Office.js documents for a whole range; the typings only know the 2-D form.
    if (asArray) range.numberFormat = [["@"]];
    else (range as unknown as { numberFormat: string }).numberFormat = "@";
    await context.sync();
    const cell = sheetIn(context, sheet).getRange(target.check);
    cell.load("numberFormat");
    await context.sync();
    const format = String(cell.numberFormat[0]?.[0] ?? "");
    return format === "@"
      ? { status: "pass" as const, detail: text.details.formatKept(target.check, format) }
      : { status: "fail" as const, detail: text.details.formatChanged(target.check, format) };
  });
}

async function notesProbe(env: ExcelEnv, sheet: string): Promise<Omit<ProbeResult, "id">> {
  if (!env.isSetSupported("ExcelApi", "1.18"))
    return { status: "skipped", detail: text.details.notesUnsupported };
  await env.run(async (context) => {
    sheetIn(context, sheet).notes.add(NOTE_CELL, "CRM Import check: first");
    await context.sync();
  });
  // Excel refuses a second note on a noted cell (the add-in must update instead): a separate run.
  const secondAdd = await env
    .run(async (context) => {
      sheetIn(context, sheet).notes.add(NOTE_CELL, "CRM Import check: second");
      await context.sync();
      return "accepted" as const;
    })
    .catch(() => "refused" as const);
  const updated = "CRM Import check: updated";
  const content = await env.run(async (context) => {
    sheetIn(context, sheet).notes.getItem(NOTE_CELL).content = updated;
    await context.sync();
    const note = sheetIn(context, sheet).notes.getItem(NOTE_CELL);
    note.load("content");
    await context.sync();
    return note.content;
  });
  const gone = await env.run(async (context) => {
    sheetIn(context, sheet).notes.getItem(NOTE_CELL).delete();
    await context.sync();
    const after = sheetIn(context, sheet).notes.getItemOrNullObject(NOTE_CELL);
    after.load("content");
    await context.sync();
    return after.isNullObject;
  });
  if (content !== updated) return { status: "fail", detail: text.details.notesContent(content) };
  if (!gone) return { status: "fail", detail: text.details.notesLeft };
  if (secondAdd === "accepted") return { status: "fail", detail: text.details.notesSecondAdd };
  return { status: "pass", detail: text.details.notesWorked };
}

/** One request of about PAYLOAD_BYTES: a text-formatted block of accented text, read back in part. */
async function payloadProbe(env: ExcelEnv, sheet: string, bytes: number): Promise<Omit<ProbeResult, "id">> {
  const { grid, address } = payloadGrid(bytes);
  await env.run(async (context) => {
    const range = sheetIn(context, sheet).getRange(address);
    range.numberFormat = grid.map((row) => row.map(() => "@"));
    await context.sync();
  });
  const written = jsonBytes(grid);
  const sample = await env.run(async (context) => {
    const range = sheetIn(context, sheet).getRange(address);
    range.values = grid;
    await context.sync();
    const last = sheetIn(context, sheet).getRange(address).getLastRow();
    last.load("values");
    await context.sync();
    return last.values;
  });
  const same = JSON.stringify(sample[0]) === JSON.stringify(grid[grid.length - 1]);
  return same
    ? { status: "pass", detail: text.details.payloadWorked(written) }
    : { status: "fail", detail: text.details.payloadMismatch };
}

/** UTF-8 bytes of a string, counted without building a copy of a 4.5 MB text. */
export function utf8Bytes(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value));

const PAYLOAD_COLS = 10;
const CELL_TEXT = "Café Müller, Straße 7 – Ærø ";

/** A grid of accented text whose JSON is about `bytes` UTF-8 bytes (more than its UTF-16 length). */
export function payloadGrid(bytes: number): { grid: string[][]; address: string } {
  const cell = CELL_TEXT.repeat(16);
  const perRow = utf8Bytes(JSON.stringify(Array.from({ length: PAYLOAD_COLS }, () => cell)));
  const rows = Math.max(1, Math.floor(bytes / perRow));
  const grid = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: PAYLOAD_COLS }, (_, c) => `${r}.${c} ${cell}`.slice(0, cell.length)),
  );
  return { grid, address: `F1:O${rows}` };
}

async function textProbe(env: ExcelEnv, sheet: string): Promise<Omit<ProbeResult, "id">> {
  const read = await env.run(async (context) => {
    const cell = sheetIn(context, sheet).getRange(TEXT_CELL);
    cell.numberFormat = [["@"]];
    await context.sync();
    cell.values = [[PHONE_TEXT]];
    await context.sync();
    const back = sheetIn(context, sheet).getRange(TEXT_CELL);
    back.load("values, formulas");
    await context.sync();
    return { value: back.values[0]?.[0] as unknown, formula: back.formulas[0]?.[0] as unknown };
  });
  if (read.value === PHONE_TEXT && read.formula === PHONE_TEXT) {
    return { status: "pass", detail: text.details.textKept(PHONE_TEXT) };
  }
  const shown = typeof read.formula === "string" && read.formula.startsWith("=") ? read.formula : read.value;
  return { status: "fail", detail: text.details.textChanged(String(shown), typeof read.value) };
}

export interface ProbeOptions {
  /** The scratch sheet's name; a fresh one by default. */
  sheet?: string;
  payloadBytes?: number;
}

const scratchName = (): string => `CRM check ${Math.random().toString(16).slice(2, 8)}`;

/** Every probe in turn; the scratch sheet is removed at the end even when probes fail. */
export async function runHostProbes(env: ExcelEnv, options: ProbeOptions = {}): Promise<ProbeResult[]> {
  const sheet = options.sheet ?? scratchName();
  const results: ProbeResult[] = [probeRequirementSets(env)];
  const scratch = await attempt("scratchSheet", () =>
    env.run(async (context) => {
      context.workbook.worksheets.add(sheet);
      await context.sync();
      return { status: "pass" as const, detail: text.details.scratchAdded(sheet) };
    }),
  );
  results.push(scratch);
  const onSheet: [ProbeId, () => Promise<Omit<ProbeResult, "id">>][] = [
    ["formatBounded", () => formatProbe(env, sheet, BOUNDED, false)],
    ["formatUnboundedArray", () => formatProbe(env, sheet, UNBOUNDED, true)],
    ["notes", () => notesProbe(env, sheet)],
    ["payload", () => payloadProbe(env, sheet, options.payloadBytes ?? PAYLOAD_BYTES)],
    ["textWrite", () => textProbe(env, sheet)],
  ];
  for (const [id, work] of onSheet) {
    if (scratch.status !== "pass") results.push({ id, status: "skipped", detail: text.details.notAttempted });
    else results.push(await attempt(id, work));
  }
  if (scratch.status === "pass") results.push(await attempt("cleanup", () => removeScratch(env, sheet)));
  return results;
}

async function removeScratch(env: ExcelEnv, sheet: string): Promise<Omit<ProbeResult, "id">> {
  const gone = await env.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).delete();
    await context.sync();
    const after = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    return after.isNullObject;
  });
  return gone
    ? { status: "pass", detail: text.details.cleaned }
    : { status: "fail", detail: text.details.stillThere(sheet) };
}
