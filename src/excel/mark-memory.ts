import type { CellValue } from "./read";

/**
 * A row's memory of the fills our marks covered: column index -> the user's own fill ("" = none),
 * followed by "~" when the cell had a note of the user's own, which our messages leave alone.
 * Stored as text in the row's hidden marks cell, e.g. "3:#FFFF00|7:|9:~", so Clear marks can give
 * each cell its own fill back, and sorting rows keeps each memory with its row.
 */
export type MarkMemory = Map<number, string>;

const USER_NOTE = "~";
export const fillOf = (entry: string): string => (entry.endsWith(USER_NOTE) ? entry.slice(0, -1) : entry);
export const hasUserNote = (entry: string | undefined): boolean => entry?.endsWith(USER_NOTE) ?? false;
export const withUserNote = (fill: string, userNote: boolean): string => (userNote ? fill + USER_NOTE : fill);

export function parseMemory(cell: CellValue | undefined): MarkMemory {
  const m: MarkMemory = new Map();
  if (typeof cell !== "string" || cell === "") return m;
  for (const part of cell.split("|")) {
    const [col, color = ""] = part.split(":");
    const n = Number(col);
    if (Number.isInteger(n) && n >= 0 && /^(#[0-9A-Fa-f]{6})?~?$/.test(color)) m.set(n, color);
  }
  return m;
}

export const formatMemory = (m: MarkMemory): string =>
  [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, color]) => `${c}:${color}`)
    .join("|");
