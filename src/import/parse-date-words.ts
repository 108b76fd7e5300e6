/**
 * Dates not written as digits in day/month order: month names in English, Swedish, German, French
 * and Spanish, full or short ("16 Feb 2026", "16 februari 2026", "16. Februar 2026", "Feb 16, 2026",
 * "16-févr.-26"), compact "YYYYMMDD", and Excel serials that arrived as text ("46046", "46046,5").
 * Month names come from the platform's ICU data (Intl.DateTimeFormat), not from a typed table.
 */
import { isIsoDate } from "../domain";
import type { DateResult } from "./parse-date";

const LANGUAGES = ["en", "sv", "de", "fr", "es"] as const;
/** Short forms people write that ICU does not give ("Sept", "Mrz", "févr" without its accent). */
const EXTRA_MONTHS: Readonly<Record<string, number>> = { sept: 9, mrz: 3, maerz: 3, fev: 2, febr: 2 };

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\.$/, "");

let months: Map<string, number> | undefined;
/** Folded month name -> month number, from every language's long and short names. */
function monthTable(): Map<string, number> {
  if (months) return months;
  const t = new Map<string, number>(Object.entries(EXTRA_MONTHS));
  for (const lang of LANGUAGES)
    for (const style of ["long", "short"] as const) {
      const f = new Intl.DateTimeFormat(lang, { month: style, timeZone: "UTC" });
      for (let m = 1; m <= 12; m++) {
        const name = fold(f.format(new Date(Date.UTC(2026, m - 1, 15))));
        if (!t.has(name)) t.set(name, m);
      }
    }
  months = t;
  return t;
}

/** The month a word names (any case, accents optional, trailing dot), or undefined. */
export function monthOf(word: string): number | undefined {
  return monthTable().get(fold(word));
}

const WORD = "(\\p{L}+\\.?)";
const YEAR = "(\\d{4}|\\d{2})";
const TIME = "(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?";
const DAY_MONTH_YEAR = new RegExp(
  `^(\\d{1,2})(?:\\.|st|nd|rd|th)?[\\s\\-/]*${WORD}[\\s\\-/,]+${YEAR}${TIME}$`,
  "iu",
);
const MONTH_DAY_YEAR = new RegExp(
  `^${WORD}[\\s\\-/]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\-/]+${YEAR}${TIME}$`,
  "iu",
);
const YEAR_MONTH_DAY = new RegExp(`^(\\d{4})[\\s\\-/]+${WORD}[\\s\\-/]+(\\d{1,2})${TIME}$`, "iu");
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Serials of 1954-09-26 .. 2119-01-08: a five-digit number in a date column is a serial. */
const SERIAL = /^(\d{5})(?:[.,]\d+)?$/;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const INVALID: DateResult = { ok: false, ambiguous: false };

function dated(y: number, m: number | undefined, d: number, twoDigitYear: boolean): DateResult {
  if (m === undefined) return INVALID;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  if (!isIsoDate(iso)) return INVALID;
  return twoDigitYear
    ? { ok: true, iso, reformatted: true, twoDigitYear }
    : { ok: true, iso, reformatted: true };
}

const yearOf = (text: string) => {
  const n = Number(text);
  return text.length === 4 ? n : n < 30 ? 2000 + n : 1900 + n;
};

/** The forms above, or invalid; `serialToIso` reads serials (passed in to keep one implementation). */
export function parseOtherDate(text: string, serialToIso?: (n: number) => string | null): DateResult {
  let m = DAY_MONTH_YEAR.exec(text);
  if (m) return dated(yearOf(m[3]!), monthOf(m[2]!), Number(m[1]), m[3]!.length === 2);
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return dated(yearOf(m[3]!), monthOf(m[1]!), Number(m[2]), m[3]!.length === 2);
  m = YEAR_MONTH_DAY.exec(text);
  if (m) return dated(Number(m[1]), monthOf(m[2]!), Number(m[3]), false);
  m = COMPACT.exec(text);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2100)
    return dated(Number(m[1]), Number(m[2]), Number(m[3]), false);
  m = SERIAL.exec(text);
  if (m && serialToIso) {
    const iso = serialToIso(Number(m[1]));
    return iso ? { ok: true, iso, reformatted: true } : INVALID;
  }
  return INVALID;
}
