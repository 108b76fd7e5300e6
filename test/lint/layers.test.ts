import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The design's dependency rules are enforced by eslint (eslint.config.js). Lint made-up files placed
// in each layer and check that a forbidden import is refused and an allowed one is not.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport const y = x;\n`, {
    filePath,
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  it.each([
    ["src/domain/probe.ts", "../excel/ranges"],
    ["src/domain/probe.ts", "../import"],
    ["src/import/probe.ts", "../client/http"],
    ["src/excel/probe.ts", "../client"],
    ["src/client/probe.ts", "../excel/read"],
    ["src/taskpane/probe.tsx", "../excel/read"],
    ["src/taskpane/probe.tsx", "../client"],
    ["src/commands/probe.ts", "../import"],
    ["src/server/probe.ts", "../client"],
    ["src/server/routes/probe.ts", "../../excel/read"],
    ["src/workflows/probe.ts", "../../workbench/excel-sim"],
  ])("%s may not import %s", async (file, specifier) => {
    expect(await importErrors(file, specifier)).not.toHaveLength(0);
  });

  it.each([
    ["src/import/probe.ts", "../domain"],
    ["src/excel/probe.ts", "../import"],
    ["src/client/probe.ts", "../domain/api"],
    ["src/workflows/probe.ts", "../excel/read"],
    ["src/taskpane/probe.tsx", "../workflows/store"],
    ["src/server/routes/probe.ts", "../../domain"],
  ])("%s may import %s", async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe("Office.js boundary", () => {
  const excelCalls = async (filePath: string): Promise<number> => {
    const code =
      "export const f = (context: Excel.RequestContext) => context.workbook.worksheets;\nexport const g = () => Excel.run(async () => {});\n";
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-syntax").length;
  };
  it("refuses Excel API calls outside src/excel", async () => {
    expect(await excelCalls("src/workflows/probe.ts")).toBe(2);
    expect(await excelCalls("src/taskpane/probe.tsx")).toBe(2);
  });
  it("allows them in src/excel", async () => {
    expect(await excelCalls("src/excel/probe.ts")).toBe(0);
  });
});
