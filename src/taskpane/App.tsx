/**
 * The pane: one flow of steps and one switch. Each step gets exactly its data and calls back with
 * what comes next; Back pops the history stack.
 */
import { Button, makeStyles, Spinner, tokens, Title3 } from "@fluentui/react-components";
import { useCallback, useEffect, useReducer, useRef } from "react";
import { describeConnectFailure, describeError } from "../workflows/deps";
import { listenForPaneRequests, notify, type PaneRequest } from "../workflows/store";
import type { PaneActions } from "../workflows/pane-actions";
import { paneMessages as text } from "../workflows/pane-types";
import { useActions } from "./actions-context";
import { canGoBack, currentStep, initialFlow, reduceFlow, type Step } from "./flow";
import { Notifications } from "./Notifications";
import { PaneMenu } from "./PaneMenu";
import { LedgerStep } from "./steps/LedgerStep";
import { DiagnosticsStep } from "./steps/DiagnosticsStep";
import { DownloadStep } from "./steps/DownloadStep";
import { ConnectStep } from "./steps/ConnectStep";
import { HistoryStep, ImportDetailStep } from "./steps/HistoryStep";
import { RevertStep } from "./steps/RevertStep";
import { ImportStep } from "./steps/ImportStep";
import { MapStep } from "./steps/MapStep";
import { OptionsStep } from "./steps/OptionsStep";
import { StartStep } from "./steps/StartStep";
import { ValidateStep } from "./steps/ValidateStep";

const useStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    maxWidth: "100%",
    boxSizing: "border-box",
    // Inherited by every text in the pane: a 31-letter sheet name breaks inside a 320 px pane
    // instead of widening it (the pane never scrolls sideways; e2e narrow-pane measures it).
    overflowWrap: "anywhere",
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
});

/** The menu stays out of the way while the pane loads, while an import or a revert runs, and on its own page. */
const hasMenu = (step: Step): boolean =>
  step.kind !== "loading" &&
  step.kind !== "import" &&
  step.kind !== "download" &&
  step.kind !== "revert" &&
  step.kind !== "diagnostics";

export default function App(props: { initial?: Step }) {
  const actions = useActions();
  const styles = useStyles();
  const [flow, dispatch] = useReducer(reduceFlow, props.initial ? { stack: [props.initial] } : initialFlow);
  const step = currentStep(flow);
  const go = (next: Step) => dispatch({ type: "go", step: next });
  const reset = (next: Step) => dispatch({ type: "reset", step: next });
  const current = useRef(step);
  current.current = step;
  const downloading = useRef(false);
  const setDownloading = useCallback((running: boolean) => void (downloading.current = running), []);

  // A ribbon Validate or Import lands here, on the step that shows its work.
  useEffect(
    () =>
      listenForPaneRequests((request) => {
        const now = current.current.kind;
        if (now === "import") return void notify("info", text.ribbonWhileImporting, "ribbon");
        if (now === "download" && downloading.current)
          return void notify("info", text.ribbonWhileDownloading, "ribbon");
        if (now === "connect" || now === "loading")
          return void notify("warning", text.ribbonNeedsConnection, "ribbon");
        stepForRequest(actions, request).then(
          (next) => dispatch({ type: "go", step: next }),
          (e: unknown) => notify("error", describeError(e), "ribbon"),
        );
      }),
    [actions],
  );

  useEffect(() => {
    if (step.kind !== "loading") return;
    const open = async (): Promise<Step> => {
      if (!(await actions.loadConnection())) return { kind: "connect" };
      try {
        await actions.loadSchema();
        return { kind: "start" };
      } catch (e) {
        return { kind: "connect", notice: describeConnectFailure(e) };
      }
    };
    open().then(reset, () => reset({ kind: "connect" }));
  }, [actions, step.kind]);

  return (
    <main className={styles.pane} aria-label={text.title}>
      <header className={styles.header}>
        <Title3 as="h1">{text.title}</Title3>
        <div className={styles.actions}>
          {canGoBack(flow) ? <Button onClick={() => dispatch({ type: "back" })}>{text.back}</Button> : null}
          {hasMenu(step) ? (
            <PaneMenu
              onDiagnostics={() => go({ kind: "diagnostics" })}
              onLedger={() => go({ kind: "ledger" })}
              onClearMarks={() =>
                void actions.clearMarks().catch((e: unknown) => notify("error", describeError(e)))
              }
            />
          ) : null}
        </div>
      </header>
      <Notifications />
      {renderStep(step, go, reset, setDownloading)}
    </main>
  );
}

