/**
 * "Check this Excel": runs the host probes, shows pass/fail per probe with what was found, and copies
 * the report. Where copying is refused, the report is shown selected so Ctrl+C still works.
 */
import { Button, makeStyles, Spinner, Text, Textarea, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { countStatuses, formatDiagnosticsReport, type DiagnosticsReport } from "../../workflows/diagnostics";
import { diagnosticMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { copyText } from "../clipboard";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

const useStyles = makeStyles({
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  pass: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  fail: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  skipped: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
});

type CopyState = "idle" | "copied" | "byHand";

export function DiagnosticsStep() {
  const actions = useActions();
  const styles = { ...useStepStyles(), ...useStyles() };
  const task = useTask();
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [copy, setCopy] = useState<CopyState>("idle");
  const manual = useRef<HTMLTextAreaElement>(null);
  const reportText = report ? formatDiagnosticsReport(report, navigator.userAgent) : "";

  useEffect(() => {
    if (copy === "byHand") manual.current?.select();
  }, [copy]);

  const run = () =>
    void task.run(async () => {
      setCopy("idle");
      setReport(await actions.runDiagnostics());
    });
  const onCopy = () => void copyText(reportText).then((ok) => setCopy(ok ? "copied" : "byHand"));
  const counts = report ? countStatuses(report.results) : null;

  return (
    <StepFrame heading={text.heading}>
      <Text className={styles.wrap}>{text.intro}</Text>
      <Button appearance="primary" disabled={task.busy} onClick={run}>
        {report ? text.runAgain : text.run}
      </Button>
      {task.busy ? <Spinner size="tiny" label={text.running} /> : null}
      <ErrorBar error={task.error} />
      {report && counts ? (
        <>
          <Text role="status">{text.summary(counts.pass, counts.fail, counts.skipped)}</Text>
          <ul className={styles.list} aria-label={text.heading}>
            {report.results.map((r) => (
              <li key={r.id} className={styles.item} data-probe={r.id} data-status={r.status}>
                <Text>
                  <span className={styles[r.status]}>{text.status[r.status]}</span> {text.probes[r.id]}
                </Text>
                <Text size={200} className={styles.wrap}>
                  {r.detail}
                </Text>
              </li>
            ))}
          </ul>
          <Button onClick={onCopy}>{text.copy}</Button>
          {copy === "copied" ? <Text role="status">{text.copied}</Text> : null}
          {copy === "byHand" ? (
            <>
              <Text role="status">{text.copyByHand}</Text>
              <Textarea
                ref={manual}
                aria-label={text.reportLabel}
                readOnly
                resize="vertical"
                value={reportText}
                textarea={{ rows: 8 }}
              />
            </>
          ) : null}
        </>
      ) : null}
    </StepFrame>
  );
}
