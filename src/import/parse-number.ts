/**
 * Numbers typed as text the ways people type them: "1 234,50", "1.234,50", "$1,234.50", "(120)"
 * (accounting negative), "-120", "12%" (= 0.12, as Excel reads it), "SEK 1 000". Null when it is
 * not a number. A lone comma followed by exactly three digits ("1,234") is read as a thousands
 * separator; otherwise a lone comma is the decimal mark.
 */
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Spaces and apostrophes people put between thousands (incl. no-break and thin spaces). */
const isGroupSpace = (c: number) =>
  c === 32 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 39 || c === 0x2019;
const isSymbol = (c: number) => c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const isEdge = (c: number) => isGroupSpace(c) || isSymbol(c);

/** The decimal mark of a column: "." or ","; null = unknown (read by the rules above). */
export type DecimalMark = "." | ",";

let isoCodes: Set<string> | undefined;
/** Short currency words written beside amounts that are not ISO codes. */
const CURRENCY_WORDS = new Set(["kr", "kn", "ft", "zl", "zł", "lei", "lv"]);
/** Letters that can stand beside an amount: an ISO 4217 code (SEK, EUR) or a word such as "kr". */
function isCurrencyWord(letters: string): boolean {
  if (CURRENCY_WORDS.has(letters.toLowerCase())) return true;
  if (letters.length !== 3) return false;
  isoCodes ??= new Set(supportedCurrencies());
  return isoCodes.has(letters.toUpperCase());
}
function supportedCurrencies(): string[] {
  try {
    return Intl.supportedValuesOf("currency");
  } catch {
    return ["EUR", "SEK", "USD", "GBP", "NOK", "DKK", "CHF"];
  }
}

/**
 * The text without a currency sign or code (kr, SEK, EUR) at either end; null when letters that are
 * no currency stand there ("ca. 500", "abc"): such text is not an amount, and is never guessed at.
 */
function stripCurrency(s: string): string | null {
  let start = 0;
  let end = s.length;
  while (start < end && isEdge(s.charCodeAt(start))) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1))) end--;
  let lead = 0;
  while (start + lead < end && isLetter(s.charCodeAt(start + lead))) lead++;
  if (lead > 0) {
    if (!isCurrencyWord(s.slice(start, start + lead))) return null;
    start += lead;
    if (s.charCodeAt(start) === 46) start++; // "kr. 500"
  }
  if (end > start && s.charCodeAt(end - 1) === 46 && isLetter(s.charCodeAt(end - 2))) end--; // "500 kr."
  let trail = 0;
  while (end - trail > start && isLetter(s.charCodeAt(end - trail - 1))) trail++;
  if (trail > 0) {
    if (!isCurrencyWord(s.slice(end - trail, end))) return null;
    end -= trail;
  }
  while (start < end && isEdge(s.charCodeAt(start))) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

export function parseNumberText(input: string, decimal: DecimalMark | null = null): number | null {
  if (PLAIN.test(input) && (decimal !== "," || !GROUPED_BY_DOT.test(input))) return Number(input);
  let s = input.trim();
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  const bare = stripCurrency(s);
  if (bare === null) return null;
  s = bare;
  const sign = s.charCodeAt(0);
  if (sign === 45 || sign === 0x2212 || sign === 43) {
    negative = negative !== (sign !== 43);
    s = s.slice(1).trimStart();
  } else if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  const body = digitsOf(s, decimal);
  if (body === null) return null;
  const n = Number(body);
  if (!Number.isFinite(n)) return null;
  const signed = negative ? -n : n;
  return percent ? signed / 100 : signed;
}

/** The amount with grouping removed and "." as the decimal mark, or null when it is malformed. */
function digitsOf(s: string, mark: DecimalMark | null): string | null {
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (!isGroupSpace(c)) return null;
  }
  if (digits === 0) return null;
  let decimal = -1;
  if (dots && commas) {
    decimal = Math.max(lastDot, lastComma);
    if ((decimal === lastDot ? dots : commas) > 1) return null;
  } else if (mark !== null && (dots === 0) !== (commas === 0)) {
    // One kind of separator in a column whose mark is known: the mark, or grouping if it is the other.
    const [count, last, isMark] = dots ? [dots, lastDot, mark === "."] : [commas, lastComma, mark === ","];
    if (isMark) {
      if (count > 1) return null;
      decimal = last;
    } else if (!groupsOfThree(s, dots ? 46 : 44)) {
      // "1.5" in a decimal-comma column: a dot that cannot be grouping is the only reading left.
      if (count > 1) return null;
      decimal = last;
    }
  } else if (commas === 1) {
    const after = s.length - lastComma - 1;
    const before = s.slice(0, lastComma).replace(/\D/g, "");
    const grouping = after === 3 && before.length >= 1 && before.length <= 3 && before[0] !== "0";
    decimal = grouping ? -1 : lastComma;
  } else if (dots === 1) decimal = lastDot;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) out += s[i];
    else if (i === decimal) out += ".";
  }
  return out;
}

/** True when every `sep` is followed by exactly three digits and the first group has 1-3 digits. */
function groupsOfThree(s: string, sep: number): boolean {
  const parts = s.split(String.fromCharCode(sep));
  const head = parts[0]!.replace(/\D/g, "");
  return (
    head.length >= 1 &&
    head.length <= 3 &&
    parts.slice(1).every((p) => /^\d{3}$/.test(p.replace(/[\s\u00a0']/g, "")))
  );
}

/** "1.234" or "1,234": one separator before exactly three digits, read one way or the other. */
const AMBIGUOUS_NUMBER = /^[^\d.,]*[+-]?\d{1,3}[.,]\d{3}[^\d.,]*$/;
const GROUPED_BY_DOT = /^[+-]?\d{1,3}(\.\d{3})+$/;

/**
 * Both readings of an amount whose decimal mark decides its value ("1.234" is 1.234 or 1234), or
 * null when it reads one way only. For a column whose mark is unknown.
 */
export function numberReadings(text: string): readonly [dotDecimal: number, commaDecimal: number] | null {
  if (!AMBIGUOUS_NUMBER.test(text)) return null;
  const a = parseNumberText(text, ".");
  const b = parseNumberText(text, ",");
  return a !== null && b !== null && a !== b ? [a, b] : null;
}
