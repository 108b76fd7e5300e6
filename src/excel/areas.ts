import { rangeAddress } from "./a1";

/** Excel on the web truncates addresses over 8,192 characters; stay clear of it. */
export const MAX_AREAS_ADDRESS = 8_000;

export interface Cell {
  row: number;
  col: number;
}

/** Cells merged into horizontal runs ("B5:D5"), in row then column order. */
export function runsOf(cells: readonly Cell[]): string[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1]!.row === start.row && sorted[i + 1]!.col <= end.col + 1) {
      end = sorted[++i]!;
    }
    runs.push(rangeAddress(start.row, start.col, end.row, end.col));
    i++;
  }
  return runs;
}

/** Addresses packed into comma lists each shorter than the limit, for `worksheet.getRanges`. */
export function packAddresses(addresses: readonly string[], limit = MAX_AREAS_ADDRESS): string[] {
  const out: string[] = [];
  let current = "";
  for (const a of addresses) {
    if (current && current.length + 1 + a.length > limit) {
      out.push(current);
      current = "";
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}

/** Cells grouped into RangeAreas addresses, each under the address limit. */
export const areasOf = (cells: readonly Cell[]): string[] => packAddresses(runsOf(cells));
