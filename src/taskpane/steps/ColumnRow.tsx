/**
 * One column of the file: its header, a few of its values, the field it goes to and how sure the
 * suggestion was; for a date or number field, how its text is written; for a picklist field, what
 * each unknown value becomes.
 */
import { Badge, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import type { ColumnSuggestion } from "../../workflows/column-mapping";
import {
  CONTACT_PREFIX,
  paneMessages as text,
  type FieldDef,
  type SheetDef,
} from "../../workflows/pane-types";
import { FieldReading, type Reading } from "./MapReading";
import { MapValues } from "./MapValues";

export interface ColumnRowProps {
  suggestion: ColumnSuggestion;
  choice: string | null;
  sheet: SheetDef;
  contacts: SheetDef | null;
  samples: readonly string[];
  /** The chosen field, when there is one. */
  field: FieldDef | undefined;
  reading: Reading;
  /** The column's values the chosen picklist field does not take as they are. */
  unmatched: readonly string[];
  options: readonly string[];
  valueMap: Readonly<Record<string, string>>;
  onChoose: (field: string | null) => void;
  onValueMap: (map: Record<string, string>) => void;
  /** Adds a value to the CRM's list (only when the user's role allows and the list is the organisation's). */
  onAdd?: ((value: string) => void) | undefined;
  busy?: boolean;
}

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  samples: { overflowWrap: "anywhere", color: tokens.colorNeutralForeground3 },
  select: { minWidth: 0, maxWidth: "100%" },
});

function StatusBadge(props: { suggestion: ColumnSuggestion; chosen: boolean }) {
  const { suggestion } = props;
  if (props.chosen) return null;
  if (suggestion.status === "ambiguous")
    return (
      <Badge color="warning" appearance="tint">
        {text.ambiguousColumn}
      </Badge>
    );
  if (suggestion.status === "unmapped")
    return (
      <Badge color="subtle" appearance="tint">
        {text.unmappedColumn}
      </Badge>
    );
  const pct = Math.round(suggestion.confidence * 100);
  return (
    <Badge color={pct >= 95 ? "success" : "informative"} appearance="tint">
      {text.confidence(pct)}
    </Badge>
  );
}

export function ColumnRow(props: ColumnRowProps) {
  const { suggestion, sheet, contacts, field } = props;
  const styles = useStyles();
  const chosenByUser = props.choice !== suggestion.field;
  const labelOf = (key: string) =>
    sheet.fields.find((f) => f.key === key)?.label ??
    contacts?.fields.find((f) => CONTACT_PREFIX + f.key === key)?.label ??
    key;
  const preferred = new Set(suggestion.candidates);
  return (
    <li className={styles.row}>
      <Field
        label={text.column(suggestion.header)}
        hint={<StatusBadge suggestion={suggestion} chosen={chosenByUser} />}
      >
        <Select
          className={styles.select}
          value={props.choice ?? ""}
          onChange={(_, d) => props.onChoose(d.value === "" ? null : d.value)}
        >
          <option value="">{text.ignore}</option>
          {suggestion.candidates.length > 1 ? (
            <optgroup label={text.ambiguousColumn}>
              {suggestion.candidates.map((k) => (
                <option key={`c-${k}`} value={k}>
                  {labelOf(k)}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={sheet.title}>
            {sheet.fields
              .filter((f) => !preferred.has(f.key))
              .map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
          </optgroup>
          {contacts ? (
            <optgroup label={contacts.title}>
              {contacts.fields
                .filter((f) => f.key !== "customer" && f.key !== "crmId")
                .map((f) => (
                  <option key={`contact-${f.key}`} value={CONTACT_PREFIX + f.key}>
                    {f.label}
                  </option>
                ))}
            </optgroup>
          ) : null}
        </Select>
      </Field>
      <Text size={200} className={styles.samples}>
        {props.samples.length ? text.samples(props.samples) : text.emptyColumn}
      </Text>
      {field && props.choice ? <FieldReading field={field} reading={props.reading} /> : null}
      {field && props.unmatched.length ? (
        <MapValues
          field={field}
          values={props.unmatched}
          options={props.options}
          map={props.valueMap}
          onChange={props.onValueMap}
          {...(props.onAdd ? { onAdd: props.onAdd } : {})}
          busy={props.busy ?? false}
        />
      ) : null}
    </li>
  );
}
