/**
 * Import: the rows sent in batches by the workflow; here the progress (rows, rate, time left), a
 * Cancel that stops after the batch in flight, and the summary with the rows that failed.
 */
import { Button, Field, ProgressBar, Text } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { ImportSummaryView, PaneImportOptions } from "../../workflows/pane-actions";
import { paneMessages as text, type RowResult } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import type { QueuedSheet } from "../flow";
import { crmWaitOf, rateOf, secondsLeftOf } from "../format";
import { useLastMove } from "../use-last-move";
import { useStore } from "../use-store";
import { ConflictChoices } from "./ConflictChoices";
import { useTask } from "../use-task";
import { Counts, ErrorBar, StepFrame, useStepStyles } from "../ui";
import { FailureList, RowList } from "./FailureList";
import { ReportButton } from "./ReportButton";

export interface ImportProps {
  options: PaneImportOptions;
  queue: QueuedSheet[];
  onNext: (queue: QueuedSheet[]) => void;
  onDone: () => void;
  /** The clock, injectable so tests can state the elapsed time. */
  now?: () => number;
}

export function ImportStep(props: ImportProps) {
  const actions = useActions();
  const styles = useStepStyles();
  const { progress, crmRetryAt } = useStore();
  const task = useTask();
  const now = props.now ?? Date.now;
  const [summary, setSummary] = useState<ImportSummaryView | null>(null);
  const [failures, setFailures] = useState<RowResult[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const startedAt = useRef(now());
  const { run } = task;
  const done = progress?.rowsDone ?? 0;
  const movedAt = useLastMove(done, task.busy, now);

  useEffect(() => {
    // One import per visit of this step, even if React runs the effect twice.
    if (controller.current) return;
    const abort = new AbortController();
    controller.current = abort;
    startedAt.current = now();
    void run(async () => {
      const result = await actions.importSheet(props.options, abort.signal);
      setSummary(result);
      if (result.importId && result.failed + result.conflict > 0)
        setFailures((await actions.openImport(result.importId)).failures);
    });
  }, [actions, props.options, run, now]);

  const cancel = () => {
    setCancelling(true);
    controller.current?.abort();
  };

  if (summary) return <Summary summary={summary} failures={failures} error={task.error} {...props} />;
  const total = progress?.rowsTotal ?? 0;
  const rate = rateOf(done, startedAt.current, now());
  const wait = task.busy && !cancelling ? crmWaitOf(now(), crmRetryAt, movedAt) : null;
  const left = wait ? null : (progress?.secondsLeft ?? secondsLeftOf(done, total, rate));
  return (
    <StepFrame heading={text.importHeading}>
      <Field label={text.progressLabel} validationMessage={text.rowsOf(done, total)} validationState="none">
        <ProgressBar value={total ? done / total : undefined} max={1} />
      </Field>
      <div className={styles.row} role="status">
        {rate ? <Text>{text.rate(rate)}</Text> : null}
        {left !== null ? <Text>{text.timeLeft(left)}</Text> : null}
        {wait ? (
          <Text>
            {wait.kind === "retry" ? text.waitingRetry(wait.seconds) : text.waitingAnswer(wait.seconds)}
          </Text>
        ) : null}
      </div>
      <ErrorBar error={task.error} />
      {cancelling ? <Text role="status">{text.cancelling}</Text> : null}
      {task.busy ? (
        <Button onClick={cancel} disabled={cancelling}>
          {text.cancel}
        </Button>
      ) : (
        <Button onClick={props.onDone}>{text.done}</Button>
      )}
    </StepFrame>
  );
}

function Summary(
  props: ImportProps & { summary: ImportSummaryView; failures: RowResult[]; error: string | null },
) {
  const { summary } = props;
  const styles = useStepStyles();
  const counts = (Object.keys(text.counts) as (keyof typeof text.counts)[])
    .filter(
      (k) => (summary[k] ?? 0) > 0 || k === "created" || k === "updated" || k === "skipped" || k === "failed",
    )
    .map((k) => [text.counts[k], summary[k] ?? 0] as const);
  const [next, ...rest] = props.queue;
  return (
    <StepFrame heading={summary.noAnswer ? text.summaryStoppedHeading : text.summaryHeading}>
      <Counts items={counts} />
      {summary.noAnswer ? <Text className={styles.wrap}>{text.noAnswerNote}</Text> : null}
      <ErrorBar error={props.error} />
      {props.failures.length ? <FailureList heading={text.failedRows} failures={props.failures} /> : null}
      {summary.skippedRows?.length ? (
        <RowList
          heading={text.skippedRows}
          rows={summary.skippedRows}
          more={
            summary.skipped > summary.skippedRows.length
              ? text.moreRows(summary.skipped - summary.skippedRows.length)
              : undefined
          }
        />
      ) : null}
      {summary.conflicts?.length ? <ConflictChoices conflicts={summary.conflicts} /> : null}
      {summary.importId ? <ReportButton importId={summary.importId} /> : null}
      <div className={styles.row}>
        {next ? (
          <Button appearance="primary" onClick={() => props.onNext([next, ...rest])}>
            {text.continueWith(next.sheet)}
          </Button>
        ) : null}
        <Button appearance={next ? "secondary" : "primary"} onClick={props.onDone}>
          {text.done}
        </Button>
      </div>
    </StepFrame>
  );
}
