/**
 * `Office.context.ui.displayDialogAsync` for the workbench, where office.js runs outside Office and
 * has no dialogs: the dialog is a popup window, and what its page sends (`postMessage` to its opener,
 * from this origin only, see src/excel/auth-dialog.ts) arrives as Office's DialogMessageReceived. A
 * popup the user closes arrives as DialogEventReceived 12006, as in Office.
 */
import { POPUP_MESSAGE } from "../src/excel/auth-dialog";

type Handler = (
  arg: { message: string; origin: string | undefined } | { error: number; type: string },
) => void;

const DIALOG_CLOSED = 12006;
/** Office's code when the browser blocked the dialog's window. */
const POPUP_BLOCKED = 12009;
const CLOSED_POLL_MS = 250;

export function displayDialogAsync(
  url: string,
  options: unknown,
  callback?: (result: Office.AsyncResult<Office.Dialog>) => void,
): void {
  const done = typeof options === "function" ? (options as typeof callback) : callback;
  const popup = window.open(url, "crm-sign-in", "popup,width=480,height=640");
  if (!popup) {
    done?.({
      status: Office.AsyncResultStatus.Failed,
      error: { code: POPUP_BLOCKED, message: "The browser blocked the sign-in window.", name: "Error" },
    } as Office.AsyncResult<Office.Dialog>);
    return;
  }
  const handlers = new Map<Office.EventType | string, Handler>();
  let finished = false;
  const finish = () => {
    finished = true;
    window.removeEventListener("message", onMessage);
    clearInterval(watch);
  };
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; message?: unknown } | null;
    if (event.source !== popup || event.origin !== window.location.origin || data?.type !== POPUP_MESSAGE)
      return;
    handlers.get(Office.EventType.DialogMessageReceived)?.({
      message: String(data.message),
      origin: event.origin,
    });
  };
  window.addEventListener("message", onMessage);
  const watch = setInterval(() => {
    if (!popup.closed || finished) return;
    finish();
    handlers.get(Office.EventType.DialogEventReceived)?.({
      error: DIALOG_CLOSED,
      type: "dialogEventReceived",
    });
  }, CLOSED_POLL_MS);
  const dialog = {
    addEventHandler: (type: Office.EventType | string, handler: Handler) => void handlers.set(type, handler),
    close: () => {
      finish();
      popup.close();
    },
    messageChild: () => undefined,
    sendMessage: () => undefined,
  };
  done?.({
    status: Office.AsyncResultStatus.Succeeded,
    value: dialog as unknown as Office.Dialog,
  } as Office.AsyncResult<Office.Dialog>);
}
