/** The ribbon, the sheet tabs and the grid. The pane is a sibling element of workbench.html (#pane). */
import { useEffect, useReducer, useState, type KeyboardEvent } from "react";
import type { SimWorkbook } from "./excel-sim";
import { onShowTaskpane } from "./office-bridge";
import { FindBar } from "./FindBar";
import { Ribbon } from "./Ribbon";
import { SheetGrid } from "./SheetGrid";
import { SheetTabs } from "./SheetTabs";
import { PAGE_ROWS, pageStartFor, sheetWindow, visibleSheets } from "./sheet-view";

const POLL_MS = 200;

/**
 * A fingerprint of what the add-in may have changed: Excel.run batches only touch the workbook at
 * context.sync(), so the sync count (and sheet list, active sheet, selection) says when to redraw.
 */
function changeStamp(book: SimWorkbook): string {
  const selection = book.selection;
  return [
    book.stats.syncs,
    book.stats.requests.length,
    book.sheets.map((s) => `${s.name}:${s.visibility}`).join(","),
    book.activeSheet?.name ?? "",
    selection ? `${selection.sheet.name}!${selection.rect.row},${selection.rect.col}` : "",
  ].join("|");
}

export interface WorkbenchProps {
  book: SimWorkbook;
  pane: HTMLElement | null;
  /** Forgets the workbook kept across reloads and starts an empty one. */
  onNewWorkbook?: () => void;
}

/** Ctrl+F finds, Ctrl+H replaces (Cmd on a Mac), while the focus is in the workbook, not the pane. */
function findShortcut(event: KeyboardEvent): "find" | "replace" | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  return key === "f" ? "find" : key === "h" ? "replace" : null;
}

export function Workbench({ book, pane, onNewWorkbook }: WorkbenchProps) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [paneOpen, setPaneOpen] = useState(true);
  const [firstRow, setFirstRow] = useState(0);
  const [finding, setFinding] = useState<"find" | "replace" | null>(null);

  useEffect(() => {
    let last = changeStamp(book);
    let lastSelection = book.selection;
    const timer = setInterval(() => {
      const now = changeStamp(book);
      if (now === last) return;
      last = now;
      // The add-in selected a cell (e.g. "go to error"): show the page of rows that holds it.
      const selection = book.selection;
      if (selection && selection !== lastSelection) {
        setFirstRow((current) => pageStartFor(selection.rect.row, current));
      }
      lastSelection = selection;
      redraw();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [book]);

  useEffect(() => onShowTaskpane(() => setPaneOpen(true)), []);

  useEffect(() => {
    if (pane) pane.hidden = !paneOpen;
  }, [pane, paneOpen]);

  const sheets = visibleSheets(book);
  const active =
    book.activeSheet && sheets.includes(book.activeSheet) ? book.activeSheet : (sheets[0] ?? null);
  const page = active ? sheetWindow(active, firstRow) : null;

  return (
    <div
      className="workbook"
      onKeyDown={(event) => {
        const shortcut = findShortcut(event);
        if (!shortcut) return;
        event.preventDefault();
        setFinding(shortcut);
      }}
    >
      <Ribbon
        paneOpen={paneOpen}
        onTogglePane={() => setPaneOpen((open) => !open)}
        onCommandSettled={redraw}
      />
      {finding ? (
        <FindBar
          key={finding}
          book={book}
          replace={finding === "replace"}
          onClose={() => setFinding(null)}
          onChanged={redraw}
        />
      ) : null}
      <div className="grid-scroller">
        {active ? (
          <SheetGrid book={book} sheet={active} firstRow={page?.firstRow ?? 0} onEdited={redraw} />
        ) : null}
      </div>
      <footer className="workbook-footer">
        <SheetTabs
          sheets={sheets}
          active={active}
          onSelect={(sheet) => {
            book.activeSheet = sheet;
            setFirstRow(0);
            redraw();
          }}
        />
        {page && page.totalRows > PAGE_ROWS ? (
          <span className="paging">
            <button
              type="button"
              disabled={page.firstRow === 0}
              onClick={() => setFirstRow(Math.max(0, firstRow - PAGE_ROWS))}
            >
              Previous rows
            </button>
            rows {page.firstRow + 1}-{page.firstRow + page.rows} of {page.totalRows}
            <button
              type="button"
              disabled={page.firstRow + page.rows >= page.totalRows}
              onClick={() => setFirstRow(firstRow + PAGE_ROWS)}
            >
              Next rows
            </button>
          </span>
        ) : null}
        {onNewWorkbook ? (
          <button type="button" className="new-workbook" onClick={onNewWorkbook}>
            New workbook
          </button>
        ) : null}
      </footer>
    </div>
  );
}
