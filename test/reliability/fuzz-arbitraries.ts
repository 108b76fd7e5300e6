/**
 * fast-check generators for hostile spreadsheets: header rows that mix real labels, aliases and noise;
 * cells with right-to-left text, emoji, combining marks, zero-width spaces, formula look-alikes,
 * numbers, serial dates, booleans and 32,767-character text; blank, short, long and missing rows.
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

const longText = (lead: string) => (lead + "x".repeat(MAX_CELL_CHARS)).slice(0, MAX_CELL_CHARS);
const longCells = ["=", "+", "a", "😀", "\u200b", "م"].map(longText);

const textCell = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 4 }).map((p) => p.join("")) },
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
