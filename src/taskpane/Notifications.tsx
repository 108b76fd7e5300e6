/**
 * The pane's one status area: the latest word per topic (a sheet, the connection, the ribbon), as
 * message bars. Also what a ribbon command reported while the pane was closed, since notifications
 * wait in the shared store. Successes expire there; errors stay until dismissed or replaced. The
 * region is always in the page, so a screen reader announces each new message (an ARIA live region
 * must exist before its content changes).
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
  bars: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  /** A 31-letter sheet name in a message wraps inside the bar instead of widening a 320 px pane. */
  bar: { minWidth: 0, maxWidth: "100%" },
  body: { minWidth: 0, overflowWrap: "anywhere" },
});

export function Notifications() {
  const { notifications } = useStore();
  const styles = useStyles();
  return (
    <div className={styles.bars} role="status" aria-live="polite" aria-label={text.statusArea}>
      {notifications.map((n) => (
        <MessageBar
          key={n.id}
          className={styles.bar}
          intent={n.level}
          layout="multiline"
          data-topic={n.topic}
        >
          <MessageBarBody className={styles.body}>{n.text}</MessageBarBody>
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
