/**
 * Download: a sheet's records from the CRM into its template sheet, with the count so far, Cancel
 * while they arrive, "waiting for the CRM" when it stalls, and what is where when it is done.
 */
import { Button, Field, ProgressBar, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { paneMessages as text, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { crmWaitOf } from "../format";
import { useLastMove } from "../use-last-move";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame } from "../ui";

export interface DownloadProps {
  sheet: SheetName;
  onDone: () => void;
  /** Told when the download starts and ends (a ribbon command waits for it; after it, it may go on). */
  onRunning?: (running: boolean) => void;
  /** The clock, injectable so tests can state the elapsed time. */
  now?: () => number;
}

type Outcome = { kind: "done"; count: number } | { kind: "cancelled" };

export function DownloadStep(props: DownloadProps) {
  const actions = useActions();
  const { progress, crmRetryAt, schema } = useStore();
  const task = useTask();
  const now = props.now ?? Date.now;
  const def = schema?.sheets[props.sheet];
  const noun = def?.nounPlural ?? props.sheet;
  const title = def?.title ?? props.sheet;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const done = progress?.rowsDone ?? 0;
  const movedAt = useLastMove(done, task.busy, now);

  const { run } = task;
  const { onRunning } = props;
  useEffect(() => {
    onRunning?.(task.busy);
    return () => onRunning?.(false);
  }, [task.busy, onRunning]);
  useEffect(() => {
    // One download per visit of this step, even if React runs the effect twice.
    if (controller.current) return;
    const abort = new AbortController();
    controller.current = abort;
    void run(async () => {
      try {
        setOutcome({ kind: "done", count: await actions.download(props.sheet, abort.signal) });
      } catch (e) {
        if (!abort.signal.aborted) throw e;
        setOutcome({ kind: "cancelled" });
      }
    });
  }, [actions, props.sheet, run]);

  const cancel = () => {
    setCancelling(true);
    controller.current?.abort();
  };

  if (outcome || (task.error && !task.busy))
    return (
      <StepFrame heading={text.downloadDoneHeading}>
        <ErrorBar error={task.error} />
        {outcome?.kind === "done" ? (
          <Text role="status">{text.downloadedInto(outcome.count, noun, title)}</Text>
        ) : null}
        {outcome?.kind === "cancelled" ? <Text role="status">{text.downloadCancelled}</Text> : null}
        <Button appearance="primary" onClick={props.onDone}>
          {text.done}
        </Button>
      </StepFrame>
    );

  const writing = progress?.phase === "writing";
  const total = progress?.rowsTotal ?? 0;
  const wait = !writing && !cancelling ? crmWaitOf(now(), crmRetryAt, movedAt) : null;
  return (
    <StepFrame heading={text.downloadHeading(noun)}>
      <Field
        label={text.downloadProgress}
        validationMessage={writing ? text.writing(done, total) : text.received(done, noun)}
        validationState="none"
      >
        {/* The CRM's pages carry no total: the bar moves without a fraction until the writing starts. */}
        <ProgressBar value={writing && total ? done / total : undefined} max={1} />
      </Field>
      {wait ? (
        <Text role="status">
          {wait.kind === "retry" ? text.waitingRetry(wait.seconds) : text.downloadWaiting(wait.seconds)}
        </Text>
      ) : null}
      {writing ? <Text>{text.writingNoCancel}</Text> : null}
      {cancelling ? <Text role="status">{text.downloadCancelling}</Text> : null}
      <Button onClick={cancel} disabled={cancelling || writing}>
        {text.cancel}
      </Button>
    </StepFrame>
  );
}
