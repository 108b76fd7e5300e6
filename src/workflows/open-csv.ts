/**
 * Opening a CSV file into a new sheet: bytes decoded (UTF-8 with or without a byte-order mark, UTF-16
 * with one, else Windows-1252, the usual "ANSI" of Excel's own CSV export), the delimiter chosen or
 * detected, the rows parsed with papaparse and written as text so nothing is reinterpreted.
 */
import Papa from "papaparse";
import type { CellValue } from "../excel";
import type { WorkflowDeps } from "./deps";
import { addSheetWithRows } from "../excel";

export const delimiterChoices = ["auto", "comma", "semicolon", "tab"] as const;
export type DelimiterChoice = (typeof delimiterChoices)[number];
export type Delimiter = Exclude<DelimiterChoice, "auto">;
const characterOf: Record<Delimiter, string> = { comma: ",", semicolon: ";", tab: "\t" };

export type Encoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export interface DecodedText {
  text: string;
  encoding: Encoding;
}

/**
 * Windows-1252's 0x80-0x9F (€, curly quotes, dashes...); the other bytes are their own code points.
 * Decoded by hand because some runtimes' TextDecoder("windows-1252") is plain Latin-1 there.
 */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8_192) {
    const chunk = Array.from(bytes.subarray(i, i + 8_192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b),
    );
    out += chunk.join("");
  }
  return out;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

/** The file's text: a byte-order mark decides; otherwise valid UTF-8 is UTF-8, anything else Windows-1252. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8" };
  if (startsWith(bytes, [0xff, 0xfe]))
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16LE" };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16BE" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "Windows-1252" };
  }
}

/** Lines looked at to detect the delimiter: enough for a stable count, cheap on a big file. */
const SAMPLE_LINES = 20;

/**
 * The delimiter that splits the first lines into the same number of fields, most fields first
 * (quotes respected, via papaparse); comma when nothing splits.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: "comma", score: 0 };
  for (const delimiter of ["comma", "semicolon", "tab"] as const) {
    const { data } = Papa.parse<string[]>(text, {
      delimiter: characterOf[delimiter],
      preview: SAMPLE_LINES,
      skipEmptyLines: true,
    });
    const widths = data.map((r) => r.length);
    const first = widths[0] ?? 1;
    if (first < 2) continue;
    const consistent = widths.filter((w) => w === first).length / widths.length;
    const score = first * consistent;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export interface ParsedCsv {
  rows: string[][];
  delimiter: Delimiter;
  encoding: Encoding;
}

export function parseCsv(bytes: Uint8Array, choice: DelimiterChoice): ParsedCsv {
  const { text, encoding } = decodeBytes(bytes);
  const delimiter = choice === "auto" ? detectDelimiter(text) : choice;
  const { data } = Papa.parse<string[]>(text, {
    delimiter: characterOf[delimiter],
    skipEmptyLines: "greedy",
  });
  return { rows: data, delimiter, encoding };
}

export interface OpenedCsv extends ParsedCsv {
  sheetName: string;
}

/** The sheet name a file suggests: its name without the extension. */
export const sheetNameForFile = (fileName: string): string => fileName.replace(/\.[^.]*$/, "") || "CSV";

/** Reads the file into a new sheet named after it and makes that sheet active. */
export async function openCsv(
  deps: WorkflowDeps,
  file: { name: string; bytes: Uint8Array },
  choice: DelimiterChoice,
): Promise<OpenedCsv> {
  const parsed = parseCsv(file.bytes, choice);
  const cells: CellValue[][] = parsed.rows;
  const sheetName = await addSheetWithRows(deps.env, sheetNameForFile(file.name), cells, { asText: true });
  return { ...parsed, sheetName };
}
