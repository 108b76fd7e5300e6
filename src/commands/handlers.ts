import {
  describeError,
  downloadCustomers,
  importSheet,
  newTemplate,
  notify,
  productionDeps,
  setBusy,
  validateSheet,
  type WorkflowDeps,
} from "../workflows";
import { commandNames, type CommandName } from "./command-names";

/** What a ribbon click hands a function command: it must be told when the work is done. */
export interface CommandEvent {
  completed(): void;
}

type Work = (deps: WorkflowDeps) => Promise<unknown>;

const work: Record<CommandName, Work> = {
  [commandNames.newTemplate]: (deps) => newTemplate(deps),
  [commandNames.downloadCustomers]: (deps) => downloadCustomers(deps),
  [commandNames.validate]: (deps) => validateSheet(deps),
  [commandNames.import]: (deps) => importSheet(deps),
};

/**
 * A ribbon handler: runs the workflow; a failure becomes a notification in the shared store (the
 * pane shows it when it opens); the event is always completed, or Office would keep the button busy.
 */
export function handlerFor(
  name: CommandName,
  deps: () => WorkflowDeps = productionDeps,
): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    setBusy(name);
    try {
      await work[name](deps());
    } catch (e) {
      notify("error", describeError(e));
    } finally {
      setBusy(null);
      event.completed();
    }
  };
}
