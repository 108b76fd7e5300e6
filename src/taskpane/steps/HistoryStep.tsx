/** History: the organisation's past imports, newest first; one opens to show its failed rows. */
import { Badge, Button, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { ImportHistoryDetail } from "../../workflows/pane-actions";
import { paneMessages as text, revertMessages, type ImportSummary } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { formatWhen } from "../format";
import { useStore } from "../use-store";
import { useTask } from "../use-task";
import { Counts, ErrorBar, StepFrame, useStepStyles } from "../ui";
import { BalancesPart } from "./BalancesPart";
import { FailureList } from "./FailureList";
import { ReportButton } from "./ReportButton";
import { ConflictList } from "./RevertStep";

/** Who ran an import, by name (the id only when the CRM did not give one). */
const whoOf = (i: ImportSummary): string => i.createdByName ?? i.createdBy;

/** What was imported: the file or sheet it came from, else the CRM sheet's title. */
function useWhatOf(): (i: ImportSummary) => string {
  const { schema } = useStore();
  return (i) => i.source ?? schema?.sheets[i.sheet].title ?? i.sheet;
}

export function HistoryStep(props: { onOpen: (importId: string) => void }) {
  const actions = useActions();
  const styles = useStepStyles();
  const whatOf = useWhatOf();
  const task = useTask();
  const [items, setItems] = useState<ImportSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const { run } = task;

  const load = useCallback(
    (after?: string) =>
      void run(async () => {
        const page = await actions.listImports(after);
        setItems((old) => (after && old ? [...old, ...page.items] : page.items));
        setNext(page.next);
      }),
    [actions, run],
  );
  useEffect(() => load(), [load]);

  return (
    <StepFrame heading={text.historyHeading}>
      <ErrorBar error={task.error} />
      {task.busy && !items ? <Spinner label={text.busy} /> : null}
      {items && items.length === 0 ? <Text>{text.noImports}</Text> : null}
      <ul className={styles.list}>
        {items?.map((i) => {
          const when = formatWhen(i.createdAt);
          return (
            <li key={i.id}>
              {/* The name is the visible text after a hidden "Open the import of ...", so what a
                  speech user says and what a screen reader reads match what is shown (axe's
                  label-content-name-mismatch). */}
              <Button appearance="subtle" className={styles.entry} onClick={() => props.onOpen(i.id)}>
                <span className={styles.srOnly}>{`${text.openImport(when)}: `}</span>
                <span className={styles.step}>
                  <Text weight="semibold" className={styles.wrap}>
                    {whatOf(i)} {i.dryRun ? <Badge appearance="outline">{text.dryRunTag}</Badge> : null}
                    {!i.dryRun && i.status === "open" ? (
                      <Badge appearance="outline" color="warning">
                        {text.notFinishedTag}
                      </Badge>
                    ) : null}
                    {i.resumes ? (
                      <Badge appearance="outline" color="informative">
                        {text.resumedTag}
                      </Badge>
                    ) : null}
                  </Text>
                  <Text size={200}>{text.importWhen(when, whoOf(i))}</Text>
                  <Text size={200}>
                    {text.importCounts(
                      i.counts.created,
                      i.counts.updated,
                      i.counts.failed + i.counts.conflict,
                    )}
                  </Text>
                </span>
              </Button>
            </li>
          );
        })}
      </ul>
      {next ? (
        <Button onClick={() => load(next)} disabled={task.busy}>
          {text.loadMore}
        </Button>
      ) : null}
    </StepFrame>
  );
}

export function ImportDetailStep(props: {
  importId: string;
  onRevert?: (detail: ImportHistoryDetail) => void;
  onLedger?: (customerId: string) => void;
}) {
  const actions = useActions();
  const task = useTask();
  const whatOf = useWhatOf();
  const styles = useStepStyles();
  const [detail, setDetail] = useState<ImportHistoryDetail | null>(null);
  const { run } = task;
  useEffect(
    () => void run(async () => setDetail(await actions.openImport(props.importId))),
    [actions, props.importId, run],
  );

  if (!detail) return task.error ? <ErrorBar error={task.error} /> : <Spinner label={text.busy} />;
  const when = formatWhen(detail.createdAt);
  const c = detail.counts;
  return (
    <StepFrame heading={`${whatOf(detail)}: ${text.importWhen(when, whoOf(detail))}`}>
      {detail.dryRun ? <Badge appearance="outline">{text.dryRunTag}</Badge> : null}
      {!detail.dryRun && detail.status === "open" ? (
        <Text className={styles.wrap}>{text.notFinished(whatOf(detail))}</Text>
      ) : null}
      {detail.resumes ? <Text className={styles.wrap}>{text.resumedNote(detail.resumes)}</Text> : null}
      <Counts
        items={[
          [text.counts.created, c.created],
          [text.counts.updated, c.updated],
          [text.counts.unchanged, c.unchanged],
          [text.counts.skipped, c.skipped],
          [text.counts.failed, c.failed],
          [text.counts.conflict, c.conflict],
        ]}
      />
      <ReportButton importId={detail.id} />
      {detail.failures.length ? (
        <FailureList heading={text.failuresHeading} failures={detail.failures} />
      ) : (
        <Text>{text.noFailures}</Text>
      )}
      {detail.sheet === "customers" && !detail.dryRun ? (
        <BalancesPart importId={detail.id} onLedger={props.onLedger ?? (() => undefined)} />
      ) : null}
      <RevertPart detail={detail} onRevert={props.onRevert} />
    </StepFrame>
  );
}

/** The import's revert, when one ran, and the button that starts one. */
function RevertPart(props: {
  detail: ImportHistoryDetail;
  onRevert?: ((d: ImportHistoryDetail) => void) | undefined;
}) {
  const { detail, onRevert } = props;
  const revert = detail.revert;
  const revertible =
    !detail.dryRun && detail.status === "finished" && detail.counts.created + detail.counts.updated > 0;
  return (
    <>
      {revert ? (
        <>
          <Badge appearance="filled">{revertMessages.historyTag(revert.status)}</Badge>
          <Counts
            items={(["deleted", "restored", "reversed", "conflict"] as const).map(
              (k) => [revertMessages.countLabels[k], revert.counts[k]] as const,
            )}
          />
          <ConflictList rows={revert.conflicts} />
        </>
      ) : null}
      {revertible && onRevert ? (
        <Button onClick={() => onRevert(detail)}>{revertMessages.revertButton}</Button>
      ) : null}
    </>
  );
}
