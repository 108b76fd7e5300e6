/**
 * A customer's ledger: its accounting entries oldest first, each with its debit or credit on the
 * receivable and the balance after it. The customer comes from an import's balances, or from the
 * sheet's selected row, or a CRM ID typed here.
 */
import { Button, Field, Input, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { CustomerLedger } from "../../workflows/pane-actions";
import { balanceMessages as text } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { ErrorBar, StepFrame, useStepStyles } from "../ui";

export function LedgerStep(props: { customerId?: string | undefined }) {
  const actions = useActions();
  const styles = useStepStyles();
  const task = useTask();
  const { run } = task;
  const [ledger, setLedger] = useState<CustomerLedger | null>(null);
  const [typed, setTyped] = useState("");

  const show = useCallback(
    (id: () => Promise<string>) =>
      void run(async () => {
        setLedger(null);
        setLedger(await actions.customerLedger(await id()));
      }),
    [actions, run],
  );
  const { customerId } = props;
  useEffect(() => {
    if (customerId) show(() => Promise.resolve(customerId));
  }, [customerId, show]);

  const who = ledger ? (ledger.name ?? ledger.customerId) : null;
  return (
    <StepFrame heading={who ? text.ledgerHeading(who) : text.ledgerMenu}>
      {!customerId ? (
        <div className={styles.step}>
          <Button onClick={() => show(() => actions.selectedCustomerId())} disabled={task.busy}>
            {text.selectedRow}
          </Button>
          <form
            className={styles.row}
            onSubmit={(e) => {
              e.preventDefault();
              const id = typed.trim();
              if (id) show(() => Promise.resolve(id));
            }}
          >
            <Field label={text.customerId}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} />
            </Field>
            <Button type="submit" disabled={task.busy || !typed.trim()}>
              {text.showLedgerOf}
            </Button>
          </form>
        </div>
      ) : null}
      <ErrorBar error={task.error} />
      {task.busy ? <Spinner size="tiny" label={text.ledgerBusy} /> : null}
      {ledger && !ledger.rows.length ? <Text>{text.noEntries}</Text> : null}
      {ledger?.rows.length ? (
        <ul className={styles.list} aria-label={text.ledgerHeading(who!)}>
          {ledger.rows.map((r) => (
            <li key={r.id} className={styles.wrap}>
              <Text weight="semibold">{text.entryLine(r.date, r.memo)}</Text>
              <br />
              <Text size={200}>
                {text.debitCredit(r.debit, r.credit, ledger.currency)} ·{" "}
                {text.runningBalance(r.balance, ledger.currency)}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
    </StepFrame>
  );
}
