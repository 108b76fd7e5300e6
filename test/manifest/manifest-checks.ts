/**
 * What the manifest test needs besides the XSD: where the schemas are, which validator can run, and
 * the checks the schema cannot make (resource ids, function names, URLs). Pure where it can be.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { validateXML } from "xmllint-wasm";

/** jsdom ships no types; its DOMParser is the standard one, so the DOM lib's types describe it. */
type Jsdom = new (html: string) => { window: { DOMParser: typeof DOMParser } };
const { JSDOM } = createRequire(import.meta.url)("jsdom") as { JSDOM: Jsdom };

export const ROOT_SCHEMA = "OfficeAppManifestV1_1.xsd";

/**
 * The offline XSD folder: $OFFICE_MANIFEST_XSD, else `shared/office-manifest-xsd` beside the repo or
 * beside any folder above it (a worktree or a clone one level deeper still finds it).
 */
export function findSchemaDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.OFFICE_MANIFEST_XSD ? [resolve(env.OFFICE_MANIFEST_XSD)] : [];
  for (let dir = resolve(repoRoot); ; dir = dirname(dir)) {
    candidates.push(join(dirname(dir), "shared", "office-manifest-xsd"));
    if (dirname(dir) === dir) break;
  }
  return candidates.find((dir) => existsSync(join(dir, ROOT_SCHEMA)));
}

export interface SchemaResult {
  validator: "xmllint" | "xmllint-wasm";
  valid: boolean;
  output: string;
}

export function hasSystemXmllint(): boolean {
  return spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0;
}

/** Validates with Debian's xmllint when installed, else with the WebAssembly build of the same tool. */
export async function validateAgainstSchema(
  manifestPath: string,
  schemaDir: string,
  useSystem: boolean = hasSystemXmllint(),
): Promise<SchemaResult> {
  if (useSystem) {
    const run = spawnSync("xmllint", ["--noout", "--schema", join(schemaDir, ROOT_SCHEMA), manifestPath], {
      encoding: "utf8",
    });
    return { validator: "xmllint", valid: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
  }
  const schemas = readdirSync(schemaDir)
    .filter((name) => name.endsWith(".xsd"))
    .map((name) => ({ fileName: name, contents: readFileSync(join(schemaDir, name), "utf8") }));
  const result = await validateXML({
    xml: { fileName: "manifest.xml", contents: readFileSync(manifestPath, "utf8") },
    schema: schemas.filter((s) => s.fileName === ROOT_SCHEMA),
    preload: schemas.filter((s) => s.fileName !== ROOT_SCHEMA),
  });
  return { validator: "xmllint-wasm", valid: result.valid, output: result.rawOutput.trim() };
}

export type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";

/** Which resource list an element's `resid` must point into (e.g. a Label needs a short string). */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Images",
  Runtime: "Urls",
  FunctionFile: "Urls",
  SourceLocation: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Description: "LongStrings",
};

export interface ManifestFacts {
  resources: Record<ResourceKind, Set<string>>;
  /** Each `resid` with the element that carries it. */
  residUses: Array<{ element: string; resid: string }>;
  functionNames: string[];
  urls: string[];
}

export function readManifest(xml: string): ManifestFacts {
  const doc = new new JSDOM("").window.DOMParser().parseFromString(xml, "application/xml");
  const parseError = doc.getElementsByTagName("parsererror")[0];
  if (parseError) throw new Error(`manifest.xml is not well-formed: ${parseError.textContent ?? ""}`);
  const all = Array.from(doc.getElementsByTagName("*"));
  const resources: ManifestFacts["resources"] = {
    Images: new Set(),
    Urls: new Set(),
    ShortStrings: new Set(),
    LongStrings: new Set(),
  };
  for (const list of all.filter((el) => el.localName in resources)) {
    for (const item of Array.from(list.children)) {
      resources[list.localName as ResourceKind].add(item.getAttribute("id") ?? "");
    }
  }
  const residUses = all
    .filter((el) => el.hasAttribute("resid"))
    .map((el) => ({ element: el.localName, resid: el.getAttribute("resid") ?? "" }));
  const functionNames = all
    .filter((el) => el.localName === "FunctionName")
    .map((el) => el.textContent.trim());
  const urls = all.flatMap((el) =>
    Array.from(el.attributes)
      .filter((attr) => !attr.name.startsWith("xmlns") && /^https?:\/\//i.test(attr.value))
      .map((attr) => attr.value),
  );
  return { resources, residUses, functionNames, urls };
}

/** Problems with `resid`s: unknown element kinds, and ids missing from the list their element needs. */
export function findResidProblems(facts: ManifestFacts): string[] {
  return facts.residUses.flatMap(({ element, resid }) => {
    const kind = RESID_KIND[element];
    if (!kind) return [`<${element} resid="${resid}">: no known resource kind for this element`];
    return facts.resources[kind].has(resid)
      ? []
      : [`<${element} resid="${resid}">: no such id in <bt:${kind}>`];
  });
}

/** Resource ids that no `resid` uses: dead strings and images that drift out of date unseen. */
export function findUnusedResources(facts: ManifestFacts): string[] {
  const used = new Set(facts.residUses.map((use) => use.resid));
  return Object.values(facts.resources).flatMap((ids) => [...ids].filter((id) => !used.has(id)));
}

/**
 * The function names a source text registers: `Office.actions.associate("name", ...)`,
 * `Office.actions.associate(commandNames.key, ...)`, or a loop over the whole table
 * (`for (const n of Object.values(commandNames)) Office.actions.associate(n, ...)`).
 */
export function findAssociatedNames(source: string, names: Readonly<Record<string, string>>): string[] {
  const loop =
    /for\s*\(\s*const\s+(\w+)\s+of\s+Object\.values\(commandNames\)\s*\)[^;]*?Office\.actions\.associate\(\s*\1\s*,/;
  const everyName = loop.test(source) ? Object.values(names) : [];
  const call = /Office\.actions\.associate\(\s*(?:"([^"]+)"|'([^']+)'|`([^`$]+)`|commandNames\.(\w+))/g;
  return everyName.concat(
    Array.from(source.matchAll(call)).flatMap((m) => {
      const literal = m[1] ?? m[2] ?? m[3];
      if (literal !== undefined) return [literal];
      const viaTable = m[4] === undefined ? undefined : names[m[4]];
      return viaTable === undefined ? [] : [viaTable];
    }),
  );
}

/** Every .ts source under a folder, concatenated, so a handler may live in any file of src/commands. */
export function readSources(dir: string): string {
  if (!existsSync(dir)) return "";
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".d.ts"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

/** URL paths the manifest names that are not in the served set (paths relative to the origin). */
export function findUnservedUrls(urls: readonly string[], served: ReadonlySet<string>): string[] {
  return urls.filter((url) => !served.has(new URL(url).pathname.replace(/^\//, "")));
}
