/** Rows the CRM did not take, each with its reference and reasons. */
import { Text } from "@fluentui/react-components";
import type { RowResult } from "../../workflows/pane-types";
import { useStepStyles } from "../ui";

export function FailureList(props: { heading: string; failures: readonly RowResult[] }) {
  const styles = useStepStyles();
  return (
    <section aria-label={props.heading}>
      <Text as="h3" weight="semibold">
        {props.heading}
      </Text>
      <ul className={styles.list}>
        {props.failures.map((f) => (
          <li key={f.ref} className={styles.wrap}>
            <Text weight="semibold">{f.ref}</Text>{" "}
            <Text>{f.errors.map((e) => e.message).join(" ") || f.outcome}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
