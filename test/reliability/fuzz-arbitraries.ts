/**
 * fast-check generators for hostile spreadsheets: header rows that mix real labels, aliases and noise;
 * cells with right-to-left text, emoji, combining marks, zero-width spaces, formula look-alikes,
 * characters of every Unicode category (NUL and lone surrogate halves among them), numbers, serial
 * dates, booleans and 32,767-character text; blank, short, long and missing rows.
 */
import fc from "fast-check";
import { baseCatalog, sheetNames, type SheetDef, type SheetName } from "../../src/domain";
import { dateOrders, type DateOrder } from "../../src/import";

/** Excel's longest cell text. */
export const MAX_CELL_CHARS = 32_767;

const pieces = [
  "مرحبا بالعالم", // right-to-left
  "שלום",
  "\u202eevil\u202c",
  "👩‍💻",
  "🏳️‍🌈",
  "😀",
  "e\u0301\u0302\u0303", // stacked combining marks
  "Z̵̡̢͎a̷l̶g̸o̵",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u00a0",
  "\t",
  "\r\n",
  "=1+1",
  "+46 70 123 45 67",
  "-5",
  "@SUM(A1)",
  "'quoted",
  "O'Brien; DROP TABLE records; --",
  "a@b.co",
  "user@example.com",
  "2026-02-30",
  "31/12/2025",
  "1,234.56",
  "1.234,56",
  "TRUE",
  "SE",
  "Company",
  "#N/A",
  "",
  " ",
];

/**
 * Characters of every Unicode general category (UAX #44, "General_Category Values"), code points in
 * hex: the first of each, one from its middle and, where there is one, one beyond the BMP (picked by
 * scanning `\p{gc=..}`). Cs are lone surrogate halves, high and low, which PostgreSQL cannot store;
 * Cc starts with NUL, which it cannot store either; Cn holds unassigned and noncharacter points.
 */
const unicodeCategories: Record<string, readonly number[]> = {
  Lu: [0x41, 0x222, 0x4f2],
  Ll: [0x61, 0x22b, 0x442],
  Lt: [0x1c5, 0x1f9b, 0x1ffc],
  Lm: [0x2b0, 0xa4fc, 0x10780],
  Lo: [0xaa, 0x71b, 0x20000],
  Mn: [0x300, 0x670, 0xe0100],
  Mc: [0x903, 0x1c27, 0x11000],
  Me: [0x488, 0x20e0, 0xa672],
  Nd: [0x30, 0x1810, 0x104a0],
  Nl: [0x16ee, 0x2160, 0x10140],
  No: [0xb2, 0x24ff, 0x10107],
  Pc: [0x5f, 0xfe34, 0xff3f],
  Pd: [0x2d, 0x2e3a, 0x10d6e],
  Ps: [0x28, 0x29da, 0xff62],
  Pe: [0x29, 0x29fd, 0xff63],
  Pi: [0xab, 0x2e02, 0x2e20],
  Pf: [0xbb, 0x2e05, 0x2e21],
  Po: [0x21, 0x1cc6, 0xff03],
  Sm: [0x2b, 0x2290, 0x27f6],
  Sc: [0x24, 0x20b0, 0x11fdd],
  Sk: [0x5e, 0x1fdf, 0x1f3fb],
  So: [0xa6, 0x21c5, 0x1f600],
  Zs: [0x20, 0x2005, 0x3000],
  Zl: [0x2028],
  Zp: [0x2029],
  Cc: [0x0, 0x7f, 0x9f],
  Cf: [0xad, 0x200e, 0xe0001],
  Cs: [0xd800, 0xdbff, 0xdc00, 0xdfff],
  Co: [0xe000, 0xf8ff, 0xf0000],
  Cn: [0x378, 0xfffe, 0x10ffff],
};

/** One string per sample; a surrogate as its lone UTF-16 unit. */
export const categorySamples: readonly string[] = Object.values(unicodeCategories)
  .flat()
  .map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp)));

/** Any UTF-16 code unit, so lone surrogate halves and NUL come up, not only well-formed text. */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));

/** Text for names and ids (refs, CRM IDs, field names, keys): short, from every category. */
export const hostileShortText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.constantFrom(...categorySamples), { maxLength: 4 }).map((c) => c.join("")),
  },
  { weight: 1, arbitrary: codeUnits },
);

const longText = (lead: string) => (lead + "x".repeat(MAX_CELL_CHARS)).slice(0, MAX_CELL_CHARS);
const longCells = ["=", "+", "a", "😀", "\u200b", "م"].map(longText);

const textCell = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((p) => p.join("")) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...categorySamples)), { maxLength: 6 })
      .map((p) => p.join("")),
  },
  { weight: 1, arbitrary: codeUnits },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(...longCells) },
);

/** A cell as Excel hands it over: text, number (maybe a serial date), boolean, or empty. */
export const cellArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: textCell },
  { weight: 2, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.integer({ min: -1, max: 2_958_466 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, "") },
);

function headerCandidates(sheet: SheetDef): string[] {
  return sheet.fields.flatMap((f) => [
    f.label,
    f.key,
    ...f.aliases,
    f.label.toUpperCase() + " ",
    `*${f.label}`,
  ]);
}

/** A header row: mostly known labels and aliases (some repeated), with noise and blanks. */
export const headerArb = (sheet: SheetDef): fc.Arbitrary<unknown[]> =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...headerCandidates(sheet)) },
      { weight: 2, arbitrary: cellArb },
    ),
    { minLength: 0, maxLength: sheet.fields.length + 4 },
  );

/** Rows of varying width, some missing entirely (a sparse array) or all blank. */
export const gridArb = (width: number): fc.Arbitrary<(unknown[] | undefined)[]> =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.array(cellArb, { minLength: 0, maxLength: width + 3 }) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(Array.from({ length: width }, () => "")) },
    ),
    { maxLength: 12 },
  );

export interface SheetCase {
  sheetName: SheetName;
  header: unknown[];
  grid: (unknown[] | undefined)[];
  dateOrder: DateOrder | null;
  closedPeriodThrough: string | null;
  withMatchKeys: boolean;
}

export const sheetCaseArb: fc.Arbitrary<SheetCase> = fc.constantFrom(...sheetNames).chain((sheetName) =>
  headerArb(baseCatalog[sheetName]).chain((header) =>
    fc.record({
      sheetName: fc.constant(sheetName),
      header: fc.constant(header),
      grid: gridArb(header.length),
      dateOrder: fc.constantFrom<DateOrder | null>(...dateOrders, null),
      closedPeriodThrough: fc.constantFrom(null, "2025-12-31"),
      withMatchKeys: fc.boolean(),
    }),
  ),
);

/** A JSON-safe value as the client would send it (the API's values are string|number|boolean|null). */
export const apiValueArb: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  { weight: 6, arbitrary: textCell },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
