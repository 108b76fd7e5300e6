/** One column of the file: its header, the field it goes to, and how sure the suggestion was. */
import { Badge, Field, Select } from "@fluentui/react-components";
import type { ColumnSuggestion } from "../../workflows/column-mapping";
import { CONTACT_PREFIX, paneMessages as text, type SheetDef } from "../../workflows/pane-types";

export interface ColumnRowProps {
  suggestion: ColumnSuggestion;
  choice: string | null;
  sheet: SheetDef;
  contacts: SheetDef | null;
  onChoose: (field: string | null) => void;
}

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
  const { suggestion, sheet, contacts } = props;
  const chosenByUser = props.choice !== suggestion.field;
  const labelOf = (key: string) =>
    sheet.fields.find((f) => f.key === key)?.label ??
    contacts?.fields.find((f) => CONTACT_PREFIX + f.key === key)?.label ??
    key;
  const preferred = new Set(suggestion.candidates);
  return (
    <li>
      <Field
        label={text.column(suggestion.header)}
        hint={<StatusBadge suggestion={suggestion} chosen={chosenByUser} />}
      >
        <Select
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
    </li>
  );
}
