// Notes (ExcelApi 1.18): one per cell, reachable from workbook.notes and worksheet.notes.
import { formatAddress, parseArea } from "./address";
import { SimCollection } from "./collection";
import type { SimContext } from "./context";
import { fail } from "./errors";
import { Ref, SimProxy, queueResult, type SimClientResult } from "./proxy";
import { SimRange } from "./range";
import { noteCell, noteKey, type NoteEntry, type SimSheet } from "./sheet";

interface NoteTarget {
  sheet: SimSheet;
  row: number;
  col: number;
}

export class SimNote extends SimProxy {
  constructor(
    context: SimContext,
    private readonly target: Ref<NoteTarget>,
  ) {
    super(context, target);
  }
  private entry(): NoteEntry {
    const { sheet, row, col } = this.target.get();
    return sheet.notes.get(noteKey(row, col)) ?? fail("ItemNotFound", "The note was deleted.");
  }
  protected readers() {
    return {
      content: () => this.entry().content,
      authorName: () => this.entry().authorName,
      visible: () => false,
      height: () => 60,
      width: () => 120,
    };
  }
  get content(): string {
    return this.read("content");
  }
  set content(content: string) {
    this.queue({ set: "content", content }, () => {
      this.entry().content = String(content);
    });
  }
  get authorName(): string {
    return this.read("authorName");
  }
  delete(): void {
    this.queue({ method: "delete" }, () => {
      const { sheet, row, col } = this.target.get();
      sheet.notes.delete(noteKey(row, col));
    });
  }
  getLocation(): SimRange {
    return new SimRange(
      this.context,
      Ref.lazy(this.context, { method: "getLocation" }, () => {
        const { sheet, row, col } = this.target.get();
        return { sheet, rect: { row, col, rows: 1, cols: 1 } };
      }),
    );
  }
}

/** scope: one sheet (worksheet.notes) or null for the whole workbook (workbook.notes). */
export class SimNoteCollection extends SimCollection<SimNote> {
  constructor(
    context: SimContext,
    ref: Ref<unknown>,
    private readonly scope: () => SimSheet | null,
  ) {
    super(context, ref);
  }

  private sheets(): SimSheet[] {
    this.context.book.requireApi("1.18", "Notes");
    const one = this.scope();
    return one ? [one] : this.context.book.sheets;
  }

  private all(): NoteTarget[] {
    return this.sheets().flatMap((sheet) =>
      [...sheet.notes.keys()]
        .map((key) => {
          const [row, col] = noteCell(key);
          return { sheet, row, col };
        })
        .sort((a, b) => a.row - b.row || a.col - b.col),
    );
  }

  protected list(): SimNote[] {
    return this.all().map((t) => new SimNote(this.context, Ref.of(t)));
  }

  private locate(cellAddress: SimRange | string): NoteTarget {
    const [first] = this.sheets();
    if (typeof cellAddress !== "string") {
      const { sheet, rect } = this.own(cellAddress).target.get();
      if (rect.rows !== 1 || rect.cols !== 1) fail("InvalidArgument", "A note belongs to a single cell.");
      return { sheet, row: rect.row, col: rect.col };
    }
    this.context.noteAddress(cellAddress);
    const area = parseArea(cellAddress);
    const sheet = area.sheet
      ? this.context.book.sheetOrFail(area.sheet)
      : (this.scope() ?? this.context.book.activeSheet ?? first);
    if (!sheet) fail("ItemNotFound");
    if (area.rect.rows !== 1 || area.rect.cols !== 1)
      fail("InvalidArgument", "A note belongs to a single cell.");
    return { sheet, row: area.rect.row, col: area.rect.col };
  }

  /** A cell holds at most one note: adding a second is an error (delete or edit the first). */
  add(cellAddress: SimRange | string, content: string): SimNote {
    const target = Ref.lazy(this.context, { method: "add", content }, () => {
      const t = this.locate(cellAddress);
      const key = noteKey(t.row, t.col);
      if (t.sheet.notes.has(key)) {
        fail(
          "InvalidArgument",
          `The cell ${formatAddress(t.sheet.name, { row: t.row, col: t.col, rows: 1, cols: 1 })} already has a note.`,
        );
      }
      t.sheet.notes.set(key, { content: String(content), authorName: "Simulated User" });
      return t;
    });
    return new SimNote(this.context, target);
  }

  private find(key: string, orNull: boolean): SimNote {
    const target = Ref.lazy(this.context, { method: "getItem", key }, () => {
      const t = this.locate(key);
      if (t.sheet.notes.has(noteKey(t.row, t.col))) return t;
      return orNull ? null : fail("ItemNotFound", `There is no note at ${key}.`);
    });
    return new SimNote(this.context, target);
  }

  getItem(key: string): SimNote {
    return this.find(key, false);
  }
  getItemOrNullObject(key: string): SimNote {
    return this.find(key, true);
  }
  getItemAt(index: number): SimNote {
    return new SimNote(
      this.context,
      Ref.lazy(this.context, { method: "getItemAt", index }, () => this.all()[index] ?? fail("ItemNotFound")),
    );
  }
  getCount(): SimClientResult<number> {
    return queueResult(this.context, { method: "getCount" }, () => this.all().length);
  }
}