/** The step a ribbon request opens on the active sheet: the mapping first when it is not ours. */
export async function stepForRequest(actions: PaneActions, request: PaneRequest): Promise<Step> {
  if (request.kind === "download") return { kind: "download", sheet: request.sheet };
  const inspection = await actions.inspectSheet();
  const target = inspection.ours;
  if (!target) return { kind: "map", inspection };
  if (request.kind === "validate") return { kind: "validate", sheet: inspection.name, target, queue: [] };
  return { kind: "import", options: await actions.importOptionsFor(inspection.name, target), queue: [] };
}

function renderStep(
  step: Step,
  go: (s: Step) => void,
  reset: (s: Step) => void,
  setDownloading: (running: boolean) => void,
) {
  switch (step.kind) {
    case "loading":
      return <Spinner label={text.busy} />;
    case "connect":
      return <ConnectStep notice={step.notice} onConnected={() => reset({ kind: "start" })} />;
    case "start":
      return (
        <StartStep
          onSheet={(inspection) =>
            go(
              inspection.ours
                ? { kind: "validate", sheet: inspection.name, target: inspection.ours, queue: [] }
                : { kind: "map", inspection },
            )
          }
          onHistory={() => go({ kind: "history" })}
          onDownload={(sheet) => go({ kind: "download", sheet })}
          onSignedOut={() => reset({ kind: "connect" })}
        />
      );
    case "map":
      return (
        <MapStep
          key={step.inspection.name}
          inspection={step.inspection}
          onMapped={([first, ...rest], target) => {
            if (!first) return;
            const queue = rest.map((sheet) => ({
              sheet,
              target: target === "customers" ? ("contacts" as const) : target,
            }));
            go({ kind: "validate", sheet: first, target, queue });
          }}
        />
      );
    case "validate":
      return (
        <ValidateStep
          key={step.sheet}
          sheet={step.sheet}
          onContinue={() =>
            go({ kind: "options", sheet: step.sheet, target: step.target, queue: step.queue })
          }
        />
      );
    case "options":
      return (
        <OptionsStep
          key={step.sheet}
          sheet={step.sheet}
          target={step.target}
          onImport={(options) => go({ kind: "import", options, queue: step.queue })}
        />
      );
    case "import":
      return (
        <ImportStep
          options={step.options}
          queue={step.queue}
          onNext={([next, ...rest]) =>
            next && go({ kind: "validate", sheet: next.sheet, target: next.target, queue: rest })
          }
          onDone={() => reset({ kind: "start" })}
        />
      );
    case "download":
      return (
        <DownloadStep
          key={step.sheet}
          sheet={step.sheet}
          onDone={() => reset({ kind: "start" })}
          onRunning={setDownloading}
        />
      );
    case "history":
      return <HistoryStep onOpen={(importId) => go({ kind: "importDetail", importId })} />;
    case "importDetail":
      return (
        <ImportDetailStep
          importId={step.importId}
          onLedger={(customerId) => go({ kind: "ledger", customerId })}
          onRevert={(d) =>
            go({ kind: "revert", importId: d.id, sheet: d.sheet, total: d.counts.created + d.counts.updated })
          }
        />
      );
    case "revert":
      return <RevertStep importId={step.importId} sheet={step.sheet} total={step.total} />;
    case "ledger":
      return <LedgerStep key={step.customerId ?? ""} customerId={step.customerId} />;
    case "diagnostics":
      return <DiagnosticsStep />;
  }
}
