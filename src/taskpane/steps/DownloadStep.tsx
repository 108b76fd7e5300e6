/**
 * Download: a sheet's records from the CRM into its template sheet, with the count so far, Cancel
 * while they arrive, "waiting for the CRM" when it stalls, and what is where when it is done. When
 * the sheet holds rows not yet imported or edited since download, it asks first what to do with
 * them (merge around them, a new sheet, or replace them), and nothing starts until the user chose.
 */
import { Button, Field, ProgressBar, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { DownloadChoice, DownloadRisk } from "../../workflows/pane-actions";
import { paneMessages as text, type SheetName } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { crmWaitOf } from "../format";
import { useLastMove } from "../use-last-move";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

export interface DownloadProps {
  sheet: SheetName;
  onDone: () => void;
  /** Told when the download starts and ends (a ribbon command waits for it; after it, it may go on). */
  onRunning?: (running: boolean) => void;
  /** The clock, injectable so tests can state the elapsed time. */
  now?: () => number;
}

type Outcome =
  | { kind: "done"; count: number; sheet: string; kept: { unsent: number; edited: number } }
  | { kind: "cancelled" };

export function DownloadStep(props: DownloadProps) {
  const actions = useActions();
  const { progress, crmRetryAt, schema } = useStore();
  const task = useTask();
  const now = props.now ?? Date.now;
  const def = schema?.sheets[props.sheet];
  const noun = def?.nounPlural ?? props.sheet;
  const styles = useStepStyles();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** The sheet's unsent and edited rows, while the user has not chosen what happens to them. */
  const [ask, setAsk] = useState<DownloadRisk | null>(null);
  const checked = useRef(false);
  const [started, setStarted] = useState(false);
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
  const start = useCallback(
    async (choice: DownloadChoice) => {
      // One download per visit of this step, even if React runs the effect twice.
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      setAsk(null);
      setStarted(true);
      try {
        setOutcome({ kind: "done", ...(await actions.download(props.sheet, abort.signal, choice)) });
      } catch (e) {
        if (!abort.signal.aborted) throw e;
        setOutcome({ kind: "cancelled" });
      }
    },
    [actions, props.sheet],
  );
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    void run(async () => {
      const risk = await actions.downloadRisk(props.sheet);
      // Nothing of the user's to lose: the download replaces the sheet's rows, as it always did.
      if (risk.unsent + risk.edited === 0) await start("replace");
      else setAsk(risk);
    });
  }, [actions, props.sheet, run, start]);

  const cancel = () => {
    setCancelling(true);
    controller.current?.abort();
  };

  if (outcome || (task.error && !task.busy))
    return (
      <StepFrame heading={text.downloadDoneHeading}>
        <ErrorBar error={task.error} />
        {outcome?.kind === "done" ? (
          <Text role="status">{text.downloadedInto(outcome.count, noun, outcome.sheet)}</Text>
        ) : null}
        {outcome?.kind === "done" && outcome.kept.unsent + outcome.kept.edited > 0 ? (
          <Text>{text.keptRows(outcome.kept)}</Text>
        ) : null}
        {outcome?.kind === "cancelled" ? <Text role="status">{text.downloadCancelled}</Text> : null}
        <Button appearance="primary" onClick={props.onDone}>
          {text.done}
        </Button>
      </StepFrame>
    );

  if (ask)
    return (
      <StepFrame heading={text.downloadChoiceHeading(ask.sheet)}>
        <Text>{text.downloadChoiceIntro(ask)}</Text>
        <div className={styles.step} role="group" aria-label={text.downloadChoiceHeading(ask.sheet)}>
          <Choice
            label={text.mergeAround}
            hint={text.mergeAroundHint(noun)}
            primary
            onPick={() => void run(() => start("merge"))}
          />
          <Choice
            label={text.downloadNewSheet}
            hint={text.downloadNewSheetHint(ask.sheet)}
            onPick={() => void run(() => start("newSheet"))}
          />
          <Choice
            label={text.replaceRows}
            hint={text.replaceRowsHint(ask)}
            onPick={() => void run(() => start("replace"))}
          />
        </div>
        <Button onClick={props.onDone}>{text.cancel}</Button>
      </StepFrame>
    );
  if (!started) return <Spinner label={text.busy} />;

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

/** One way of downloading over the user's rows: its button, and what it does in a sentence. */
function Choice(props: { label: string; hint: string; primary?: boolean; onPick: () => void }) {
  const styles = useStepStyles();
  return (
    <div className={styles.step}>
      <Button appearance={props.primary ? "primary" : "secondary"} onClick={props.onPick}>
        {props.label}
      </Button>
      <Text size={200}>{props.hint}</Text>
    </div>
  );
}
