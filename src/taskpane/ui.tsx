/** Small pieces every step uses: the step's frame with its heading, and a failure shown as a bar. */
import { makeStyles, MessageBar, MessageBarBody, Subtitle1, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

export const useStepStyles = makeStyles({
  step: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: "none",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(64px, 1fr))",
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  count: { display: "flex", flexDirection: "column", margin: 0 },
  figure: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  wrap: { overflowWrap: "anywhere", minWidth: 0 },
  /** A list entry that is a button: as wide as the pane at most, its text wrapping, read from the start. */
  entry: {
    maxWidth: "100%",
    minWidth: 0,
    justifyContent: "flex-start",
    textAlign: "start",
    height: "auto",
    overflowWrap: "anywhere",
  },
  /** Read by screen readers, not shown: the start of a control's name whose visible text follows. */
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  /** A fieldset that groups controls for screen readers without the browser's box. */
  group: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
});

export function StepFrame(props: { heading: string; children: ReactNode }) {
  const styles = useStepStyles();
  return (
    <section className={styles.step} aria-label={props.heading}>
      <Subtitle1 as="h2" className={styles.wrap}>
        {props.heading}
      </Subtitle1>
      {props.children}
    </section>
  );
}

export function ErrorBar(props: { error: string | null }) {
  if (!props.error) return null;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>{props.error}</MessageBarBody>
    </MessageBar>
  );
}

/** Figures shown as a description list: term and number, readable by screen readers as pairs. */
export function Counts(props: { items: readonly (readonly [string, number])[] }) {
  const styles = useStepStyles();
  return (
    <dl className={styles.counts}>
      {props.items.map(([label, n]) => (
        <div key={label} className={styles.count}>
          <dt>{label}</dt>
          <dd className={styles.figure}>{n.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
