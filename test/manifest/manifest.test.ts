import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commandNames } from "../../src/commands/command-names";
import {
  findAssociatedNames,
  findResidProblems,
  findSchemaDir,
  findUnservedUrls,
  findUnusedResources,
  hasSystemXmllint,
  readManifest,
  readSources,
  validateAgainstSchema,
} from "./manifest-checks";

const ROOT = resolve(import.meta.dirname, "../..");
const MANIFEST = join(ROOT, "manifest.xml");
const facts = readManifest(readFileSync(MANIFEST, "utf8"));

/** What webpack.config.js says a build emits: its pages and its copy patterns. */
const WebpackFacts = z.object({
  pagesFor: z.function({ input: [z.boolean()], output: z.array(z.string()) }),
  copyPatternsFor: z.function({
    input: [z.boolean()],
    output: z.array(z.object({ from: z.string(), to: z.string() })),
  }),
});

async function servedPaths(production: boolean): Promise<Set<string>> {
  const webpack = WebpackFacts.parse(await import(pathToFileURL(join(ROOT, "webpack.config.js")).href));
  const copied = webpack.copyPatternsFor(production).flatMap(({ from, to }) => {
    if (!existsSync(from)) return [];
    if (!statSync(from).isDirectory()) return [to];
    return readdirSync(from, { recursive: true, encoding: "utf8" }).map((file) => `${to}/${file}`);
  });
  return new Set([...webpack.pagesFor(production), ...copied]);
}

describe("manifest.xml", () => {
  const schemaDir = findSchemaDir(ROOT);
  const validator = hasSystemXmllint() ? "xmllint" : "xmllint-wasm";

  it(`is valid against the Office add-in manifest XSD (validator: ${validator})`, async () => {
    if (!schemaDir) {
      throw new Error(
        "The offline manifest schemas were not found: set OFFICE_MANIFEST_XSD or place them in " +
          `${join(ROOT, "..", "shared", "office-manifest-xsd")}. office-addin-manifest validate needs ` +
          "Microsoft's online service, which this network cannot reach, so the manifest cannot be checked.",
      );
    }
    const result = await validateAgainstSchema(MANIFEST, schemaDir);
    console.info(`manifest.xml checked by ${result.validator} against ${relative(ROOT, schemaDir)}`);
    expect(result.output).toContain("validates");
    expect(result.valid, result.output).toBe(true);
  });

  it("is valid for the WebAssembly xmllint too, the fallback where Debian's is not installed", async () => {
    if (!schemaDir) throw new Error("The offline manifest schemas were not found (see the test above).");
    const result = await validateAgainstSchema(MANIFEST, schemaDir, false);
    expect(result.validator).toBe("xmllint-wasm");
    expect(result.valid, result.output).toBe(true);
  });

  it("has a resource of the right kind for every resid", () => {
    expect(facts.residUses.length).toBeGreaterThan(20);
    expect(findResidProblems(facts)).toEqual([]);
  });

  it("uses every resource it declares", () => {
    expect(findUnusedResources(facts)).toEqual([]);
    const extra = readFileSync(MANIFEST, "utf8").replace(
      "</bt:ShortStrings>",
      '<bt:String id="Stale.Label" DefaultValue="x"/></bt:ShortStrings>',
    );
    expect(findUnusedResources(readManifest(extra))).toEqual(["Stale.Label"]);
  });

  it("uses the shared runtime on the pane's page", () => {
    expect(facts.residUses.find((use) => use.element === "Runtime")?.resid).toBe("Taskpane.Url");
    expect(facts.residUses.find((use) => use.element === "FunctionFile")?.resid).toBe("Taskpane.Url");
  });

  it("names exactly the ribbon functions of src/commands/command-names.ts", () => {
    expect([...facts.functionNames].sort()).toEqual(Object.values(commandNames).sort());
  });

  it("registers every FunctionName with Office.actions.associate in src/commands (source text)", () => {
    const sources = readSources(join(ROOT, "src", "commands"));
    const associated = new Set(findAssociatedNames(sources, commandNames));
    expect(facts.functionNames.filter((name) => !associated.has(name))).toEqual([]);
  });

  it("registers every FunctionName when src/commands/index.ts runs under office.js", async () => {
    const scope = globalThis as { Office?: unknown };
    const before = scope.Office;
    const associated: string[] = [];
    scope.Office = { actions: { associate: (name: string) => void associated.push(name) } };
    try {
      await import("../../src/commands/index");
    } finally {
      scope.Office = before;
    }
    expect([...associated].sort()).toEqual([...facts.functionNames].sort());
  });

  it("has a SupportUrl and a 64x64 high-resolution icon, as Microsoft requires of task-pane add-ins", () => {
    const xml = readFileSync(MANIFEST, "utf8");
    const attr = (element: string) => new RegExp(`<${element} DefaultValue="([^"]+)"`).exec(xml)?.[1] ?? "";
    expect(attr("SupportUrl")).toMatch(/^https:\/\/localhost:3000\/.+\.html$/);
    const icon = attr("HighResolutionIconUrl");
    const png = readFileSync(join(ROOT, new URL(icon).pathname.slice(1)));
    // A PNG's IHDR holds width and height as 32-bit big-endian numbers at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    const small = readFileSync(join(ROOT, new URL(attr("IconUrl")).pathname.slice(1)));
    expect([small.readUInt32BE(16), small.readUInt32BE(20)]).toEqual([32, 32]);
  });

  it.each([true, false])("names only URLs that the build serves (production: %s)", async (production) => {
    const served = await servedPaths(production);
    expect(served.has("taskpane.html")).toBe(true);
    expect(facts.urls.length).toBeGreaterThan(20);
    expect(facts.urls.every((url) => url.startsWith("https://localhost:3000/"))).toBe(true);
    expect(findUnservedUrls(facts.urls, served)).toEqual([]);
  });
});

