/**
 * The pane's entry: render once Office is ready, because before that `Office.context` (theme,
 * settings) is not there. Outside Office (the workbench) onReady resolves too, with host null.
 */
import { createRoot } from "react-dom/client";
import App from "./App";

export function mount(container: HTMLElement | null): void {
  if (!container) throw new Error("taskpane.html has no #container element");
  createRoot(container).render(<App />);
}

void Office.onReady(() => mount(document.getElementById("container")));
