/**
 * One row per contact person: proposed by itself when the file looks like it (companies repeating
 * across rows), with the column to group by; any column may be the key, the source system's
 * organisation id included, or the customer match keys.
 */
import { Checkbox, Field, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { paneMessages as text } from "../../workflows/pane-types";
import { MatchKeyChoices } from "./MatchKeyChoices";
import type { MapState } from "./MapStepState";

export function MapGrouping(props: { state: MapState }) {
  const m = props.state;
  const proposed = m.proposal !== null ? m.headers[m.proposal] : undefined;
  return (
    <>
      {proposed !== undefined && m.perContact ? (
        <MessageBar intent="info">
          <MessageBarBody>{text.groupingProposed(proposed)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Checkbox
        label={text.oneRowPerContact}
        checked={m.perContact}
        onChange={(_, d) => m.setPerContact(d.checked === true)}
      />
      {m.grouping ? (
        <Field label={text.groupBy}>
          <Select
            value={String(m.groupKey)}
            onChange={(_, d) => m.setGroupKey(d.value === "keys" ? "keys" : Number(d.value))}
          >
            <option value="keys">{text.groupByMatchKeys}</option>
            {m.headers.map((h, i) => (
              <option key={`${i}-${h}`} value={String(i)}>
                {text.groupByColumn(h)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {m.grouping && m.groupKey === "keys" && m.schema && m.catalog ? (
        <MatchKeyChoices
          legend={text.groupByMatchKeys}
          sheet={m.catalog.customers}
          choices={m.schema.matchKeyChoices.customers}
          selected={m.groupBy}
          onChange={m.setGroupBy}
        />
      ) : null}
    </>
  );
}
