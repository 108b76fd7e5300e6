/**
 * What signing in needs from Office besides the workbook: a dialog that shows the CRM's sign-in page
 * (`Office.context.ui.displayDialogAsync`; the page answers with `messageParent`), and storage
 * partitioned for the add-in, for the refresh token: `OfficeRuntime.storage` where the shared runtime
 * has it, else the browser's localStorage, which Office partitions per add-in. Never the workbook:
 * its settings travel with the file to whoever receives it. And a CRM page (an import's report)
 * opened in the user's browser.
 */
import { officeIsSetSupported, type IsSetSupported } from "./runner";

/** Secrets kept for this add-in and this user, outside any workbook. */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export type DialogOutcome =
  | { kind: "message"; message: string }
  /** The user closed the dialog. */
  | { kind: "closed" }
  | { kind: "failed"; code: number; message: string };

export interface AddinHost {
  storage: SecretStore;
  /** Opens `url` (on the add-in's own origin) in a dialog; resolves with its first message or its end. */
  openDialog(url: string): Promise<DialogOutcome>;
  /** The add-in's own origin: the sign-in page the CRM returns to lives there. */
  origin: string;
  /** Opens `url` (a page of the CRM) in the user's browser, outside the pane. */
  openBrowser(url: string): void;
}

interface RuntimeStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** OfficeRuntime is a global of Office's shared runtime only (no typings in @types/office-js). */
function runtimeStorage(): RuntimeStorage | null {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: RuntimeStorage } }).OfficeRuntime;
  return runtime?.storage ?? null;
}

export const officeStorage: SecretStore = {
  get: async (key) => runtimeStorage()?.getItem(key) ?? localStorage.getItem(key),
  set: async (key, value) => {
    const runtime = runtimeStorage();
    if (runtime) await runtime.setItem(key, value);
    else localStorage.setItem(key, value);
  },
  remove: async (key) => {
    const runtime = runtimeStorage();
    if (runtime) await runtime.removeItem(key);
    localStorage.removeItem(key);
  },
};

/** Office's dialog error codes (learn.microsoft.com: "Errors and events in the Office dialog box"). */
const DIALOG_CLOSED = 12006;

export function openOfficeDialog(url: string): Promise<DialogOutcome> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      url,
      { height: 70, width: 35, promptBeforeOpen: false },
      (opened) => {
        if (opened.status === Office.AsyncResultStatus.Failed) {
          resolve({ kind: "failed", code: opened.error.code, message: opened.error.message });
          return;
        }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          resolve("message" in arg ? { kind: "message", message: arg.message } : { kind: "closed" });
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          const code = "error" in arg ? arg.error : DIALOG_CLOSED;
          resolve(
            code === DIALOG_CLOSED ? { kind: "closed" } : { kind: "failed", code, message: String(code) },
          );
        });
      },
    );
  });
}

/**
 * A page in the user's browser: `Office.context.ui.openBrowserWindow` where Office has it
 * (OpenBrowserWindowApi 1.1: Excel on Windows, Mac and iPad, whose pane is a webview that may not
 * open windows of its own), else `window.open` (Excel on the web, where the pane is a frame of the
 * browser, and the workbench).
 */
export function openInBrowser(url: string, isSetSupported: IsSetSupported = officeIsSetSupported): void {
  if (isSetSupported("OpenBrowserWindowApi", "1.1")) Office.context.ui.openBrowserWindow(url);
  else window.open(url, "_blank", "noopener");
}

export const officeHost = (): AddinHost => ({
  storage: officeStorage,
  openDialog: openOfficeDialog,
  origin: globalThis.location?.origin ?? "",
  openBrowser: (url) => openInBrowser(url),
});
