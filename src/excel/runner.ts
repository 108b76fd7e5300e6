/**
 * How src/excel reaches Excel: every function takes an injected runner (production: Excel.run; tests:
 * the simulator's runner) and a feature check, so nothing here touches a global it cannot replace.
 */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
export type IsSetSupported = (name: string, version: string) => boolean;

export interface ExcelEnv {
  run: ExcelRunner;
  isSetSupported: IsSetSupported;
}

export const officeRunner: ExcelRunner = (batch) => Excel.run(batch);

/** Office.context.requirements throws outside Office (workbench, tests): no Office means no feature. */
export function officeIsSetSupported(name: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}

export const officeEnv: ExcelEnv = { run: officeRunner, isSetSupported: officeIsSetSupported };

/** Notes arrived in ExcelApi 1.18 (not in perpetual Office 2021/2024); older hosts get a prompt. */
export const supportsNotes = (env: ExcelEnv): boolean => env.isSetSupported("ExcelApi", "1.18");
