/**
 * When the workbench saves its workbook: after the add-in's requests and the user's edits, at most
 * once a second, and when the page is hidden. `?fresh` (or `?sheets=`) starts from an empty book;
 * "New workbook" forgets what was kept.
 */
import type { SimWorkbook } from "./excel-sim";
import { BOOK_KEY, CONNECTION_KEY, restore, snapshot } from "./persist";

export const SAVE_EVERY_MS = 1000;

export interface Keeper {
  /** Saves now if anything changed since the last save. */
  flush(): void;
  /** Stops saving and removes what was kept (the next load starts empty). */
  forget(): void;
  stop(): void;
}

/** Puts the kept workbook into `book`; false when there is none or it cannot be read (then removed). */
export function loadKept(book: SimWorkbook, storage: Storage): boolean {
  const workbook = storage.getItem(BOOK_KEY);
  if (!workbook) return false;
  try {
    restore(book, { workbook, connection: storage.getItem(CONNECTION_KEY) });
    return true;
  } catch (error) {
    console.warn("The kept workbook could not be read; starting with an empty one.", error);
    storage.removeItem(BOOK_KEY);
    return false;
  }
}

function stampOf(book: SimWorkbook, edits: number): string {
  return [
    book.stats.syncs,
    book.stats.requests.length,
    edits,
    book.sheets.map((s) => `${s.name}:${s.visibility}`).join(","),
    book.activeSheet?.name ?? "",
  ].join("|");
}

export function keepAcrossReloads(book: SimWorkbook, storage: Storage, win: Window = window): Keeper {
  let edits = 0;
  let saved = "";
  let active = true;
  // The user's typing does not go through a sync, so it is counted here.
  const userEdit = book.userEdit.bind(book);
  book.userEdit = async (address, value) => {
    try {
      await userEdit(address, value);
    } finally {
      edits++;
    }
  };

  const flush = () => {
    const stamp = stampOf(book, edits);
    if (!active || stamp === saved) return;
    const { workbook, connection } = snapshot(book);
    try {
      storage.setItem(BOOK_KEY, workbook);
      if (connection) storage.setItem(CONNECTION_KEY, connection);
      else storage.removeItem(CONNECTION_KEY);
      saved = stamp;
    } catch (error) {
      // Over the browser's quota (a few MB): better nothing kept than an older workbook restored.
      storage.removeItem(BOOK_KEY);
      console.warn("The workbook is too large to keep across reloads.", error);
    }
  };
  saved = stampOf(book, edits);
  const timer = win.setInterval(flush, SAVE_EVERY_MS);
  const onHide = () => flush();
  win.addEventListener("pagehide", onHide);

  const stop = () => {
    active = false;
    win.clearInterval(timer);
    win.removeEventListener("pagehide", onHide);
    book.userEdit = userEdit;
  };
  return {
    flush,
    stop,
    forget: () => {
      stop();
      storage.removeItem(BOOK_KEY);
      storage.removeItem(CONNECTION_KEY);
    },
  };
}
