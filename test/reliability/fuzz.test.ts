/**
 * Fuzzing (a sample; `npm run soak` runs 10,000 cases of each). fast-check prints the seed and the
 * shrunk case of a failure; FUZZ_SEED=<n> replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "../../src/server/services/provision";
import { startHarness, type Harness } from "../server/harness";
import { runServerProperty, runValidateProperty } from "./fuzz-properties";

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("fuzzed sheets", () => {
  it("validateSheet never throws and every issue names a real cell (300 cases)", () => {
    expect(runValidateProperty(300, seed)).toBe(300);
  });
});

describe("fuzzed batches", () => {
  it("the server never answers 5xx (300 cases)", async () => {
    const { token } = await createOrganisation(h.db, `Fuzz ${Date.now()}`);
    const { cases, byStatus, textRefusals } = await runServerProperty({ app: h.app, token }, 300, seed);
    expect(cases).toBe(300);
    // The arbitraries reach NUL and lone surrogates (refused, naming the cell), not only other text.
    expect(textRefusals).toBeGreaterThan(0);
    // Most batches are well-formed enough to reach validation and matching, not just the schema check.
    expect(byStatus[200] ?? 0).toBeGreaterThan(100);
  });
});
