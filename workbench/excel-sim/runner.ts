// The entry the add-in's code receives instead of Excel.run.
import { SimContext, type SimRunOptions } from "./context";
import type { SimWorkbook } from "./model";
import { WorkbookProxy } from "./workbook";

export type ExcelRunner = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  options?: SimRunOptions,
) => Promise<T>;

export function createContext(book: SimWorkbook, options?: SimRunOptions): SimContext {
  const context = new SimContext(book, options);
  context.workbook = new WorkbookProxy(context);
  context.application = context.workbook.application;
  return context;
}

/**
 * Like Excel.run(options, batch): a fresh context per batch, and whatever the batch left queued is
 * synced when it resolves (that final sync is counted only when something was queued). Once it has
 * ended, the context's untracked objects fail with InvalidObjectPath.
 */
export function createExcelRunner(book: SimWorkbook): ExcelRunner {
  return async <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: SimRunOptions,
  ): Promise<T> => {
    const context = createContext(book, options);
    try {
      // The one cast at the boundary: SimContext implements the subset of Excel.RequestContext that
      // src/excel uses, structurally, not the whole interface (which has hundreds of members).
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.hasPending()) await context.sync();
      return result;
    } finally {
      context.ended = true;
    }
  };
}
