/** Start: what to do with the workbook - make templates, download, check a sheet, open a CSV file. */
import { Button, Checkbox, Divider, Spinner, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { SheetInspection } from "../../workflows/pane-actions";
import { paneMessages as text, sheetNames, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";
import { CsvPicker } from "./CsvPicker";

export interface StartProps {
  onSheet: (inspection: SheetInspection) => void;
  onHistory: () => void;
  /** The download of a sheet's records runs on its own step, with progress and Cancel. */
  onDownload: (sheet: SheetName) => void;
  onSignedOut: () => void;
}

export function StartStep(props: StartProps) {
  const actions = useActions();
  const styles = useStepStyles();
  const { schema } = useStore();
  const task = useTask();
  const [sheets, setSheets] = useState<SheetName[]>([...sheetNames]);
  const titleOf = (s: SheetName) => schema?.sheets[s].title ?? s;
  const toggle = (s: SheetName, on: boolean) =>
    setSheets((old) =>
      on ? sheetNames.filter((n) => n === s || old.includes(n)) : old.filter((n) => n !== s),
    );

  const useActive = () =>
    void task.run(async () => {
      const inspection = await actions.inspectSheet();
      props.onSheet(inspection);
    });
  const signOut = () =>
    void task.run(async () => {
      await actions.signOut();
      props.onSignedOut();
    });

  return (
    <StepFrame heading={text.startHeading}>
      <div className={styles.row}>
        {schema ? <Text className={styles.wrap}>{text.connectedTo(schema.organisation.name)}</Text> : null}
        <Button size="small" onClick={signOut} disabled={task.busy}>
          {text.signOut}
        </Button>
      </div>
      <ErrorBar error={task.error} />
      {task.busy ? <Spinner size="tiny" label={text.busy} /> : null}
      <fieldset className={styles.group}>
        <legend>{text.newTemplateSheets}</legend>
        {sheetNames.map((s) => (
          <Checkbox
            key={s}
            label={titleOf(s)}
            checked={sheets.includes(s)}
            onChange={(_, d) => toggle(s, d.checked === true)}
          />
        ))}
        <Button
          disabled={task.busy || sheets.length === 0}
          onClick={() => void task.run(() => actions.newTemplate(sheets))}
        >
          {text.createTemplates}
        </Button>
      </fieldset>
      <Divider />
      <fieldset className={styles.group}>
        <legend>{text.downloadFromCrm}</legend>
        {sheetNames.map((s) => (
          <Button key={s} disabled={task.busy} onClick={() => props.onDownload(s)}>
            {text.downloadSheet(schema?.sheets[s].nounPlural ?? s)}
          </Button>
        ))}
      </fieldset>
      <Divider />
      <Button appearance="primary" disabled={task.busy} onClick={useActive}>
        {text.useActiveSheet}
      </Button>
      <Divider />
      <fieldset className={styles.group}>
        <legend>{text.openCsv}</legend>
        <CsvPicker busy={task.busy} run={task.run} onOpened={props.onSheet} />
      </fieldset>
      <Divider />
      <Button appearance="subtle" onClick={props.onHistory}>
        {text.history}
      </Button>
    </StepFrame>
  );
}
