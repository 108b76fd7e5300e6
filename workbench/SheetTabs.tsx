/** The visible sheets' tabs; the active one is the simulator's active sheet. */
import type { SimSheet } from "./excel-sim";

export interface SheetTabsProps {
  sheets: SimSheet[];
  active: SimSheet | null;
  onSelect: (sheet: SimSheet) => void;
}

export function SheetTabs({ sheets, active, onSelect }: SheetTabsProps) {
  return (
    <nav className="sheet-tabs" role="tablist" aria-label="Sheets">
      {sheets.map((sheet) => (
        <button
          key={sheet.id}
          type="button"
          role="tab"
          data-sheet={sheet.name}
          aria-selected={sheet === active}
          style={sheet.tabColor ? { borderBottomColor: sheet.tabColor } : undefined}
          onClick={() => onSelect(sheet)}
        >
          {sheet.name}
        </button>
      ))}
    </nav>
  );
}
