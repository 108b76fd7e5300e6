import type { CellValue } from "./read";

/**
 * A row's memory of the fills our marks covered: column index -> the user's own fill ("" = none).
 * Stored as text in the row's hidden marks cell, e.g. "3:#FFFF00|7:", so Clear marks can give
 * each cell its own fill back, and sorting rows keeps each memory with its row.
 */
export type MarkMemory = Map<number, string>;

export function parseMemory(cell: CellValue | undefined): MarkMemory {
  const m: MarkMemory = new Map();
  if (typeof cell !== "string" || cell === "") return m;
  for (const part of cell.split("|")) {
    const [col, color = ""] = part.split(":");
    const n = Number(col);
    if (Number.isInteger(n) && n >= 0 && /^(#[0-9A-Fa-f]{6})?$/.test(color)) m.set(n, color);
  }
  return m;
}

export const formatMemory = (m: MarkMemory): string =>
  [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, color]) => `${c}:${color}`)
    .join("|");
