/**
 * Revert an import: a dry run first (what would be deleted, restored, and which rows changed since),
 * then the revert with progress and a Cancel that stops after the batch in flight.
 */
import { Button, Field, ProgressBar, Spinner, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { RevertReport } from "../../workflows/pane-actions";
import { revertMessages as text, type RevertRow, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

export interface RevertProps {
  importId: string;
  sheet: SheetName;
  /** The import's created and updated rows. */
  total: number;
}

export function RevertStep(props: RevertProps) {
  const actions = useActions();
  const task = useTask();
  const [preview, setPreview] = useState<RevertReport | null>(null);
  const [result, setResult] = useState<RevertReport | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const { run } = task;

  useEffect(
    () => void run(async () => setPreview(await actions.previewRevert(props.importId))),
    [actions, props.importId, run],
  );

  const start = () => {
    const abort = new AbortController();
    controller.current = abort;
    setDone(0);
    void run(async () =>
      setResult(await actions.revertImport(props.importId, props.sheet, abort.signal, setDone)),
    );
  };
  const cancel = () => {
    setCancelling(true);
    controller.current?.abort();
  };

  if (result) return <Outcome result={result} total={props.total} error={task.error} />;
  if (done !== null)
    return (
      <StepFrame heading={text.revertHeading}>
        <Field label={text.progress(done, props.total)} validationState="none">
          <ProgressBar value={props.total ? done / props.total : undefined} max={1} />
        </Field>
        <ErrorBar error={task.error} />
        {task.busy ? (
          <Button onClick={cancel} disabled={cancelling}>
            {text.cancel}
          </Button>
        ) : null}
      </StepFrame>
    );
  return (
    <StepFrame heading={text.revertHeading}>
      <ErrorBar error={task.error} />
      {!preview ? task.busy ? <Spinner label={text.checking} /> : null : <Preview report={preview} />}
      {preview && preview.done > 0 ? (
        <Button appearance="primary" onClick={start} disabled={task.busy}>
          {text.start}
        </Button>
      ) : null}
    </StepFrame>
  );
}

function Preview(props: { report: RevertReport }) {
  const { report } = props;
  if (report.done === 0) return <Text>{text.nothingToRevert}</Text>;
  return (
    <>
      <Text role="status">{text.preview(report.counts)}</Text>
      <ConflictList rows={report.conflicts} />
    </>
  );
}

function Outcome(props: { result: RevertReport; total: number; error: string | null }) {
  const { result } = props;
  return (
    <StepFrame heading={text.revertHeading}>
      <Text role="status">
        {result.cancelled
          ? text.cancelled(result.done, props.total)
          : text.done(result.counts, result.marked)}
      </Text>
      <ErrorBar error={props.error} />
      <ConflictList rows={result.conflicts} />
    </StepFrame>
  );
}

/** The rows a revert leaves as they are, each with its reason. */
export function ConflictList(props: { rows: readonly RevertRow[] }) {
  const styles = useStepStyles();
  if (!props.rows.length) return null;
  return (
    <section aria-label={text.conflictsHeading}>
      <Text as="h3" weight="semibold">
        {text.conflictsHeading}
      </Text>
      <ul className={styles.list}>
        {props.rows.map((r) => (
          <li key={r.ref} className={styles.wrap}>
            <Text>{text.conflictRow(r.ref, r.message ?? "")}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
