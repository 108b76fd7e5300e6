/**
 * One async call at a time from a step: busy while it runs, its failure in the user's words, and no
 * state update after the step has gone.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "../workflows/deps";

export interface Task {
  busy: boolean;
  error: string | null;
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      if (alive.current) setError(describeError(e));
      return undefined;
    } finally {
      if (alive.current) setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
