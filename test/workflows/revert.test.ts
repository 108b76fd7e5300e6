// The pane's revert workflow against the live CRM on the simulated workbook: the dry run writes
// nothing; the revert deletes, marks the rows, and clears a deleted row's CRM ID so importing it
// again creates it again; a row changed elsewhere says why it stays.
import { describe, expect, it } from "vitest";
import { revertMessages } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { importSheet, resetStore } from "../../src/workflows";
import { previewRevert, revertImport } from "../../src/workflows/revert-import";
import { customersSheet, useLiveCrm } from "./customers-sheet";
import { typeRow } from "./sheet";

const crm = useLiveCrm();

describe("Revert from the pane", () => {
  it("dry run first, then the revert marks the sheet's rows and clears deleted rows' CRM IDs", async () => {
    const { client, book, deps, customers, C, S } = await customersSheet(crm());
    await typeRow(book, customers, 3, { name: "Acme AB", email: "info@acme.se" });
    await typeRow(book, customers, 4, { name: "Beta Ltd", email: "beta@beta.se" });
    const summary = await importSheet(deps);
    expect(summary.created).toBe(2);
    const importId = summary.importId!;
    const beta = String(book.cell(C("crmId", 4)).value);

    // Elsewhere: Beta is changed by another import.
    const other = await client.createImport({ sheet: "customers", duplicateAction: "update" });
    await client.sendBatch(other.id, [
      { ref: "x", crmId: beta, values: { name: "Beta Ltd", email: "beta@beta.se", city: "Lund" } },
    ]);
    await client.finishImport(other.id);

    const preview = await previewRevert(deps, importId);
    expect(preview.counts).toEqual({ deleted: 1, restored: 0, reversed: 0, conflict: 1 });
    expect(book.cell(S(3)).value).toBe(text.created);

    const progress: number[] = [];
    const report = await revertImport(deps, importId, "customers", (n) => progress.push(n));
    expect(report).toMatchObject({ counts: { deleted: 1, conflict: 1 }, marked: 2, cancelled: false });
    expect(progress).toEqual([2]);
    expect(book.cell(S(3)).value).toBe(revertMessages.statusDeleted);
    expect(book.cell(C("crmId", 3)).value).toBe("");
    expect(String(book.cell(S(4)).value)).toMatch(/^Not reverted: Changed since the import/);
    expect(book.cell(C("crmId", 4)).value).toBe(beta);

    // Importing again creates the deleted customer again; the other is left as it is.
    resetStore();
    const again = await importSheet(deps);
    expect(again.created).toBe(1);
    expect(book.cell(S(3)).value).toBe(text.created);
  });

  it("cancel stops before the next batch: the rows answered are reverted and marked", async () => {
    const { client, book, env, customers, S } = await customersSheet(crm());
    for (let i = 0; i < 3; i++) await typeRow(book, customers, 3 + i, { name: `C${i}`, email: `c${i}@x.se` });
    const { importId } = await importSheet({ env, client });
    const abort = new AbortController();
    // Cancelled before the first batch: nothing is sent.
    abort.abort();
    const report = await revertImport(
      { env, client, signal: abort.signal },
      importId!,
      "customers",
      () => undefined,
    );
    expect(report).toMatchObject({ cancelled: true, done: 0, marked: 0 });
    expect(String(book.cell(S(3)).value)).toBe(text.created);
  });
});
