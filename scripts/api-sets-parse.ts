// The requirement set of each member of the Excel API, read from the remarks of @types/office-js
// (used by scripts/api-sets.ts, and by a test that checks the generated module is current).

/** Members tagged with another set (ExcelApiOnline, BETA, desktop-only) exist on no host we model. */
export const NOT_ON_OUR_HOSTS = "99";

/**
 * "ExcelApi 1.9" gives 1.9; "ExcelApi 1.1 for reading visibility; 1.2 for setting it" gives the
 * highest version named (strictest); ExcelApiOnline, ExcelApiDesktop and previews give 99.
 */
function apiSetOf(doc: string): string | null {
  const m = /\[Api set: ([^\]]+)\]/.exec(doc);
  if (!m) return null;
  const tag = m[1]!.trim();
  if (!/^ExcelApi \d/.test(tag)) return NOT_ON_OUR_HOSTS;
  const versions = [...tag.matchAll(/\b1\.(\d+)\b/g)].map((v) => Number(v[1]));
  return versions.length ? `1.${Math.max(...versions)}` : NOT_ON_OUR_HOSTS;
}

const minor = (set: string): number => Number(set.split(".")[1] ?? 99);

export function readApiSets(text: string): Map<string, string> {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("declare namespace Excel {"));
  const sets = new Map<string, string>();
  let owner: string | null = null;
  let doc = "";
  let inDoc = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "}") break;
    const decl = /^ {4}(?:class|interface) (\w+)/.exec(line);
    if (decl) {
      owner = decl[1]!;
      doc = "";
      continue;
    }
    if (/^ {4}\S/.test(line)) owner = null;
    if (!owner) continue;
    if (/^ {8}\/\*\*/.test(line)) {
      doc = "";
      inDoc = true;
    }
    if (inDoc) {
      doc += line;
      if (line.includes("*/")) inDoc = false;
      continue;
    }
    const member = /^ {8}(?:readonly )?(\w+)\??(?:\(|:|<)/.exec(line);
    if (member && doc) {
      const set = apiSetOf(doc);
      const key = `${owner}.${member[1]!}`;
      // Overloads repeat a member; the lowest set is when it first existed.
      if (set && (!sets.has(key) || minor(set) < minor(sets.get(key)!))) sets.set(key, set);
      doc = "";
    }
  }
  return sets;
}
