/** Rows of the sheet under a heading, each with its reference and what became of it, and why. */
import { Text } from "@fluentui/react-components";
import type { RowResult } from "../../workflows/pane-types";
import { useStepStyles } from "../ui";

export function RowList(props: {
  heading: string;
  rows: readonly { ref: string; reason: string }[];
  /** Rows beyond those listed (the status column has them all). */
  more?: string | undefined;
}) {
  const styles = useStepStyles();
  return (
    <section aria-label={props.heading}>
      <Text as="h3" weight="semibold">
        {props.heading}
      </Text>
      <ul className={styles.list}>
        {props.rows.map((r) => (
          <li key={r.ref} className={styles.wrap}>
            <Text weight="semibold">{r.ref}</Text> <Text>{r.reason}</Text>
          </li>
        ))}
      </ul>
      {props.more ? <Text>{props.more}</Text> : null}
    </section>
  );
}

/** Rows the CRM did not take, each with its reference and reasons. */
export function FailureList(props: { heading: string; failures: readonly RowResult[] }) {
  const rows = props.failures.map((f) => ({
    ref: f.ref,
    reason: f.errors.map((e) => e.message).join(" ") || f.outcome,
  }));
  return <RowList heading={props.heading} rows={rows} />;
}
