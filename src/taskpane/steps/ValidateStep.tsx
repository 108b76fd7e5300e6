/**
 * Validate: the sheet checked and marked by the workflow; here its counts, its problems grouped by
 * message, and a way to walk from one error cell to the next.
 */
import { Badge, Button, Link, Radio, RadioGroup, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ValidationReport } from "../../workflows/pane-actions";
import { duplicateChoices, paneMessages as text, type DuplicateChoice } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { Counts, ErrorBar, StepFrame, useStepStyles } from "../ui";

export interface ValidateProps {
  sheet: string;
  onContinue: () => void;
}

/** Every error cell listed, in the report's order: the path for next / previous. */
export const errorCellsOf = (report: ValidationReport): string[] =>
  report.byMessage.filter((g) => g.severity === "error").flatMap((g) => g.cells);

export function ValidateStep(props: ValidateProps) {
  const actions = useActions();
  const styles = useStepStyles();
  const task = useTask();
  const [report, setReport] = useState<ValidationReport | null>(null);
  const [at, setAt] = useState(-1);
  const { run } = task;

  const validate = useCallback(
    () =>
      void run(async () => {
        setReport(await actions.validate(props.sheet));
        setAt(-1);
      }),
    [actions, props.sheet, run],
  );
  useEffect(validate, [validate]);
  // A choice for the in-file duplicates is kept with the sheet's import options and validated at
  // once, so the statuses say what Import will do with every row of the groups.
  const choose = (choice: DuplicateChoice) =>
    void run(async () => {
      setReport(await actions.validate(props.sheet, choice));
      setAt(-1);
    });

  const errorCells = useMemo(() => (report ? errorCellsOf(report) : []), [report]);
  const goTo = (address: string) => void run(() => actions.selectCell(address));
  const step = (delta: number) => {
    if (errorCells.length === 0) return;
    const next = (at + delta + errorCells.length) % errorCells.length;
    setAt(next);
    goTo(errorCells[next]!);
  };

  return (
    <StepFrame heading={text.validateHeading(props.sheet)}>
      <ErrorBar error={task.error} />
      {task.busy && !report ? <Spinner label={text.busy} /> : null}
      {report ? (
        <>
          <Counts
            items={[
              [text.rows, report.rows],
              [text.ready, report.ready],
              ...(report.checkedWithCrm ? [[text.willBeSkipped, report.skip] as const] : []),
              [text.withErrors, report.errorRows],
              [text.withWarnings, report.warningRows],
            ]}
          />
          {report.inFileDuplicates ? (
            <InFileDuplicates {...report.inFileDuplicates} disabled={task.busy} onChoose={choose} />
          ) : null}
          {errorCells.length ? (
            <div className={styles.row}>
              <Button onClick={() => step(-1)} aria-label={text.previousError}>
                {text.previousError}
              </Button>
              <Button onClick={() => step(1)} aria-label={text.nextError}>
                {text.nextError}
              </Button>
              <Text role="status">{at >= 0 ? text.errorPosition(at + 1, errorCells.length) : ""}</Text>
            </div>
          ) : null}
          {report.byMessage.length === 0 ? (
            <Text>{text.noErrors}</Text>
          ) : (
            <MessageGroups report={report} onCell={goTo} />
          )}
          <div className={styles.row}>
            <Button onClick={validate} disabled={task.busy}>
              {text.validate}
            </Button>
            <Button
              appearance="primary"
              onClick={props.onContinue}
              disabled={task.busy || report.ready === 0}
            >
              {text.continueToOptions}
            </Button>
          </div>
        </>
      ) : null}
    </StepFrame>
  );
}

function MessageGroups(props: { report: ValidationReport; onCell: (address: string) => void }) {
  const styles = useStepStyles();
  return (
    <section aria-label={text.errorsByMessage}>
      <Text as="h3" weight="semibold">
        {text.errorsByMessage}
      </Text>
      <ul className={styles.list}>
        {props.report.byMessage.map((g) => (
          <li key={`${g.severity}|${g.message}`} className={styles.wrap}>
            <Badge appearance="tint" color={g.severity === "error" ? "danger" : "warning"}>
              {text.severity[g.severity]}
            </Badge>{" "}
            <Text weight="semibold">{g.count}</Text> <Text>{g.message}</Text>{" "}
            <span className={styles.row}>
              {g.cells.map((address) => (
                <Link
                  key={address}
                  as="button"
                  onClick={() => props.onCell(address)}
                  aria-label={text.goToCell(address)}
                >
                  {address.slice(address.lastIndexOf("!") + 1)}
                </Link>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const isChoice = (v: string): v is DuplicateChoice => (duplicateChoices as readonly string[]).includes(v);

/** Rows of the sheet that repeat each other on a match key: import the first, merge, or import all. */
function InFileDuplicates(props: {
  groups: number;
  rows: number;
  choice: DuplicateChoice | null;
  disabled: boolean;
  onChoose: (choice: DuplicateChoice) => void;
}) {
  const label = text.inFileDuplicates(props.groups, props.rows);
  return (
    <RadioGroup
      aria-label={label}
      value={props.choice ?? ""}
      disabled={props.disabled}
      onChange={(_, d) => isChoice(d.value) && props.onChoose(d.value)}
    >
      <Text weight="semibold">{label}</Text>
      {duplicateChoices.map((c) => (
        <Radio key={c} value={c} label={text.inFileDuplicateChoices[c]} />
      ))}
    </RadioGroup>
  );
}
