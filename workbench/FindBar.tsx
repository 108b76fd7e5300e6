/**
 * Find and replace (Ctrl+F, Ctrl+H) over the active sheet's values. Replacing is a user's edit, so the
 * add-in's change handlers see it as typing.
 */
import { useState, type KeyboardEvent } from "react";
import type { SimWorkbook } from "./excel-sim";
import { findNext, replaceAll, replaceCell } from "./grid-input";

export interface FindBarProps {
  book: SimWorkbook;
  replace: boolean;
  onClose: () => void;
  onChanged: () => void;
}

export function FindBar({ book, replace, onClose, onChanged }: FindBarProps) {
  const [query, setQuery] = useState("");
  const [replacement, setReplacement] = useState("");
  const [status, setStatus] = useState("");
  const sheet = book.activeSheet;

  const selected = () => (book.selection?.sheet === sheet ? book.selection?.rect : undefined) ?? null;
  const next = () => {
    if (!sheet) return;
    const found = findNext(book, sheet, query, selected());
    if (!found) {
      setStatus(`No cell contains "${query}".`);
      return;
    }
    book.selection = { sheet, rect: { ...found, rows: 1, cols: 1 } };
    setStatus("");
    onChanged();
  };
  const replaceOne = async () => {
    const at = selected();
    if (sheet && at && (await replaceCell(book, sheet, at, query, replacement))) onChanged();
    next();
  };
  const replaceEvery = async () => {
    if (!sheet) return;
    const changed = await replaceAll(book, sheet, query, replacement);
    setStatus(changed === 1 ? "Replaced 1 cell." : `Replaced ${changed} cells.`);
    onChanged();
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") onClose();
    if (event.key === "Enter") next();
  };

  return (
    <div className="find-bar" role="search" aria-label={replace ? "Find and replace" : "Find"}>
      <label>
        Find what{" "}
        <input autoFocus value={query} onChange={(e) => setQuery(e.currentTarget.value)} onKeyDown={onKey} />
      </label>
      {replace ? (
        <label>
          Replace with{" "}
          <input
            value={replacement}
            onChange={(e) => setReplacement(e.currentTarget.value)}
            onKeyDown={onKey}
          />
        </label>
      ) : null}
      <button type="button" onClick={next} disabled={!query}>
        Find next
      </button>
      {replace ? (
        <>
          <button type="button" onClick={() => void replaceOne()} disabled={!query}>
            Replace
          </button>
          <button type="button" onClick={() => void replaceEvery()} disabled={!query}>
            Replace all
          </button>
        </>
      ) : null}
      <button type="button" onClick={onClose}>
        Close
      </button>
      <output role="status">{status}</output>
    </div>
  );
}
