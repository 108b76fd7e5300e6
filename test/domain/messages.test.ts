// The sentences issue 18 found wrong: said right for one row, for nothing done, and with the seeds'
// own sentence kept first where a second one now says what to do.
import { describe, expect, it } from "vitest";
import { messages } from "../../src/domain";
import { sheetMessages } from "../../src/domain/sheet-messages";

describe("the seeds' opening-balance messages", () => {
  it("keep the seed's sentence first, verbatim, and add what is allowed or what is wrong", () => {
    const all = [
      messages.openingBalance.notPositive,
      messages.openingBalance.dateMissing,
      messages.openingBalance.dateUnreadable,
      messages.openingBalance.dateClosed("2025-12-31"),
    ];
    expect(all[0]!.startsWith(`${messages.invalidOpeningBalance} `)).toBe(true);
    for (const m of all.slice(1)) expect(m.startsWith(`${messages.invalidOpeningBalanceDate} `)).toBe(true);
    expect(messages.openingBalance.notPositive).toMatch(/greater than 0/);
    expect(messages.openingBalance.dateMissing).toMatch(/needs the date/);
    expect(messages.openingBalance.dateClosed("2025-12-31")).toMatch(
      /closed financial period \(through 2025-12-31\)/,
    );
    expect(new Set(all).size).toBe(4);
  });
});

describe("counts in sentences", () => {
  it("never says 'all 1 rows' or '1 rows'", () => {
    expect(sheetMessages.validated("Customers", 1, 0)).toBe("Customers: the 1 row is ready to import.");
    expect(sheetMessages.validated("Customers", 8, 0)).toBe("Customers: all 8 rows are ready to import.");
    expect(sheetMessages.validated("Customers", 0, 0)).toBe("Customers: no rows to check.");
    expect(sheetMessages.validated("Customers", 1, 2)).toBe(
      "Customers: 1 row ready, 2 with errors (marked in the sheet).",
    );
    expect(sheetMessages.validated("Customers", 9853, 1)).toMatch(/^Customers: 9,853 rows ready/);
  });

  it("does not list zero counts as work done", () => {
    expect(sheetMessages.templatesReady(2, 0)).toBe("Templates ready: 2 created.");
    expect(sheetMessages.templatesReady(0, 1)).toBe(
      "Templates ready: 1 upgraded to the CRM's current fields.",
    );
    expect(sheetMessages.templatesReady(1, 1)).toBe(
      "Templates ready: 1 created, 1 upgraded to the CRM's current fields.",
    );
    expect(sheetMessages.imported("Customers", 0, 0, 3, 0)).toBe(
      "Customers: nothing was created or updated: 3 skipped, 0 failed (see the status column).",
    );
  });
});
