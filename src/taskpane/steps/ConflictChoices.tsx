/**
 * The conflicts of an import (issue 18): per row, each differing field with the user's value beside
 * the CRM's, and Keep mine / Take theirs. A settled row leaves the list.
 */
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { ConflictChoice, ConflictView } from "../../workflows/pane-actions";
import { paneMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";

const useStyles = makeStyles({
  list: { listStyleType: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  row: { display: "grid", gap: tokens.spacingVerticalXS, minWidth: 0 },
  fields: { width: "100%", tableLayout: "fixed", borderCollapse: "collapse", margin: 0 },
  head: {
    textAlign: "start",
    fontWeight: tokens.fontWeightSemibold,
    paddingInlineEnd: tokens.spacingHorizontalS,
  },
  value: {
    overflowWrap: "anywhere",
    minWidth: 0,
    textAlign: "start",
    verticalAlign: "top",
    fontWeight: tokens.fontWeightRegular,
    paddingInlineEnd: tokens.spacingHorizontalS,
  },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export function ConflictChoices(props: { conflicts: readonly ConflictView[] }) {
  const actions = useActions();
  const styles = useStyles();
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyOf = (c: ConflictView) => `${c.sheet}!${c.row}`;
  const open = props.conflicts.filter((c) => !settled.has(keyOf(c)));
  if (props.conflicts.length === 0) return null;
  const choose = async (c: ConflictView, choice: ConflictChoice) => {
    setBusy(keyOf(c));
    setError(null);
    try {
      await actions.resolveConflict(c, choice);
      setSettled((s) => new Set([...s, keyOf(c)]));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-label={text.conflictsHeading}>
      <Text as="h3" weight="semibold">
        {text.conflictsHeading}
      </Text>
      {error ? <Text role="alert">{error}</Text> : null}
      {open.length === 0 ? <Text>{text.conflictsSettled}</Text> : null}
      <ul className={styles.list}>
        {open.map((c) => (
          <li key={keyOf(c)} className={styles.row} aria-label={text.conflictRow(c.name, c.row + 1)}>
            <Text weight="semibold">{text.conflictRow(c.name, c.row + 1)}</Text>
            {/* A table, not a <dl>: the Field / Yours / The CRM's headers are column headers (axe). */}
            <table className={styles.fields}>
              <thead>
                <tr>
                  <th scope="col" className={styles.head}>
                    {text.conflictField}
                  </th>
                  <th scope="col" className={styles.head}>
                    {text.conflictMine}
                  </th>
                  <th scope="col" className={styles.head}>
                    {text.conflictTheirs}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.fields.map((f) => (
                  <tr key={f.key}>
                    <th scope="row" className={styles.value}>
                      {f.label}
                    </th>
                    <td className={styles.value} data-side="mine">
                      {f.mine || text.conflictEmpty}
                    </td>
                    <td className={styles.value} data-side="theirs">
                      {f.theirs || text.conflictEmpty}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className={styles.buttons}>
              <Button disabled={busy !== null} onClick={() => void choose(c, "keepMine")}>
                {text.keepMine}
              </Button>
              <Button disabled={busy !== null} onClick={() => void choose(c, "takeTheirs")}>
                {text.takeTheirs}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
