/** The workflow functions the steps call, provided once at the root so tests can pass fakes. */
import { createContext, useContext } from "react";
import type { PaneActions } from "../workflows/pane-actions";

export const ActionsContext = createContext<PaneActions | null>(null);

export function useActions(): PaneActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error("The pane's steps need an ActionsContext provider.");
  return actions;
}
