import { describe, expect, it } from "vitest";
import { drive, turns } from "../../src/excel";

/** A generator that yields `n` times and returns how many steps it took. */
function* counted(n: number): Generator<void, number, void> {
  for (let i = 0; i < n; i++) yield;
  return n;
}

/** Runs `work` while counting the timer callbacks (other code's turns) that get to run before it ends. */
async function turnsGiven<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    ticks++;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const result = await work();
  done = true;
  return { result, ticks };
}

describe("turns: long loops give the event loop a turn when their time is spent", () => {
  it("drive runs steps to the end and returns their value, giving a turn at every step with a zero budget", async () => {
    const { result, ticks } = await turnsGiven(() => drive(counted(20), turns(0)));
    expect(result).toBe(20);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it("drive gives no turn while the budget is not spent", async () => {
    const { result, ticks } = await turnsGiven(() => drive(counted(1_000), turns(Infinity)));
    expect(result).toBe(1_000);
    expect(ticks).toBe(0);
  });

  it("check() is undefined until the budget is spent; now() gives a turn and starts a new stretch", async () => {
    const never = turns(Infinity);
    expect(never.check()).toBeUndefined();
    const { ticks } = await turnsGiven(() => never.now());
    expect(ticks).toBeGreaterThanOrEqual(1);
    expect(never.check()).toBeUndefined();
    const always = turns(0);
    const wait = always.check();
    expect(wait).toBeInstanceOf(Promise);
    await wait;
  });
});
