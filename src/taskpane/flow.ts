/**
 * The pane's wizard: one union of steps, each carrying exactly its data, and a history stack so Back
 * returns to the step the user came from.
 */
import type { PaneImportOptions, SheetInspection } from "../workflows/pane-actions";
import type { SheetName } from "../workflows/pane-types";

export interface QueuedSheet {
  sheet: string;
  target: SheetName;
}

export type Step =
  | { kind: "loading" }
  /** `notice`: why the pane is back here (the kept token stopped working). */
  | { kind: "connect"; notice?: string }
  | { kind: "start" }
  | { kind: "map"; inspection: SheetInspection }
  /** `queue`: sheets to handle after this one (Contacts after Customers from one file). */
  | { kind: "validate"; sheet: string; target: SheetName; queue: QueuedSheet[] }
  | { kind: "options"; sheet: string; target: SheetName; queue: QueuedSheet[] }
  | { kind: "import"; options: PaneImportOptions; queue: QueuedSheet[] }
  /** A sheet's records from the CRM, with progress and Cancel (from Start or the ribbon). */
  | { kind: "download"; sheet: SheetName }
  | { kind: "history" }
  | { kind: "importDetail"; importId: string }
  /** `total`: the import's created and updated rows, what the revert goes through. */
  | { kind: "revert"; importId: string; sheet: SheetName; total: number }
  /** A customer's ledger: `customerId` given (from an import's balances), else picked on the step. */
  | { kind: "ledger"; customerId?: string }
  /** "Check this Excel": probes of the host, reachable from the pane's menu at any time. */
  | { kind: "diagnostics" };

export interface Flow {
  stack: Step[];
}

export type FlowAction = { type: "go"; step: Step } | { type: "back" } | { type: "reset"; step: Step };

export const initialFlow: Flow = { stack: [{ kind: "loading" }] };

export const currentStep = (flow: Flow): Step => flow.stack[flow.stack.length - 1] ?? { kind: "start" };

/** Steps nobody should come back to: the import ran, the check was only a wait. */
const transient = new Set<Step["kind"]>(["loading", "import", "download"]);

/**
 * Once a sheet is imported, its Validate and Options steps are left behind for good: Back to them
 * would validate the sheet again and overwrite the status column that records the import (issue 15).
 */
const passed = (step: Step, next: Step): boolean =>
  next.kind === "import" &&
  (step.kind === "validate" || step.kind === "options") &&
  step.sheet === next.options.sheet;

export function reduceFlow(flow: Flow, action: FlowAction): Flow {
  switch (action.type) {
    case "go":
      return {
        stack: [...flow.stack.filter((s) => !transient.has(s.kind) && !passed(s, action.step)), action.step],
      };
    case "back":
      return flow.stack.length > 1 ? { stack: flow.stack.slice(0, -1) } : flow;
    case "reset":
      return { stack: [action.step] };
  }
}

export const canGoBack = (flow: Flow): boolean => {
  const step = currentStep(flow);
  return (
    flow.stack.length > 1 && step.kind !== "connect" && step.kind !== "import" && step.kind !== "download"
  );
};
