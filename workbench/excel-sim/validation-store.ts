// Data validations per sheet, indexed by column so that thousands of single-cell prompts stay cheap.
// Entries never overlap. Rules up to WIDE columns wide are kept as one entry per column, sorted by row.
import { intersect, subtract, type Rect } from "./address";

export interface ValidationEntry {
  rect: Rect;
  rule: Record<string, unknown>;
  prompt?: { title?: string; message?: string; showPrompt?: boolean };
  errorAlert?: { title?: string; message?: string; showAlert?: boolean; style?: string };
  ignoreBlanks: boolean;
}

export type ValidationPatch = Partial<Omit<ValidationEntry, "rect">>;

const WIDE = 64;

function firstEnding(list: ValidationEntry[], row: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = list[mid]!.rect;
    if (e.row + e.rows <= row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class ValidationStore {
  private readonly byCol = new Map<number, ValidationEntry[]>();
  private wide: ValidationEntry[] = [];

  /** Every entry, for inspection in tests. */
  all(): ValidationEntry[] {
    return [...[...this.byCol.values()].flat(), ...this.wide];
  }

  private columns(rect: Rect): number[] {
    if (rect.cols > WIDE)
      return [...this.byCol.keys()].filter((c) => c >= rect.col && c < rect.col + rect.cols);
    return Array.from({ length: rect.cols }, (_, i) => rect.col + i);
  }

  touching(rect: Rect): ValidationEntry[] {
    const out = this.wide.filter((e) => intersect(e.rect, rect));
    for (const col of this.columns(rect)) {
      const list = this.byCol.get(col);
      if (!list) continue;
      for (
        let i = firstEnding(list, rect.row);
        i < list.length && list[i]!.rect.row < rect.row + rect.rows;
        i++
      ) {
        out.push(list[i]!);
      }
    }
    return out;
  }

  private add(entry: ValidationEntry): void {
    const { rect } = entry;
    if (rect.cols > WIDE) {
      this.wide.push(entry);
      return;
    }
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      const piece = { ...entry, rect: { ...rect, col: c, cols: 1 } };
      let list = this.byCol.get(c);
      if (!list) this.byCol.set(c, (list = []));
      list.splice(firstEnding(list, rect.row), 0, piece);
    }
  }

  private remove(entry: ValidationEntry): void {
    if (entry.rect.cols > WIDE) {
      this.wide = this.wide.filter((e) => e !== entry);
      return;
    }
    const list = this.byCol.get(entry.rect.col);
    const at = list ? firstEnding(list, entry.rect.row) : -1;
    if (list && list[at] === entry) list.splice(at, 1);
  }

  clear(rect: Rect): void {
    this.update(rect, null);
  }

  /** Applies patch on rect: entries are split at its border; parts without a validation get one. */
  patch(rect: Rect, patch: ValidationPatch): void {
    this.update(rect, patch);
  }

  /** patch null removes validation from rect. */
  private update(rect: Rect, patch: ValidationPatch | null): void {
    if (rect.cols > WIDE || this.wide.some((e) => intersect(e.rect, rect))) {
      this.updateSlow(rect, patch);
      return;
    }
    for (let col = rect.col; col < rect.col + rect.cols; col++)
      this.updateColumn(col, rect.row, rect.row + rect.rows, patch);
  }

  /** One sweep over the column's sorted entries between first and end, replaced by a single splice. */
  private updateColumn(col: number, first: number, end: number, patch: ValidationPatch | null): void {
    let list = this.byCol.get(col);
    if (!list) this.byCol.set(col, (list = []));
    const start = firstEnding(list, first);
    let stop = start;
    while (stop < list.length && list[stop]!.rect.row < end) stop++;
    const replacement: ValidationEntry[] = [];
    const span = (row: number, until: number): Rect => ({ row, col, rows: until - row, cols: 1 });
    let next = first;
    for (let i = start; i < stop; i++) {
      const entry = list[i]!;
      const top = entry.rect.row;
      const bottom = top + entry.rect.rows;
      if (top < first) replacement.push({ ...entry, rect: span(top, first) });
      if (patch && top > next)
        replacement.push({ rule: {}, ignoreBlanks: true, ...patch, rect: span(next, top) });
      if (patch)
        replacement.push({ ...entry, ...patch, rect: span(Math.max(top, first), Math.min(bottom, end)) });
      if (bottom > end) replacement.push({ ...entry, rect: span(end, bottom) });
      next = Math.max(next, bottom);
    }
    if (patch && next < end)
      replacement.push({ rule: {}, ignoreBlanks: true, ...patch, rect: span(next, end) });
    // splice spreads its arguments: large replacements rebuild the list instead.
    if (replacement.length < 10_000) list.splice(start, stop - start, ...replacement);
    else this.byCol.set(col, [...list.slice(0, start), ...replacement, ...list.slice(stop)]);
  }

  private updateSlow(rect: Rect, patch: ValidationPatch | null): void {
    let uncovered: Rect[] = [rect];
    for (const entry of this.touching(rect)) {
      const overlap = intersect(entry.rect, rect);
      if (!overlap) continue;
      this.remove(entry);
      for (const piece of subtract(entry.rect, rect)) this.add({ ...entry, rect: piece });
      if (patch) this.add({ ...entry, ...patch, rect: overlap });
      uncovered = uncovered.flatMap((u) => subtract(u, overlap));
    }
    if (patch) for (const r of uncovered) this.add({ rule: {}, ignoreBlanks: true, ...patch, rect: r });
  }
}
