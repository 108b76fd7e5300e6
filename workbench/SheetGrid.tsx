/**
 * The active sheet as a grid. Every cell carries data-address ("Customers!B5"), data-fill ("#RRGGBB"
 * or "") and data-note, so tests and people can read what the add-in painted. Typing goes through the
 * simulator's userEdit, so the add-in's onChanged handlers see a user's edit.
 */
import { useState, type KeyboardEvent } from "react";
import type { SimSheet, SimWorkbook } from "./excel-sim";
import { cellView, columnLabel, sheetWindow, type CellView } from "./sheet-view";

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
  const view = sheetWindow(sheet, firstRow);
  const selected = book.selection?.sheet === sheet ? book.selection.rect : null;
  const rows = Array.from({ length: view.rows }, (_, i) => view.firstRow + i);
  const cols = Array.from({ length: view.cols }, (_, i) => i);

  const commit = (address: string, text: string) => {
    setEditing(null);
    void book.userEdit(address, text).finally(onEdited);
  };
  const select = (row: number, col: number) => {
    book.activeSheet = sheet;
    book.selection = { sheet, rect: { row, col, rows: 1, cols: 1 } };
    onEdited();
  };
  const onEditorKey = (event: KeyboardEvent<HTMLInputElement>, address: string) => {
    if (event.key === "Enter") commit(address, event.currentTarget.value);
    if (event.key === "Escape") setEditing(null);
  };

  const renderCell = (cell: CellView, row: number, col: number) => {
    const isSelected = selected !== null && selected.row === row && selected.col === col;
    const isEditing = editing?.address === cell.address;
    return (
      <td
        key={col}
        data-address={cell.address}
        data-fill={cell.fill}
        data-note={cell.note}
        title={cell.note || undefined}
        className={[isSelected ? "selected" : "", cell.note ? "has-note" : ""].join(" ").trim() || undefined}
        style={{
          background: cell.fill || undefined,
          color: cell.fontColor,
          fontWeight: cell.bold ? 600 : undefined,
        }}
        onClick={() => select(row, col)}
        onDoubleClick={() => setEditing({ address: cell.address, text: cell.text })}
      >
        {isEditing ? (
          <input
            aria-label={`Edit ${cell.address}`}
            autoFocus
            defaultValue={editing.text}
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
    <table className="sheet-grid" data-sheet={sheet.name} aria-label={`Sheet ${sheet.name}`}>
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
