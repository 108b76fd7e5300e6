/** The file's columns, one ColumnRow each, fed from the Map step's state. */
import { useStepStyles } from "../ui";
import { ColumnRow } from "./ColumnRow";
import type { MapState } from "./MapStepState";

export function MapColumns(props: { state: MapState; label: string }) {
  const m = props.state;
  const styles = useStepStyles();
  if (!m.catalog || !m.suggestion) return null;
  const sheet = m.catalog[m.target];
  return (
    <ul className={styles.list} aria-label={props.label}>
      {m.suggestion.columns.map((c, i) => {
        const col = m.columns[i];
        if (!col) return null;
        return (
          <ColumnRow
            key={`${c.column}-${c.header}`}
            suggestion={c}
            choice={col.choice}
            sheet={sheet}
            contacts={m.grouping ? m.catalog!.contacts : null}
            samples={col.samples}
            field={col.field}
            reading={col.reading}
            unmatched={col.unmatched}
            options={col.options}
            valueMap={col.valueMap}
            onChoose={(field) => m.choose(i, field)}
            onValueMap={col.onValueMap}
            onAdd={col.onAdd}
          />
        );
      })}
    </ul>
  );
}
