/** Match keys as checkboxes: each choice is one or more fields that together identify a record. */
import { Checkbox } from "@fluentui/react-components";
import type { SheetDef } from "../../workflows/pane-types";
import { useStepStyles } from "../ui";

export interface MatchKeyChoicesProps {
  legend: string;
  sheet: SheetDef;
  choices: readonly string[][];
  selected: readonly string[][];
  onChange: (keys: string[][]) => void;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

export function MatchKeyChoices(props: MatchKeyChoicesProps) {
  const styles = useStepStyles();
  const labelOf = (key: readonly string[]) =>
    key.map((k) => props.sheet.fields.find((f) => f.key === k)?.label ?? k).join(" + ");
  const isOn = (key: readonly string[]) => props.selected.some((s) => same(s, key));
  const toggle = (key: string[], on: boolean) =>
    props.onChange(props.choices.filter((c) => (same(c, key) ? on : isOn(c))));
  return (
    <fieldset className={styles.group}>
      <legend>{props.legend}</legend>
      {props.choices.map((key) => (
        <Checkbox
          key={key.join("+")}
          label={labelOf(key)}
          checked={isOn(key)}
          onChange={(_, d) => toggle(key, d.checked === true)}
        />
      ))}
    </fieldset>
  );
}
