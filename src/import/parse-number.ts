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

/** The text without a currency sign or code (up to three letters: kr, SEK, EUR) at either end. */
function stripCurrency(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isEdge(s.charCodeAt(start))) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1))) end--;
  let lead = 0;
  while (start + lead < end && isLetter(s.charCodeAt(start + lead))) lead++;
  if (lead > 0 && lead <= 3) start += lead;
  let trail = 0;
  while (end - trail > start && isLetter(s.charCodeAt(end - trail - 1))) trail++;
  if (trail > 0 && trail <= 3) end -= trail;
  while (start < end && isEdge(s.charCodeAt(start))) start++;
  while (end > start && isEdge(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

export function parseNumberText(input: string): number | null {
  if (PLAIN.test(input)) return Number(input);
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
  s = stripCurrency(s);
  const sign = s.charCodeAt(0);
  if (sign === 45 || sign === 0x2212 || sign === 43) {
    negative = negative !== (sign !== 43);
    s = s.slice(1).trimStart();
  } else if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  const body = digitsOf(s);
  if (body === null) return null;
  const n = Number(body);
  if (!Number.isFinite(n)) return null;
  const signed = negative ? -n : n;
  return percent ? signed / 100 : signed;
}

/** The amount with grouping removed and "." as the decimal mark, or null when it is malformed. */
function digitsOf(s: string): string | null {
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
