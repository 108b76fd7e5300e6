/**
 * An import's opening balances in History (Daftra's imported balances): each customer's amount,
 * currency, date and whether its entry stands or was reversed, a way to its ledger, and deleting
 * them all where the user may (an admin, or whoever ran the import), confirmed first.
 */
import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { balanceMessages as text, paneMessages, type ImportBalances } from "../../workflows/pane-types";
import { useActions } from "../actions-context";
import { useTask } from "../use-task";
import { ErrorBar, useStepStyles } from "../ui";

export function BalancesPart(props: { importId: string; onLedger: (customerId: string) => void }) {
  const actions = useActions();
  const styles = useStepStyles();
  const task = useTask();
  const { run } = task;
  const [balances, setBalances] = useState<ImportBalances | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const { importId } = props;

  const load = useCallback(
    () => run(async () => setBalances(await actions.importBalances(importId))),
    [actions, importId, run],
  );
  useEffect(() => void load(), [load]);

  const remove = () =>
    void run(async () => {
      const done = await actions.removeImportBalances(importId);
      setConfirming(false);
      setOutcome(text.removed(done.removed, done.reversed));
      setBalances(await actions.importBalances(importId));
    });

  const standing = balances?.items.filter((b) => b.state === "booked").length ?? 0;
  return (
    <section aria-label={text.balancesHeading} className={styles.step}>
      <Text as="h3" weight="semibold">
        {text.balancesHeading}
      </Text>
      <ErrorBar error={task.error} />
      {!balances && task.busy ? <Spinner size="tiny" label={paneMessages.busy} /> : null}
      {outcome ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{outcome}</MessageBarBody>
        </MessageBar>
      ) : null}
      {balances && !balances.items.length ? <Text>{text.noBalances}</Text> : null}
      {balances?.items.length ? (
        <ul className={styles.list}>
          {balances.items.map((b) => {
            const name = b.customerName ?? text.unnamedCustomer(b.customerId);
            return (
              <li key={b.entryId} className={styles.wrap}>
                <Text weight="semibold">{text.balanceLine(name, b.amount, b.currency, b.date)}</Text>{" "}
                {b.state === "reversed" ? <Badge appearance="outline">{text.reversedTag}</Badge> : null}
                <br />
                <Text size={200}>
                  {b.state === "booked" ? text.booked(b.paymentMethod) : text.reversed(b.reversedOn)}
                </Text>
                <br />
                <Button size="small" appearance="subtle" onClick={() => props.onLedger(b.customerId)}>
                  {text.showLedger(name)}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {balances && standing > 0 && !balances.canRemove ? <Text size={200}>{text.notAllowed}</Text> : null}
      {balances && standing > 0 && balances.canRemove && !confirming ? (
        <Button onClick={() => setConfirming(true)} disabled={task.busy}>
          {text.removeButton(standing)}
        </Button>
      ) : null}
      {confirming ? (
        <div role="group" aria-label={text.removeButton(standing)} className={styles.step}>
          <Text className={styles.wrap}>{text.removeConfirm}</Text>
          <div className={styles.row}>
            <Button appearance="primary" onClick={remove} disabled={task.busy}>
              {text.confirmRemove}
            </Button>
            <Button onClick={() => setConfirming(false)} disabled={task.busy}>
              {text.cancelRemove}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
