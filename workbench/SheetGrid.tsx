/**
 * The active sheet as a grid. Every cell carries data-address ("Customers!B5"), data-fill ("#RRGGBB"
 * or "") and data-note, so tests and people can read what the add-in painted. Typing and pasting go
 * through the simulator's userEdit, so the add-in's onChanged handlers see a user's edit. Arrow keys,
 * Tab and Enter move the selection as in Excel.
 */
import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import type { SimSheet, SimWorkbook } from "./excel-sim";
import { moveFor, parsePasted, pasteAddress } from "./grid-input";
import { cellBackground, cellView, columnLabel, sheetWindow, type CellView } from "./sheet-view";

export interface SheetGridProps {
  book: SimWorkbook;
  sheet: SimSheet;
  firstRow: number;
  onEdited: () => void;
}

interface Editing {
  address: string;
  text: string;
}

export function SheetGrid({ book, sheet, firstRow, onEdited }: SheetGridProps) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const view = sheetWindow(sheet, firstRow);
  const selected = book.selection?.sheet === sheet ? book.selection.rect : null;
  const rows = Array.from({ length: view.rows }, (_, i) => view.firstRow + i);
  const cols = Array.from({ length: view.cols }, (_, i) => i);

  // Keyboard focus follows the selected cell once an edit closes, so typing can go on.
  useEffect(() => {
    if (editing === null && !table.current?.contains(document.activeElement)) {
      table.current?.querySelector<HTMLElement>("td.selected")?.focus();
    }
  });

  // A cell selected by the add-in (or the keyboard) is scrolled into view.
  const selectedKey = selected ? `${sheet.name}!${selected.row},${selected.col}` : "";
  useEffect(() => {
    table.current?.querySelector("td.selected")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedKey]);

  /** Enter and then the input's blur would both commit: the second one finds the edit closed. */
  const open = useRef<string | null>(null);
  open.current = editing?.address ?? null;

  const commit = (address: string, text: string, then?: { key: string; shift: boolean }) => {
    if (editing !== null && open.current !== address) return;
    open.current = null;
    setEditing(null);
    const next = then && selected ? moveFor(then.key, then.shift, selected) : null;
    if (next) select(next.row, next.col);
    void book.userEdit(address, text).finally(onEdited);
  };
  const select = (row: number, col: number) => {
    book.activeSheet = sheet;
    book.selection = { sheet, rect: { row, col, rows: 1, cols: 1 } };
    onEdited();
  };
  /**
   * As in Excel: typing on a selected cell replaces it, F2 edits it, Delete clears it; arrows, Tab and
   * Enter move (Shift+Tab and Shift+Enter back). Enter on a cell with nothing typed moves down.
   */
  const onCellKey = (event: KeyboardEvent<HTMLTableCellElement>, cell: CellView) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const next = selected ? moveFor(event.key, event.shiftKey, selected) : null;
    if (next) select(next.row, next.col);
    else if (event.key === "F2") setEditing({ address: cell.address, text: cell.text });
    else if (event.key === "Delete" || event.key === "Backspace") commit(cell.address, "");
    else if (event.key.length === 1) setEditing({ address: cell.address, text: event.key });
    else return;
    event.preventDefault();
  };
  const onEditorKey = (event: KeyboardEvent<HTMLInputElement>, address: string) => {
    if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      commit(address, event.currentTarget.value, { key: event.key, shift: event.shiftKey });
    }
    if (event.key === "Escape") {
      open.current = null;
      setEditing(null);
    }
  };

  /** Ctrl+V of text copied from a spreadsheet: tab-separated columns, one row per line, from the selection. */
  const onPaste = (event: ClipboardEvent<HTMLTableElement>) => {
    if (editing !== null || !selected) return;
    const grid = parsePasted(event.clipboardData.getData("text/plain"));
    const address = pasteAddress(sheet, selected, grid);
    if (!address) return;
    event.preventDefault();
    void book.userEdit(address, grid).finally(onEdited);
  };

  const renderCell = (cell: CellView, row: number, col: number) => {
    const isSelected = selected !== null && selected.row === row && selected.col === col;
    const isEditing = editing?.address === cell.address;
    return (
      <td
        key={col}
        data-address={cell.address}
        data-fill={cell.fill}
        data-pattern={cell.pattern}
        data-note={cell.note}
        title={cell.note || undefined}
        className={[isSelected ? "selected" : "", cell.note ? "has-note" : ""].join(" ").trim() || undefined}
        style={{
          background: cellBackground(cell),
          color: cell.fontColor,
          fontWeight: cell.bold ? 600 : undefined,
        }}
        tabIndex={isSelected ? 0 : -1}
        onClick={(event) => {
          select(row, col);
          event.currentTarget.focus();
        }}
        onKeyDown={(event) => onCellKey(event, cell)}
        onDoubleClick={() => setEditing({ address: cell.address, text: cell.text })}
      >
        {isEditing ? (
          <input
            aria-label={`Edit ${cell.address}`}
            autoFocus
            defaultValue={editing.text}
            onFocus={(event) =>
              event.currentTarget.setSelectionRange(editing.text.length, editing.text.length)
            }
            onKeyDown={(event) => onEditorKey(event, cell.address)}
            onBlur={(event) => commit(cell.address, event.currentTarget.value)}
          />
        ) : cell.options ? (
          <select
            aria-label={`Choose ${cell.address}`}
            value={cell.options.includes(cell.text) ? cell.text : ""}
            onChange={(event) => commit(cell.address, event.currentTarget.value)}
          >
            <option value="">{cell.options.includes(cell.text) ? "" : cell.text}</option>
            {cell.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          cell.text
        )}
      </td>
    );
  };

  return (
    <table
      ref={table}
      className="sheet-grid"
      data-sheet={sheet.name}
      aria-label={`Sheet ${sheet.name}`}
      onPaste={onPaste}
    >
      <thead>
        <tr>
          <th aria-hidden="true" />
          {cols.map((col) => (
            <th key={col} scope="col" style={{ minWidth: columnWidth(sheet, col) }}>
              {columnLabel(col)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row}>
            <th scope="row">{row + 1}</th>
            {cols.map((col) => renderCell(cellView(book, sheet, row, col), row, col))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Excel widths are in points; the grid uses them as pixels, clamped so hidden columns stay clickable. */
function columnWidth(sheet: SimSheet, col: number): number {
  return sheet.hiddenColumns.has(col) ? 8 : Math.max(24, Math.min(sheet.columnWidth(col), 400));
}
