/**
 * Map columns: for a sheet that is not our template, each column's suggested field with its
 * confidence; unmatched and ambiguous columns called out; the choice applied and optionally saved.
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
import { useEffect, useMemo, useState } from "react";
import {
  headersOf,
  missingRequired,
  suggestMapping,
  type MappingSuggestion,
} from "../../workflows/column-mapping";
import type { SheetInspection } from "../../workflows/pane-actions";
import { catalogOf, paneMessages as text, sheetNames, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";
import { ColumnRow } from "./ColumnRow";
import { MatchKeyChoices } from "./MatchKeyChoices";

export interface MapProps {
  inspection: SheetInspection;
  onMapped: (sheets: string[], target: SheetName) => void;
}

const isSheetName = (v: string): v is SheetName => (sheetNames as readonly string[]).includes(v);

export function MapStep(props: MapProps) {
  const { inspection } = props;
  const actions = useActions();
  const styles = useStepStyles();
  const { schema } = useStore();
  const task = useTask();
  const [target, setTarget] = useState<SheetName>(inspection.ours ?? "customers");
  const [firstRowIsHeader, setFirstRowIsHeader] = useState(true);
  const [perContact, setPerContact] = useState(false);
  const [groupBy, setGroupBy] = useState<string[][]>(() => schema?.defaultMatchKeys.customers ?? [["name"]]);
  const [suggestion, setSuggestion] = useState<MappingSuggestion | null>(null);
  const [choices, setChoices] = useState<(string | null)[]>([]);
  const [save, setSave] = useState(true);
  const catalog = useMemo(() => (schema ? catalogOf(schema) : null), [schema]);
  const headers = useMemo(
    () => headersOf(inspection.firstRow, firstRowIsHeader),
    [inspection, firstRowIsHeader],
  );
  const grouping = perContact && target === "customers";

  useEffect(() => {
    if (!catalog) return;
    let live = true;
    void task.run(async () => {
      const saved = firstRowIsHeader ? await actions.loadSavedMapping(headers) : undefined;
      const next = suggestMapping(headers, catalog[target], {
        saved,
        ...(grouping ? { contacts: catalog.contacts } : {}),
        // The values decide too: a proposal its column's values contradict is not made.
        rows: firstRowIsHeader ? inspection.rows : [inspection.firstRow, ...inspection.rows],
        picklists: schema?.picklists ?? {},
      });
      if (!live) return;
      setSuggestion(next);
      setChoices(next.columns.map((c) => c.field));
    });
    return () => {
      live = false;
    };
  }, [actions, catalog, headers, target, grouping, firstRowIsHeader, task.run, inspection, schema]);

  if (!catalog) return <Spinner label={text.busy} />;
  const sheet = catalog[target];
  const missing = missingRequired(sheet, choices);
  const unmapped = suggestion?.columns.filter((c) => c.status === "unmapped").length ?? 0;
  const ambiguous = suggestion?.columns.filter((c) => c.status === "ambiguous").length ?? 0;

  const apply = () =>
    void task.run(async () => {
      if (save && firstRowIsHeader) await actions.saveMapping(headers, choices);
      const sheets = await actions.applyMapping({
        inspection,
        target,
        columns: choices,
        firstRowIsHeader,
        ...(grouping ? { groupBy } : {}),
      });
      props.onMapped(sheets, target);
    });

  return (
    <StepFrame heading={text.mapHeading(inspection.name)}>
      <Field label={text.importAs}>
        <Select value={target} onChange={(_, d) => isSheetName(d.value) && setTarget(d.value)}>
          {sheetNames.map((s) => (
            <option key={s} value={s}>
              {catalog[s].title}
            </option>
          ))}
        </Select>
      </Field>
      <Switch
        label={text.firstRowHeader}
        checked={firstRowIsHeader}
        onChange={(_, d) => setFirstRowIsHeader(d.checked)}
      />
      {target === "customers" ? (
        <Checkbox
          label={text.oneRowPerContact}
          checked={perContact}
          onChange={(_, d) => setPerContact(d.checked === true)}
        />
      ) : null}
      {grouping && schema ? (
        <MatchKeyChoices
          legend={text.groupBy}
          sheet={sheet}
          choices={schema.matchKeyChoices.customers}
          selected={groupBy}
          onChange={setGroupBy}
        />
      ) : null}
      {suggestion?.fromSaved ? <Text>{text.savedMappingUsed}</Text> : null}
      <div role="status" className={styles.step}>
        {unmapped ? <Text>{text.unmapped(unmapped)}</Text> : null}
        {ambiguous ? <Text>{text.ambiguous(ambiguous)}</Text> : null}
      </div>
      {missing.length ? (
        <MessageBar intent="warning">
          <MessageBarBody>{text.requiredMissing(missing.join(", "))}</MessageBarBody>
        </MessageBar>
      ) : null}
      <ul className={styles.list} aria-label={text.mapHeading(inspection.name)}>
        {suggestion?.columns.map((c, i) => (
          <ColumnRow
            key={`${c.column}-${c.header}`}
            suggestion={c}
            choice={choices[i] ?? null}
            sheet={sheet}
            contacts={grouping ? catalog.contacts : null}
            onChoose={(field) => setChoices((old) => old.map((v, k) => (k === i ? field : v)))}
          />
        ))}
      </ul>
      {firstRowIsHeader ? (
        <Checkbox label={text.saveMapping} checked={save} onChange={(_, d) => setSave(d.checked === true)} />
      ) : null}
      <ErrorBar error={task.error} />
      <Button appearance="primary" disabled={task.busy || !suggestion} onClick={apply}>
        {text.applyMapping}
      </Button>
    </StepFrame>
  );
}
