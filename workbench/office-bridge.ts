/**
 * The workbench runs office.js outside Office: Office.onReady resolves with host null and Excel is
 * undefined. This module puts the simulator in Excel's place and records the ribbon functions that the
 * commands bundle registers, so the workbench ribbon can call them the way Excel would.
 */
import { displayDialogAsync } from "./dialog-bridge";
import { installExcelGlobals, type SimWorkbook } from "./excel-sim";

export type CommandHandler = (event: Office.AddinCommands.Event) => unknown;

const registered = new Map<string, CommandHandler>();

/**
 * Wraps Office.actions.associate so every registration is also recorded here. Must run before the
 * commands bundle: workbench.html loads this entry first.
 */
export function recordAssociations(office: typeof Office): void {
  const associate = office.actions.associate.bind(office.actions);
  office.actions.associate = (name: string, handler: CommandHandler) => {
    registered.set(name, handler);
    associate(name, handler);
  };
}

export function registeredCommands(): string[] {
  return [...registered.keys()];
}

/**
 * Calls a ribbon function as Excel does: with an event whose completed() ends the command. Resolves
 * when the handler calls completed(); rejects if it throws or its promise rejects before that.
 */
export function runCommand(name: string, buttonId: string): Promise<void> {
  const handler = registered.get(name);
  if (!handler)
    return Promise.reject(new Error(`No function "${name}" is registered with Office.actions.associate.`));
  return new Promise<void>((resolve, reject) => {
    const event: Office.AddinCommands.Event = { source: { id: buttonId }, completed: () => resolve() };
    try {
      Promise.resolve(handler(event)).catch(reject);
    } catch (error) {
      reject(error);
    }
  });
}

const paneShowers = new Set<() => void>();

/** The workbench's pane opens when a ribbon command asks Office to show it. */
export function onShowTaskpane(listener: () => void): () => void {
  paneShowers.add(listener);
  return () => paneShowers.delete(listener);
}

/**
 * `Office.addin.showAsTaskpane` (SharedRuntime 1.1) as the workbench's: it opens the pane beside the
 * grid. Outside Office, office.js has no shared runtime to ask, so the bridge answers instead.
 */
export function installTaskpaneControl(office: typeof Office): void {
  const showAsTaskpane = async (): Promise<void> => {
    for (const show of paneShowers) show();
  };
  const addin: object = (office as { addin?: object }).addin ?? {};
  Object.defineProperty(addin, "showAsTaskpane", { value: showAsTaskpane, configurable: true });
  if (!(office as { addin?: object }).addin)
    Object.defineProperty(office, "addin", { value: addin, configurable: true });
}

/**
 * Makes the simulator the global Excel. office.js's own Office object is kept (it carries
 * Office.actions and onReady); only its empty context gains the simulator's requirement checks,
 * because outside Office `Office.context.requirements` is missing and feature checks would throw,
 * and dialogs (`ui.displayDialogAsync`) as popup windows.
 */
export function installSimulator(book: SimWorkbook): void {
  const scope = globalThis as unknown as { Office?: typeof Office };
  const real = scope.Office;
  installExcelGlobals(book);
  logFailedBatches();
  if (!real) return;
  scope.Office = real;
  const requirements = {
    isSetSupported: (name: string, version?: string) => hostSupports(book, name, version),
  };
  const context: object = real.context ?? {};
  try {
    // The requirement checks, and sign-in dialogs as popup windows (dialog-bridge.ts); both again
    // once office.js is ready, which may have replaced its context (without either) meanwhile.
    const install = () => {
      const target: object = real.context ?? context;
      Object.defineProperty(target, "requirements", { value: requirements, configurable: true });
      Object.defineProperty(target, "ui", { value: { displayDialogAsync }, configurable: true });
    };
    install();
    if (!real.context) Object.defineProperty(real, "context", { value: context, configurable: true });
    void real.onReady(() => install());
  } catch {
    // A frozen context: the pane's guarded feature checks then report the set as unsupported.
  }
}

/**
 * The workbench runs the pane and the ribbon's functions in one page, as Excel's shared runtime does,
 * so it answers SharedRuntime 1.1 too; ExcelApi is the simulator's to say.
 */
export function hostSupports(book: SimWorkbook, name: string, version = "1.1"): boolean {
  if (name.toLowerCase() === "sharedruntime") return version === "1.1" || version === "1.0";
  return book.isSetSupported(name, version);
}

/**
 * The add-in turns unexpected errors into a friendly message; the workbench also writes the original
 * error of every failed Excel.run batch to the console, where a developer or a test can read it.
 */
function logFailedBatches(): void {
  const excel = (globalThis as unknown as { Excel: { run: (...args: unknown[]) => Promise<unknown> } }).Excel;
  const run = excel.run;
  excel.run = (...args: unknown[]) =>
    run(...args).catch((error: unknown) => {
      console.error("Excel.run failed in the simulator:", error);
      throw error;
    });
}
