import { describe, expect, it } from "vitest";
import type { ExcelEnv } from "../../src/excel";
import {
  EXCEL_API_VERSIONS,
  PHONE_TEXT,
  payloadGrid,
  probeRequirementSets,
  runHostProbes,
  utf8Bytes,
  type ProbeResult,
} from "../../src/excel/diagnostics";
import { REQUEST_LIMIT_BYTES } from "../../workbench/excel-sim";
import { simEnv } from "./helpers";

/** A host like Excel with the shared runtime (the simulator answers only for ExcelApi). */
function hostEnv(apiVersion: string) {
  const { book, env } = simEnv(apiVersion);
  const withShared: ExcelEnv = {
    ...env,
    isSetSupported: (name, version) => name === "SharedRuntime" || env.isSetSupported(name, version),
  };
  return { book, env: withShared };
}

/**
 * Whether this simulator takes a 1x1 format array on a whole column (office-js-docs-pr#5400 reports
 * that Excel does): the probe must report what the host does, whichever way it goes.
 */
async function unboundedArrayOutcome(): Promise<"pass" | "fail"> {
  const { env } = hostEnv("1.18");
  return env
    .run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B:B").numberFormat = [["@"]];
      await context.sync();
    })
    .then(
      () => "pass" as const,
      () => "fail" as const,
    );
}

const byId = (results: ProbeResult[]) => Object.fromEntries(results.map((r) => [r.id, r]));

describe("Check this Excel: the probes against the simulator", () => {
  it("pass on a current host, leave the user's sheets alone and remove the scratch sheet", async () => {
    const { book, env } = hostEnv("1.18");
    await book.userEdit("Sheet1!A1", "mine");
    const results = await runHostProbes(env, { sheet: "CRM check test" });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["requirementSets", "pass"],
      ["scratchSheet", "pass"],
      ["formatBounded", "pass"],
      ["formatUnboundedArray", await unboundedArrayOutcome()],
      ["notes", "pass"],
      ["payload", "pass"],
      ["textWrite", "pass"],
      ["cleanup", "pass"],
    ]);
    expect(book.sheetNames()).toEqual(["Sheet1"]);
    expect(book.cell("Sheet1!A1").value).toBe("mine");
    expect(byId(results).textWrite?.detail).toContain(PHONE_TEXT);
  });

  it("send one request near the 5 MB limit, counted in UTF-8 bytes, and stay under it", async () => {
    const { book, env } = hostEnv("1.18");
    await runHostProbes(env, { sheet: "CRM check test" });
    expect(book.stats.largestRequestBytes).toBeGreaterThan(4_400_000);
    expect(book.stats.largestRequestBytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    const { grid } = payloadGrid(4_500_000);
    const json = JSON.stringify(grid);
    expect(utf8Bytes(json)).toBe(new TextEncoder().encode(json).length);
    // Accented text: sizing by UTF-16 length would have under-counted it.
    expect(utf8Bytes(json)).toBeGreaterThan(json.length * 1.1);
  });

  it("skip notes on Excel 2021 (ExcelApi 1.14) and say the add-in needs more than it has", async () => {
    const { book, env } = hostEnv("1.14");
    const results = byId(await runHostProbes(env, { sheet: "CRM check test" }));
    expect(results.notes?.status).toBe("skipped");
    expect(results.notes?.detail).toMatch(/1\.18/);
    expect(results.requirementSets?.status).toBe("pass");
    expect(results.requirementSets?.detail).toContain("ExcelApi up to 1.14");
    expect(results.requirementSets?.detail).toContain("1.15, 1.16");
    expect(book.sheetNames()).toEqual(["Sheet1"]);
  });

  it("report the host's refusal with its error code, and still remove the scratch sheet", async () => {
    const { book, env } = hostEnv("1.18");
    const results = byId(await runHostProbes(env, { sheet: "CRM check test", payloadBytes: 6_000_000 }));
    expect(results.payload?.status).toBe("fail");
    expect(results.payload?.detail).toMatch(/^RequestPayloadSizeLimitExceeded: /);
    expect(results.cleanup?.status).toBe("pass");
    expect(book.sheetNames()).toEqual(["Sheet1"]);
  });

  it("never delete a sheet of the user's: when the scratch sheet cannot be added, nothing else runs", async () => {
    const { book, env } = hostEnv("1.18");
    book.addSheet("Taken");
    await book.userEdit("Taken!A1", "keep me");
    const results = await runHostProbes(env, { sheet: "Taken" });
    expect(results.find((r) => r.id === "scratchSheet")?.status).toBe("fail");
    expect(results.filter((r) => r.status === "skipped").map((r) => r.id)).toEqual([
      "formatBounded",
      "formatUnboundedArray",
      "notes",
      "payload",
      "textWrite",
    ]);
    expect(results.some((r) => r.id === "cleanup")).toBe(false);
    expect(book.cell("Taken!A1").value).toBe("keep me");
  });
});

describe("requirement sets", () => {
  it("list every ExcelApi set from 1.1 and fail a host without the shared runtime or ExcelApi 1.12", () => {
    expect(EXCEL_API_VERSIONS[0]).toBe("1.1");
    expect(EXCEL_API_VERSIONS.at(-1)).toBe("1.20");
    const upTo = (max: number, shared: boolean): ExcelEnv => ({
      run: () => Promise.reject(new Error("not used")),
      isSetSupported: (name, version) =>
        name === "SharedRuntime" ? shared : Number(version.split(".")[1]) <= max,
    });
    expect(probeRequirementSets(upTo(20, true))).toMatchObject({ status: "pass" });
    expect(probeRequirementSets(upTo(20, true)).detail).not.toContain("not:");
    expect(probeRequirementSets(upTo(11, true))).toMatchObject({ status: "fail" });
    const noShared = probeRequirementSets(upTo(18, false));
    expect(noShared.status).toBe("fail");
    expect(noShared.detail).toContain("SharedRuntime 1.1: no");
  });
});
