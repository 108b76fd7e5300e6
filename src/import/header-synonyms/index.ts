/**
 * The synonym base: every system's headers in one lookup per sheet (normalised header -> field keys),
 * and the headers known not to be ours. Built once, on first use.
 */
import type { SheetName } from "../../domain";
import { normaliseHeader } from "../normalise-header";
import { dynamics } from "./dynamics";
import { hubspot } from "./hubspot";
import { arabic, french, german, spanish } from "./languages";
import { odoo } from "./odoo";
import { pipedrive } from "./pipedrive";
import { salesforce } from "./salesforce";
import { swedish } from "./swedish";
import type { SynonymGroup } from "./types";
import { zoho } from "./zoho";

export type { SynonymGroup } from "./types";

/** Every group, in no particular order: a header means what all groups that list it agree on. */
export const synonymGroups: readonly SynonymGroup[] = [
  salesforce,
  hubspot,
  dynamics,
  zoho,
  pipedrive,
  odoo,
  swedish,
  german,
  french,
  spanish,
  arabic,
];

export interface SynonymBase {
  /** Normalised header -> the fields groups give it on this sheet (more than one = ambiguous). */
  fields: ReadonlyMap<string, readonly string[]>;
  /** Normalised headers that are no field of ours on any sheet. */
  notOurs: ReadonlySet<string>;
}

const bases = new Map<string, SynonymBase>();

/** The synonym base for one sheet, from the given groups (the built-in ones by default). */
export function synonymBase(sheet: SheetName, groups: readonly SynonymGroup[] = synonymGroups): SynonymBase {
  const cacheKey = groups === synonymGroups ? sheet : "";
  const hit = cacheKey ? bases.get(cacheKey) : undefined;
  if (hit) return hit;
  const fields = new Map<string, string[]>();
  const notOurs = new Set<string>();
  for (const g of groups) {
    for (const [field, headers] of Object.entries(g[sheet] ?? {}))
      for (const h of headers) {
        const key = normaliseHeader(h);
        const list = fields.get(key) ?? [];
        if (!list.includes(field)) list.push(field);
        fields.set(key, list);
      }
    for (const h of g.notOurs ?? []) notOurs.add(normaliseHeader(h));
  }
  // A header some group maps on this sheet is not "not ours" here (Odoo's "Title" vs a job title).
  for (const key of fields.keys()) notOurs.delete(key);
  const base = { fields, notOurs };
  if (cacheKey) bases.set(cacheKey, base);
  return base;
}
