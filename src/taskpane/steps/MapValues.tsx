/**
 * A picklist column's values that are not among the field's options, each with the option it
 * becomes (as HubSpot and Flatfile do); a value left as it is stays an error the user can see.
 */
import { Button, Field, makeStyles, Select, tokens } from "@fluentui/react-components";
import { paneMessages as text, type FieldDef } from "../../workflows/pane-types";

export interface MapValuesProps {
  field: FieldDef;
  values: readonly string[];
  options: readonly string[];
  map: Readonly<Record<string, string>>;
  onChange: (map: Record<string, string>) => void;
  /** Given only when the user may add a value to the field's list in the CRM. */
  onAdd?: (value: string) => void;
  busy?: boolean;
}

const useStyles = makeStyles({
  group: {
    border: "none",
    margin: 0,
    padding: `0 0 0 ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteYellowBorder2}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  legend: { padding: 0, overflowWrap: "anywhere" },
  value: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
});

export function MapValues(props: MapValuesProps) {
  const styles = useStyles();
  const set = (value: string, option: string) => {
    const next = { ...props.map };
    if (option === "") delete next[value];
    else next[value] = option;
    props.onChange(next);
  };
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{text.valuesHeading(props.field.label, props.values.length)}</legend>
      {props.values.map((v) => (
        <div key={v} className={styles.value}>
          <Field label={text.valueBecomes(v)} size="small">
            <Select size="small" value={props.map[v] ?? ""} onChange={(_, d) => set(v, d.value)}>
              <option value="">{text.keepValue}</option>
              {props.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          </Field>
          {props.onAdd ? (
            <Button size="small" disabled={props.busy ?? false} onClick={() => props.onAdd?.(v)}>
              {text.addToCrmList(v)}
            </Button>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
