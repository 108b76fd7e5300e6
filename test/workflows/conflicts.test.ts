import { describe, expect, it } from "vitest";
import { catalogOf } from "../../src/domain";
import { sheetMessages as text } from "../../src/domain/sheet-messages";
import { markStyles } from "../../src/excel/palette";
import { downloadCustomers, getState, importSheet } from "../../src/workflows";
import { differences, resolveConflict } from "../../src/workflows/conflicts";
import { simEnv } from "../excel/helpers";
import { customerCells, useLiveCrm } from "./customers-sheet";
import { colOf } from "./sheet";

const crm = useLiveCrm();

/** Two customers downloaded; then the CRM changes both cities; then the user edits both. */
async function conflictingSheet() {
  const client = await crm().newClient();
  const opened = await client.createImport({ sheet: "customers" });
  const seeded = await client.sendBatch(opened.id, [
    { ref: "a", values: { name: "Alpha AB", email: "a@alpha.se", city: "Lund" } },
    { ref: "b", values: { name: "Bravo AB", email: "b@bravo.se", city: "Umeå" } },
  ]);
  await client.finishImport(opened.id);
  const { book, env } = simEnv();
  const deps = { env, client };
  await downloadCustomers(deps);
  const customers = catalogOf(getState().schema!).customers;
  const { C, S } = customerCells(customers);
  const rowOf = (name: string) =>
    3 + book.values(`${C("name", 3)}:${colOf(customers, "name")}4`).findIndex((r) => r[0] === name);
  const later = await client.createImport({ sheet: "customers" });
  await client.sendBatch(
    later.id,
    seeded.map((s, i) => ({
      ref: `x${i}`,
      crmId: s.crmId!,
      version: s.version!,
      values: { name: i ? "Bravo AB" : "Alpha AB", email: i ? "b@bravo.se" : "a@alpha.se", city: "Kiruna" },
    })),
  );
  await client.finishImport(later.id);
  await book.userEdit(C("city", rowOf("Alpha AB")), "Malmö");
  await book.userEdit(C("city", rowOf("Bravo AB")), "Luleå");
  return { client, book, deps, C, S, rowOf, seeded };
}

describe("conflicts", () => {
  it("show the CRM's value beside the user's, coloured on the cells that differ", async () => {
    const { book, deps, C, rowOf } = await conflictingSheet();
    const summary = await importSheet(deps);
    expect(summary.conflict).toBe(2);
    const alpha = summary.conflicts!.find((c) => c.name === "Alpha AB")!;
    expect(alpha.fields).toEqual([expect.objectContaining({ key: "city", mine: "Malmö", theirs: "Kiruna" })]);
    expect(alpha.row + 1).toBe(rowOf("Alpha AB"));
    const cell = book.cell(C("city", rowOf("Alpha AB")));
    expect([cell.fill, cell.pattern]).toEqual([markStyles.conflict.color, markStyles.conflict.pattern]);
    expect(cell.note).toBe(text.conflictCell("Kiruna"));
    // Cells that agree stay as they were.
    expect(book.cell(C("email", rowOf("Alpha AB"))).fill).toBe(null);
  });

  it("keep mine: the next Import sends the user's value over the CRM's; take theirs: the CRM's value comes in", async () => {
    const { client, book, deps, C, S, rowOf, seeded } = await conflictingSheet();
    const summary = await importSheet(deps);
    const alpha = summary.conflicts!.find((c) => c.name === "Alpha AB")!;
    const bravo = summary.conflicts!.find((c) => c.name === "Bravo AB")!;
    await resolveConflict(deps, alpha, "keepMine");
    await resolveConflict(deps, bravo, "takeTheirs");
    expect(getState().summary?.conflicts).toEqual([]);
    expect(book.cell(C("city", rowOf("Alpha AB")))).toMatchObject({ value: "Malmö", fill: null, note: null });
    expect(book.cell(S(rowOf("Alpha AB"))).value).toBe(text.keptMine);
    expect(book.cell(C("city", rowOf("Bravo AB")))).toMatchObject({
      value: "Kiruna",
      fill: null,
      note: null,
    });
    expect(book.cell(S(rowOf("Bravo AB"))).value).toBe(text.tookTheirs);
    const again = await importSheet(deps);
    expect(again.conflict).toBe(0);
    expect((await client.getRecord("customers", seeded[0]!.crmId!)).values.city).toBe("Malmö");
    expect((await client.getRecord("customers", seeded[1]!.crmId!)).values.city).toBe("Kiruna");
  });

  it("compare values as the user reads them: empty is empty, yes/no as words", () => {
    const defs = [
      { key: "city", label: "City", kind: "text", requirement: "optional" },
      { key: "multiLocation", label: "Multi-location", kind: "yesNo", requirement: "optional" },
      { key: "region", label: "Region", kind: "text", requirement: "optional" },
    ] as never;
    const columns = new Map([
      ["city", 5],
      ["multiLocation", 9],
      ["region", 6],
    ]);
    expect(
      differences(
        defs,
        columns,
        { city: "Lund", multiLocation: true, region: "" },
        { city: "Lund", multiLocation: false },
      ),
    ).toEqual([{ key: "multiLocation", label: "Multi-location", col: 9, mine: text.yes, theirs: text.no }]);
  });
});