describe("the manifest checks themselves", () => {
  const broken = readFileSync(MANIFEST, "utf8")
    .replace('<Label resid="Validate.Label"/>', '<Label resid="Validate.Missing"/>')
    .replace('<Description resid="Import.Tip"/>', '<Description resid="Import.Label"/>');

  it("find a resid that names nothing and one that names the wrong kind of resource", () => {
    expect(findResidProblems(readManifest(broken))).toEqual([
      '<Label resid="Validate.Missing">: no such id in <bt:ShortStrings>',
      '<Description resid="Import.Label">: no such id in <bt:LongStrings>',
    ]);
  });

  it("read associate calls by literal and through the name table, and ignore others", () => {
    const source = [
      'Office.actions.associate("crmValidate", onValidate);',
      "Office.actions.associate(commandNames.import, onImport);",
      "Office.actions.associate(commandNames.unknown, x);",
      "// associate(commandNames.newTemplate)",
    ].join("\n");
    expect(findAssociatedNames(source, commandNames)).toEqual(["crmValidate", "crmImport"]);
    const loop =
      "for (const name of Object.values(commandNames)) Office.actions.associate(name, handlerFor(name));";
    expect(findAssociatedNames(loop, commandNames).sort()).toEqual(Object.values(commandNames).sort());
    const otherLoop = "for (const name of Object.values(commandNames)) Office.actions.associate(other, f);";
    expect(findAssociatedNames(otherLoop, commandNames)).toEqual([]);
  });

  it("report a URL whose path the build does not serve", () => {
    const urls = ["https://localhost:3000/taskpane.html", "https://localhost:3000/assets/nope.png"];
    expect(findUnservedUrls(urls, new Set(["taskpane.html"]))).toEqual([
      "https://localhost:3000/assets/nope.png",
    ]);
  });

  it("reject a manifest that breaks the schema", async () => {
    const schemaDir = findSchemaDir(ROOT);
    if (!schemaDir) throw new Error("The offline manifest schemas were not found (see the test above).");
    const path = join(mkdtempSync(join(tmpdir(), "manifest-")), "manifest.xml");
    writeFileSync(path, readFileSync(MANIFEST, "utf8").replace("<Permissions>", "<Permissions>Everything"));
    expect((await validateAgainstSchema(path, schemaDir, hasSystemXmllint())).valid).toBe(false);
    expect((await validateAgainstSchema(path, schemaDir, false)).valid).toBe(false);
  });
});
