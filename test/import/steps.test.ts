import { describe, expect, it } from "vitest";
import { baseCatalog, type RecordValues } from "../../src/domain";
import {
  ROWS_PER_STEP,
  columnIndex,
  drain,
  findDuplicatesSteps,
  findDuplicates,
  indexCustomers,
  indexCustomersSteps,
  resolveReferences,
  resolveReferencesSteps,
  type Steps,
} from "../../src/import";

/** Runs steps to the end, counting the points where a caller could have paused. */
function stepsOf<T>(steps: Steps<T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, pauses };
    pauses++;
  }
}

const ROWS = 2 * ROWS_PER_STEP + 500;
const customers: (RecordValues | null)[] = Array.from({ length: ROWS }, (_, i) =>
  i % 97 === 0
    ? null
    : {
        crmId: i % 5 === 0 ? String(10_000 + i) : null,
        customerNumber: `C-${i % 1_900}`,
        name: `Customer ${i % 1_700}`,
        email: `c${i % 2_300}@example.com`,
        phone: null,
      },
);
const contacts: RecordValues[] = Array.from({ length: ROWS }, (_, i) => ({
  customer: i % 3 === 0 ? `C-${i % 2_000}` : i % 3 === 1 ? `customer ${i % 1_800}` : String(10_000 + i),
  firstName: "Anna",
}));

describe("the pipeline's loops as steps", () => {
  it("findDuplicatesSteps pauses every ROWS_PER_STEP rows and finds what findDuplicates finds", () => {
    const opts = { firstSheetRow: 3, columnOf: columnIndex(["name", "email", "customerNumber"]) };
    const keys = [["email"], ["customerNumber"]];
    const { value, pauses } = stepsOf(findDuplicatesSteps(customers, keys, baseCatalog.customers, opts));
    expect(pauses).toBe(keys.length * Math.floor(ROWS / ROWS_PER_STEP));
    expect(value.length).toBeGreaterThan(0);
    expect(value).toEqual(findDuplicates(customers, keys, baseCatalog.customers, opts));
  });

  it("indexCustomersSteps counts as indexCustomers does, and resolveReferencesSteps resolves as resolveReferences", () => {
    const { value: stepped, pauses } = stepsOf(indexCustomersSteps(customers));
    expect(pauses).toBe(3 * Math.floor(ROWS / ROWS_PER_STEP));
    const lazy = indexCustomers(customers);
    for (const v of ["C-5", "c-5", "customer 12", "CUSTOMER 12", "10005", "10006", "nobody", "C-1899"])
      expect(stepped.count(v)).toBe(lazy.count(v));
    const opts = { workbook: stepped, columnOf: columnIndex(["customer", "firstName"]) };
    const { value: issues } = stepsOf(resolveReferencesSteps(contacts, baseCatalog.contacts, opts));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toEqual(resolveReferences(contacts, baseCatalog.contacts, { ...opts, workbook: lazy }));
    expect(drain(resolveReferencesSteps(contacts, baseCatalog.contacts, opts))).toEqual(issues);
  });
});
