// What en-US Excel makes of typed text that reads as a number, a date or a time, with the number
// format it gives the cell (Microsoft: "Format numbers as dates or times", "Available number formats").

/** Days between the 1900 and the 1904 date systems' serial numbers of the same day. */
export const DAYS_1904 = 1_462;

/**
 * Excel's serial number of a calendar date: 1900 date system (with its phantom 29 Feb 1900), or the
 * 1904 system (day 0 is 1 Jan 1904) when the workbook uses it.
 */
export function dateToSerial(year: number, month: number, day: number, date1904 = false): number | null {
  const utc = Date.UTC(year, month - 1, day);
  const d = new Date(utc);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const serial = utc / 86_400_000 + 25_569;
  if (date1904) return serial - DAYS_1904 >= 0 ? serial - DAYS_1904 : null;
  return serial < 61 ? serial - 1 : serial;
}

export interface Typed {
  value: number;
  numberFormat?: string;
}

const plain = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Thousands separators must be in groups of three: "1,234" is a number, "1,23" is text.
const grouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const currency = /^([+-]?)\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const percent = /^[+-]?(\d+\.?\d*|\.\d+)\s?%$/;
const accountingNegative = /^\((\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?\)$/;

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function twoDigitYear(y: string): number {
  const n = Number(y);
  // Excel's default cut-off: 00-29 are 2000-2029, 30-99 are 1930-1999.
  return y.length <= 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

/** Year, month, day of an en-US date as typed ("3/14/2024", "3/14", "2024-03-14", "14-Mar-2024"). */
function parseDate(text: string): [number, number, number] | null {
  let m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(text);
  if (m) {
    const year = m[3] === undefined ? new Date().getFullYear() : twoDigitYear(m[3]);
    return [year, Number(m[1]), Number(m[2])];
  }
  m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^(\d{1,2})[- ]([a-z]{3})[a-z]*[- ,]+(\d{2}|\d{4})$/i.exec(text);
  if (m) {
    const month = months.indexOf(m[2]!.toLowerCase()) + 1;
    return month > 0 ? [twoDigitYear(m[3]!), month, Number(m[1])] : null;
  }
  m = /^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/i.exec(text);
  if (m) {
    const month = months.indexOf(m[1]!.toLowerCase()) + 1;
    return month > 0 ? [Number(m[3]), month, Number(m[2])] : null;
  }
  return null;
}

/** Fraction of a day of a typed time ("13:45", "1:45 PM", "13:45:10"). */
function parseTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3] ?? 0);
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4].toLowerCase() === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59 || sec > 59) return null;
  return (h * 3600 + min * 60 + sec) / 86_400;
}

function dateTime(text: string, date1904: boolean): Typed | null {
  const time = parseTime(text);
  if (time !== null) return { value: time, numberFormat: /m$/i.test(text) ? "h:mm AM/PM" : "h:mm" };
  const split = /^(.*?\d)\s+(\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?)$/i.exec(text);
  const datePart = parseDate(split ? split[1]! : text);
  if (!datePart) return null;
  const serial = dateToSerial(...datePart, date1904);
  if (serial === null) return null;
  if (!split) return { value: serial, numberFormat: "m/d/yyyy" };
  const t = parseTime(split[2]!);
  return t === null ? null : { value: serial + t, numberFormat: "m/d/yyyy h:mm" };
}

/** A number, currency, percentage, date or time as en-US Excel reads typed text; null for text. */
export function parseTypedNumber(raw: string, date1904: boolean): Typed | null {
  const text = raw.trim();
  if (text === "" || !/\d/.test(text)) return null;
  if (plain.test(text)) return { value: Number(text) };
  if (grouped.test(text)) return { value: Number(text.replace(/,/g, "")), numberFormat: "#,##0" };
  let m = currency.exec(text);
  if (m) {
    const value = Number(`${m[2]!.replace(/,/g, "")}${m[3] ?? ""}`) * (m[1] === "-" ? -1 : 1);
    return { value, numberFormat: m[3] ? "$#,##0.00" : "$#,##0" };
  }
  if (percent.test(text)) return { value: Number(text.replace(/\s?%$/, "")) / 100, numberFormat: "0%" };
  m = accountingNegative.exec(text);
  if (m) return { value: -Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`) };
  return dateTime(text, date1904);
}
