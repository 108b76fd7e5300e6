/**
 * The pane's entry: render once Office is ready, because before that `Office.context` (theme,
 * settings) is not there. Outside Office (the workbench) onReady resolves too, with host null.
 */
import { FluentProvider } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { productionPaneActions } from "../workflows/pane-actions";
import { ActionsContext } from "./actions-context";
import App from "./App";
import { officeBodyBackground, themeFor } from "./theme";

export function mount(container: HTMLElement | null): void {
  if (!container) throw new Error("taskpane.html has no #container element");
  createRoot(container).render(
    <FluentProvider theme={themeFor(officeBodyBackground())}>
      <ActionsContext.Provider value={productionPaneActions()}>
        <App />
      </ActionsContext.Provider>
    </FluentProvider>,
  );
}

void Office.onReady(() => mount(document.getElementById("container")));
