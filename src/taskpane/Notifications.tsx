/**
 * What the workflows told the user, as message bars: also what a ribbon command reported while the
 * pane was closed, since those notifications wait in the shared store.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { dismiss } from "../workflows/store";
import { paneMessages as text } from "../workflows/pane-types";
import { useStore } from "./use-store";

const useStyles = makeStyles({
  bars: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function Notifications() {
  const { notifications } = useStore();
  const styles = useStyles();
  if (notifications.length === 0) return null;
  return (
    <div className={styles.bars} aria-live="polite">
      {notifications.map((n) => (
        <MessageBar key={n.id} intent={n.level} layout="multiline">
          <MessageBarBody>{n.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                aria-label={text.dismiss}
                onClick={() => dismiss(n.id)}
              >
                ×
              </Button>
            }
          />
        </MessageBar>
      ))}
    </div>
  );
}
