import { useEffect, useReducer, useRef } from "react";

/**
 * When the progress count last moved, and a re-render each second while the work runs, so a CRM that
 * stops answering is said to be awaited instead of leaving a stale "about 4 s left" (`crmWaitOf`).
 */
export function useLastMove(done: number, busy: boolean, now: () => number): number {
  const moved = useRef({ done, at: now() });
  if (moved.current.done !== done) moved.current = { done, at: now() };
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [busy]);
  return moved.current.at;
}
