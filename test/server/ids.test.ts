import { describe, expect, it } from "vitest";
import { newId } from "../../src/server/ids";

describe("newId", () => {
  it("mints 100,000 distinct ids of the stored format whose time part never goes back", () => {
    const ids = Array.from({ length: 100_000 }, () => newId("cus"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^cus_[0-9a-f]{26}$/);
    const times = ids.map((id) => id.slice(4, 16));
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
  });

  it("sorts by creation within a millisecond (the per-process counter comes before the random part)", () => {
    const a = newId("imp");
    const b = newId("imp");
    if (a.slice(4, 16) === b.slice(4, 16)) expect(a < b || b.slice(16, 20) === "0000").toBe(true);
    else expect(a < b).toBe(true);
  });
});
