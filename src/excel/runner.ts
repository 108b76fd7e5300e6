/**
 * How src/excel reaches Excel: every function takes an injected runner (production: Excel.run; tests:
 * the simulator's runner) and a feature check, so nothing here touches a global it cannot replace.
 */
/** The Excel.RunOptions we use (delayForCellEdit: ExcelApi 1.11, ignored by older hosts). */
export interface RunOptions {
  delayForCellEdit?: boolean;
}

export type ExcelRunner = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options?: RunOptions,
) => Promise<T>;
export type IsSetSupported = (name: string, version: string) => boolean;

export interface ExcelEnv {
  run: ExcelRunner;
  isSetSupported: IsSetSupported;
  /**
   * The user's locale (BCP 47, "en-US"), for what a sheet does not settle itself: the day/month order
   * of a date that reads two ways. Absent or null: unknown.
   */
  locale?: () => string | null;
}

export const officeRunner: ExcelRunner = (batch, options) =>
  options ? Excel.run(options, batch) : Excel.run(batch);

/** Office.context.requirements throws outside Office (workbench, tests): no Office means no feature. */
export function officeIsSetSupported(name: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/**
 * The user's locale as Office knows it: the document's editing language, else Office's display
 * language, else the browser's (the workbench, and hosts that leave both empty).
 */
export function officeLocale(): string | null {
  let office: string | undefined;
  try {
    office = Office.context.contentLanguage || Office.context.displayLanguage;
  } catch {
    office = undefined;
  }
  return office || (typeof navigator === "undefined" ? null : navigator.language || null);
}

export const officeEnv: ExcelEnv = {
  run: officeRunner,
  isSetSupported: officeIsSetSupported,
  locale: officeLocale,
};

/** Notes arrived in ExcelApi 1.18 (not in perpetual Office 2021/2024); older hosts get a prompt. */
export const supportsNotes = (env: ExcelEnv): boolean => env.isSetSupported("ExcelApi", "1.18");

/** fill.pattern (ExcelApi 1.9) tells "no fill" from a white fill. */
export const supportsFillPattern = (env: ExcelEnv): boolean => env.isSetSupported("ExcelApi", "1.9");

/**
 * Every batch of ours waits while the user is typing in a cell instead of failing with
 * InvalidOperationInCellEditMode ("delayForCellEdit", Excel.RunOptions): an import's write-back of
 * CRM IDs must land even if the user started editing a cell meanwhile.
 */
export const runBatch = <T>(
  env: ExcelEnv,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> => env.run(batch, { delayForCellEdit: true });
