import {
  clearTopic,
  describeError,
  downloadCustomers,
  importSheet,
  newTemplate,
  notify,
  productionDeps,
  requestPane,
  setBusy,
  validateAndWatch,
  clearMarks,
  type PaneRequest,
  type WorkflowDeps,
} from "../workflows";
import { commandNames, type CommandName } from "./command-names";
import { showTaskpane } from "./show-pane";

/** What a ribbon click hands a function command: it must be told when the work is done. */
export interface CommandEvent {
  completed(): void;
}

type Work = (deps: WorkflowDeps) => Promise<unknown>;

const work: Record<CommandName, Work> = {
  [commandNames.newTemplate]: (deps) => newTemplate(deps),
  [commandNames.downloadCustomers]: (deps) => downloadCustomers(deps),
  [commandNames.validate]: (deps) => validateAndWatch(deps),
  [commandNames.import]: (deps) => importSheet(deps),
  [commandNames.clearMarks]: (deps) => clearMarks(deps),
};

/**
 * Commands whose result is a list or a progress: a ribbon button has no status line, so they run in
 * the pane, on the step that shows their work (Validate's error list, Import's and Download's progress
 * and Cancel).
 */
const shownInPane: Partial<Record<CommandName, PaneRequest>> = {
  [commandNames.validate]: { kind: "validate" },
  [commandNames.import]: { kind: "import" },
  [commandNames.downloadCustomers]: { kind: "download", sheet: "customers" },
};

/** Where ribbon failures are said: the next command that succeeds replaces the message. */
export const RIBBON_TOPIC = "ribbon";

/**
 * A ribbon handler. Validate and Import are handed to the pane, which is opened (or focused) on the
 * step that runs them; with no pane listening, or for the other commands, the workflow runs here. A
 * failure becomes a notification in the shared store (the pane shows it when it opens); the event is
 * always completed, or Office would keep the button busy.
 */
export function handlerFor(
  name: CommandName,
  deps: () => WorkflowDeps = productionDeps,
  showPane: () => Promise<void> = showTaskpane,
): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    const request = shownInPane[name];
    if (request && requestPane(request)) {
      try {
        await showPane();
      } catch (e) {
        notify("error", describeError(e), RIBBON_TOPIC);
      } finally {
        event.completed();
      }
      return;
    }
    setBusy(name);
    try {
      await work[name](deps());
      clearTopic(RIBBON_TOPIC);
    } catch (e) {
      notify("error", describeError(e), RIBBON_TOPIC);
    } finally {
      setBusy(null);
      event.completed();
    }
  };
}
