/** The shared workflow store (also written by the ribbon commands), followed by React. */
import { useSyncExternalStore } from "react";
import { getState, subscribe, type State } from "../workflows/store";

export const useStore = (): State => useSyncExternalStore(subscribe, getState, getState);
