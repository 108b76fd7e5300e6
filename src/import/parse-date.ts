import { isIsoDate } from "../domain";
import { parseOtherDate } from "./parse-date-words";

export const dateOrders = ["DMY", "MDY", "YMD"] as const;
export type DateOrder = (typeof dateOrders)[number];

/** How a date that reads two ways is read when nothing in its column settles it: day or month first. */
export type DefaultDateOrder = Extract<DateOrder, "DMY" | "MDY">;

const localeOrders = new Map<string, DefaultDateOrder>();

/**
 * The day/month order people of a locale write (from the platform's own date formats): month first
 * for en-US and the other locales that write 3/4/2026 for 4 March; day first for every other one,
 * including the year-first ones (sv-SE, ja-JP) and an unknown or missing locale.
 */
export function localeDateOrder(locale: string | null | undefined): DefaultDateOrder {
  if (!locale) return "DMY";
  let order = localeOrders.get(locale);
  if (order) return order;
  try {
    const parts = new Intl.DateTimeFormat(locale.replace(/_/g, "-"), {
      year: "numeric",
      month: "numeric",
      day: "numeric",
      timeZone: "UTC",
    }).formatToParts(Date.UTC(2026, 2, 4));
    const seq = parts.flatMap((p) =>
      p.type === "day" || p.type === "month" || p.type === "year" ? [p.type[0]] : [],
    );
    order = seq.join("") === "mdy" ? "MDY" : "DMY";
  } catch {
    order = "DMY";
  }
  if (localeOrders.size < 100) localeOrders.set(locale, order);
  return order;
}

export type DateResult =
  | {
      ok: true;
      iso: string;
      /** Read from a two-digit year (00-29 = 20xx, 30-99 = 19xx): worth a warning. */
      twoDigitYear?: boolean;
      /** Read from a form other than digits in day/month order (month names, YYYYMMDD, a serial). */
      reformatted?: boolean;
    }
  | {
      ok: false;
      ambiguous: boolean;
      /** For an ambiguous date: its day-first and month-first readings. */
      readings?: readonly [dayFirst: string, monthFirst: string];
    };

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system, counted as Excel counts after its fictitious 1900-02-29. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const serialCache = new Map<number, string | null>();

/** Days between the 1900 and the 1904 date systems' serials of one day (1904-01-01 is 1,462 or 0). */
export const DAYS_1904 = 1_462;
/** 9999-12-31 + 1 in the 1900 system: Excel has no later day. */
const SERIAL_END = 2_958_466;

/**
 * An Excel date serial as YYYY-MM-DD; the time of day is ignored. In the 1900 date system Excel
 * treats 1900 as a leap year (Lotus compatibility), so serial 60 is a day that never existed and
 * serials below it are one day later than the plain count from 1899-12-30 gives. In the 1904 system
 * (a workbook setting, Excel for Mac's old default) serial 0 is 1904-01-01 and the same day's serial
 * is 1,462 lower (Microsoft, "Date systems in Excel").
 */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (date1904) return serial >= 0 ? serialToIso(serial + DAYS_1904) : null;
  if (!Number.isFinite(serial) || serial < 1 || serial >= SERIAL_END) return null;
  const day = Math.floor(serial);
  const hit = serialCache.get(day);
  if (hit !== undefined) return hit;
  const iso =
    day === 60
      ? null
      : new Date(EXCEL_EPOCH + (day < 60 ? day + 1 : day) * DAY_MS).toISOString().slice(0, 10);
  if (serialCache.size > 50_000) serialCache.clear();
  serialCache.set(day, iso);
  return iso;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const isoOf = (y: number, m: number, d: number): DateResult => {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso) ? { ok: true, iso } : { ok: false, ambiguous: false };
};

const DATE_TEXT =
  /^(\d{1,4})[./\- ](\d{1,2})[./\- ](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const INVALID: DateResult = { ok: false, ambiguous: false };

/** Two-digit years read the way Excel reads them: 00-29 are 20xx, 30-99 are 19xx. */
const fullYear = (text: string, n: number) =>
  text.length === 4 ? n : text.length === 2 ? (n < 30 ? 2000 + n : 1900 + n) : NaN;

/**
 * A date typed as text, read in the declared day/month order. With no declared order a date reads
 * only when it cannot be misread (31/12/2024, 5/5/2024); 03/04/2024 is ambiguous.
 */
export function parseDateText(text: string, order: DateOrder | null): DateResult {
  const m = DATE_TEXT.exec(text);
  if (!m) return parseOtherDate(text, serialToIso);
  const r = parseDigitDate(m, order);
  const [a, c] = [m[1]!, m[3]!];
  const twoDigitYear = a.length !== 4 && (order === "YMD" && a.length === 2 ? true : c.length === 2);
  return r.ok && twoDigitYear ? { ...r, twoDigitYear } : r;
}

function parseDigitDate(m: RegExpExecArray, order: DateOrder | null): DateResult {
  const [a, b, c] = [m[1]!, m[2]!, m[3]!];
  if (a.length === 4) return isoOf(Number(a), Number(b), Number(c));
  if (order === "YMD" && a.length === 2) return isoOf(fullYear(a, Number(a)), Number(b), Number(c));
  const year = fullYear(c, Number(c));
  if (Number.isNaN(year)) return INVALID;
  const x = Number(a);
  const y = Number(b);
  if (order === "DMY") return isoOf(year, y, x);
  if (order === "MDY") return isoOf(year, x, y);
  if (x > 12 && y <= 12) return isoOf(year, y, x);
  if (y > 12 && x <= 12) return isoOf(year, x, y);
  if (x === y) return isoOf(year, x, y);
  if (x <= 12 && y <= 12) {
    const dayFirst = isoOf(year, y, x);
    const monthFirst = isoOf(year, x, y);
    if (dayFirst.ok && monthFirst.ok)
      return { ok: false, ambiguous: true, readings: [dayFirst.iso, monthFirst.iso] };
  }
  return INVALID;
}
