/**
 * Map columns: for a sheet that is not our template, each column with a few of its values, its
 * suggested field and how sure we are; counts that follow the user's choices; two columns on one
 * field and required fields nobody maps said plainly; one row per person proposed by itself. The
 * mapping is kept beside the sheet (its headers stay as written) and optionally remembered.
 */
import {
  Button,
  Checkbox,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Text,
} from "@fluentui/react-components";
import type { SheetInspection } from "../../workflows/pane-actions";
import { paneMessages as text, sheetNames, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";
import { MapColumns } from "./MapColumns";
import { MapGrouping } from "./MapGrouping";
import { isEmptySheet, useMapState, type MapState } from "./MapStepState";

export interface MapProps {
  inspection: SheetInspection;
  onMapped: (sheets: string[], target: SheetName) => void;
}

const isSheetName = (v: string): v is SheetName => (sheetNames as readonly string[]).includes(v);

export function MapStep(props: MapProps) {
  if (isEmptySheet(props.inspection))
    return (
      <StepFrame heading={text.mapHeading(props.inspection.name)}>
        <MessageBar intent="warning">
          <MessageBarBody>{text.emptySheet(props.inspection.name)}</MessageBarBody>
        </MessageBar>
      </StepFrame>
    );
  return <MapForm {...props} />;
}

function MapForm(props: MapProps) {
  const { inspection } = props;
  const actions = useActions();
  const styles = useStepStyles();
  const task = useTask();
  const m = useMapState(inspection, task);
  if (!m.catalog) return <Spinner label={text.busy} />;
  const { catalog } = m;

  const apply = () =>
    void task.run(async () => {
      const chosen = choicesFor(m);
      if (m.save && m.firstRowIsHeader) await actions.saveMapping(m.headers, m.choices, chosen);
      const sheets = await actions.applyMapping({
        inspection,
        target: m.target,
        columns: m.choices,
        firstRowIsHeader: m.firstRowIsHeader,
        ...chosen,
        ...(m.grouping ? (m.groupKey === "keys" ? { groupBy: m.groupBy } : { groupColumn: m.groupKey }) : {}),
      });
      props.onMapped(sheets, m.target);
    });

  const blocked = m.missing.length > 0 || m.duplicates.length > 0;
  return (
    <StepFrame heading={text.mapHeading(inspection.name)}>
      <Field label={text.importAs}>
        <Select value={m.target} onChange={(_, d) => isSheetName(d.value) && m.setTarget(d.value)}>
          {sheetNames.map((s) => (
            <option key={s} value={s}>
              {catalog[s].title}
            </option>
          ))}
        </Select>
      </Field>
      <Switch
        label={text.firstRowHeader}
        checked={m.firstRowIsHeader}
        onChange={(_, d) => m.setFirstRowIsHeader(d.checked)}
      />
      {m.target === "customers" ? <MapGrouping state={m} /> : null}
      {m.suggestion?.fromSaved ? <Text>{text.savedMappingUsed}</Text> : null}
      <div role="status" aria-live="polite" className={styles.step}>
        {m.unmapped ? <Text>{text.unmapped(m.unmapped)}</Text> : null}
        {m.ambiguous ? <Text>{text.ambiguous(m.ambiguous)}</Text> : null}
      </div>
      {m.missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>{text.nothingToImport(m.missing.join(", "))}</MessageBarBody>
        </MessageBar>
      ) : null}
      {m.duplicates.map((d) => (
        <MessageBar key={d.field} intent="warning">
          <MessageBarBody>
            {text.duplicateTarget(m.fieldOf(d.field)?.label ?? d.field, d.headers)}
          </MessageBarBody>
        </MessageBar>
      ))}
      <MapColumns state={m} label={text.mapHeading(inspection.name)} />
      {m.firstRowIsHeader ? (
        <Field hint={text.saveMappingHint}>
          <Checkbox
            label={text.saveMapping}
            checked={m.save}
            onChange={(_, d) => m.setSave(d.checked === true)}
          />
        </Field>
      ) : null}
      <ErrorBar error={task.error} />
      <Button appearance="primary" disabled={task.busy || !m.suggestion || blocked} onClick={apply}>
        {text.applyMapping}
      </Button>
    </StepFrame>
  );
}

/**
 * The per-field choices to keep: the user's, else what was detected, for the fields now chosen.
 * Value maps only for values still in the file's columns.
 */
function choicesFor(m: MapState) {
  const dateOrders: Record<string, NonNullable<MapState["fieldChoices"]["dateOrders"][string]>> = {};
  const decimalMarks: Record<string, NonNullable<MapState["fieldChoices"]["decimalMarks"][string]>> = {};
  const valueMaps: Record<string, Record<string, string>> = {};
  m.columns.forEach((c) => {
    if (!c.choice) return;
    if (c.reading.dateOrder) dateOrders[c.choice] = c.reading.dateOrder;
    if (c.reading.decimalMark) decimalMarks[c.choice] = c.reading.decimalMark;
    if (Object.keys(c.valueMap).length) valueMaps[c.choice] = { ...c.valueMap };
  });
  return { dateOrders, decimalMarks, valueMaps };
}
