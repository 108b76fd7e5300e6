/** A1 addresses from zero-based row and column indexes. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export const cellAddress = (row: number, col: number): string => `${columnLetter(col)}${row + 1}`;

export function rangeAddress(row0: number, col0: number, row1: number, col1: number): string {
  const a = cellAddress(row0, col0);
  return row0 === row1 && col0 === col1 ? a : `${a}:${cellAddress(row1, col1)}`;
}

export const absoluteRange = (row0: number, col0: number, row1: number, col1: number): string =>
  `$${columnLetter(col0)}$${row0 + 1}:$${columnLetter(col1)}$${row1 + 1}`;

/** A sheet name as a formula reference needs it: quoted when it holds anything but letters and digits. */
export const sheetRef = (name: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;

export interface Bounds {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** "Sheet1!B2:D9" or "B2" -> zero-based top-left and size. */
export function parseAddress(address: string): Bounds {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = local.replace(/\$/g, "").split(":");
  const start = parseCell(a ?? "A1");
  const end = b ? parseCell(b) : start;
  return { row: start.row, col: start.col, rows: end.row - start.row + 1, cols: end.col - start.col + 1 };
}

function parseCell(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/i.exec(ref);
  if (!m) return { row: 0, col: 0 };
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}
