// How Excel interprets a value written through `range.values`/`formulas`: as if the user typed it.
export type CellValue = string | number | boolean;

export type CellInput =
  | { kind: "keep" }
  | { kind: "clear" }
  | { kind: "value"; value: CellValue; numberFormat?: string }
  | { kind: "formula"; formula: string };

const numeric = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const percent = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Excel's serial number of a calendar date (1900 date system, with its phantom 29 Feb 1900). */
export function dateToSerial(year: number, month: number, day: number): number | null {
  const utc = Date.UTC(year, month - 1, day);
  const d = new Date(utc);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const serial = utc / 86_400_000 + 25_569;
  return serial < 61 ? serial - 1 : serial;
}

/** Only strings that start (after spaces) with a digit, sign, dot, T or F can become typed values. */
function mayBeTyped(text: string): boolean {
  const code = text.charCodeAt(0);
  if (code >= 48 && code <= 57) return true; // 0-9
  // + - . space tab, and T/F for TRUE/FALSE
  return (
    code === 43 ||
    code === 45 ||
    code === 46 ||
    code === 32 ||
    code === 9 ||
    (code | 32) === 116 ||
    (code | 32) === 102
  );
}

function parseTyped(text: string): CellInput | null {
  if (!mayBeTyped(text)) return null;
  const trimmed = text.trim();
  if (numeric.test(trimmed)) return { kind: "value", value: Number(trimmed) };
  if (percent.test(trimmed))
    return { kind: "value", value: Number(trimmed.slice(0, -1)) / 100, numberFormat: "0%" };
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "value", value: upper === "TRUE" };
  const date = isoDate.exec(trimmed);
  if (date) {
    const serial = dateToSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== null) return { kind: "value", value: serial, numberFormat: "yyyy-mm-dd" };
  }
  return null;
}

/**
 * `null`/`undefined` leave the cell as it is; "" clears it; in a text-formatted ("@") cell everything is
 * kept as text; otherwise "=..." is a formula, a leading apostrophe forces text, and numeric, boolean,
 * percent and ISO-date strings become typed values (so "0123" loses its leading zero, as in Excel).
 */
export function interpretInput(raw: unknown, numberFormat: string): CellInput {
  if (raw === null || raw === undefined) return { kind: "keep" };
  if (raw === "") return { kind: "clear" };
  const asText = numberFormat === "@";
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { kind: "value", value: "#NUM!" };
    return asText ? { kind: "value", value: String(raw) } : { kind: "value", value: raw };
  }
  if (typeof raw === "boolean")
    return asText ? { kind: "value", value: raw ? "TRUE" : "FALSE" } : { kind: "value", value: raw };
  // Office.js sends values as JSON, so a Date arrives as its ISO string (and stays text).
  const text = typeof raw === "string" ? raw : raw instanceof Date ? raw.toISOString() : JSON.stringify(raw);
  if (asText) return { kind: "value", value: text };
  if (text.startsWith("=") && text.length > 1) return { kind: "formula", formula: text };
  if (text.startsWith("'"))
    return text.length > 1 ? { kind: "value", value: text.slice(1) } : { kind: "clear" };
  return parseTyped(text) ?? { kind: "value", value: text };
}
