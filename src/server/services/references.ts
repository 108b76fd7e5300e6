import {
  matchValue,
  messages,
  ownerField,
  type FieldDef,
  type FieldIssue,
  type RecordValues,
  type SheetDef,
  type SheetName,
} from "../../domain";
import { indexByToken } from "./record-values";
import type { StoredRecord } from "../repositories/records";

export type Resolution = { ok: true; id: string } | { ok: false; message: string };

/**
 * The reference fields of a sheet (contacts' customer, sites' billing customer, customers'
 * headquarters, equipment's customer and site).
 */
export const referenceFields = (sheet: SheetDef): FieldDef[] =>
  sheet.fields.filter((f) => f.kind === "reference");

/** The reference fields that name a customer: resolved by `resolveOne` with the batch's lookup. */
export const customerReferenceFields = (sheet: SheetDef): FieldDef[] =>
  referenceFields(sheet).filter((f) => f.refSheet === "customers");

/** The customer keys a reference is resolved by, after its CRM ID. */
const REFERENCE_KEYS = [["customerNumber"], ["name"]];

const numberToken = (v: string) =>
  `customerNumber\u001f${matchValue(["customerNumber"], { customerNumber: v })}`;
const nameToken = (v: string) => `name\u001f${matchValue(["name"], { name: v })}`;

/**
 * One reference: its CRM ID first, then a unique customer number, then a unique name. Not found: a
 * customer's headquarters was also looked for among the import's own Customers rows (its links);
 * another sheet's customer only in the CRM, and the message says no more than that.
 */
export function resolveOne(
  field: FieldDef,
  value: string,
  hits: ReferenceHits,
  sheet: SheetName,
): Resolution {
  if (hits.byId.has(value)) return { ok: true, id: value };
  for (const token of [numberToken(value), nameToken(value)]) {
    const found = hits.byToken.get(token) ?? [];
    if (found.length === 1) return { ok: true, id: found[0]!.id };
    if (found.length > 1)
      return { ok: false, message: messages.referenceAmbiguous(field.label, value, found.length) };
  }
  const unresolved = sheet === "customers" ? messages.referenceUnresolved : messages.referenceNotInCrm;
  return { ok: false, message: unresolved(field.label, value) };
}

/** What a batch's references are looked up by, in its one lookup statement (`lookUpBatch`). */
export interface ReferenceProbe {
  /** Each distinct value, as a CRM ID. */
  ids: string[];
  /** Each distinct value's customer-number and name tokens. */
  tokens: string[];
}

/** The customers a batch's references found: by CRM ID, and by customer-number and name token. */
export interface ReferenceHits {
  byId: ReadonlySet<string>;
  byToken: ReadonlyMap<string, readonly StoredRecord[]>;
  /** The Country of a customer the probe found (null when it has none or was not found). */
  countryOf(id: string): string | null;
}

/**
 * What the probe found, indexed once per batch. A candidate is kept under the tokens its own values
 * give: the index finds records by a hash of the token, which may collide.
 */
export const referenceHits = (
  byId: readonly StoredRecord[],
  candidates: readonly StoredRecord[],
): ReferenceHits => {
  let countries: Map<string, string> | undefined;
  return {
    byId: new Set(byId.map((r) => r.id)),
    byToken: indexByToken(candidates, REFERENCE_KEYS),
    // Asked only for rows whose phones need a country: built on the first such row.
    countryOf(id) {
      if (!countries) {
        countries = new Map();
        for (const r of [...byId, ...candidates])
          if (typeof r.values.country === "string") countries.set(r.id, r.values.country);
      }
      return countries.get(id) ?? null;
    },
  };
};

/**
 * The probe for every reference value of these rows. A value is probed as a CRM ID and by its
 * tokens at once (one statement; `resolveOne` prefers the CRM ID), where it used to be two.
 */
export function referenceProbe(sheet: SheetDef, rows: Iterable<{ values: RecordValues }>): ReferenceProbe {
  const fields = customerReferenceFields(sheet);
  const distinct = new Set<string>();
  if (fields.length)
    for (const r of rows)
      for (const f of fields) {
        const v = r.values[f.key];
        if (typeof v === "string") distinct.add(v);
      }
  const ids = [...distinct];
  return { ids, tokens: ids.flatMap((v) => [numberToken(v), nameToken(v)]) };
}

/**
 * An update that moves a record to another customer while keeping the site it had (the row gives no
 * Site): that site was checked to be the old customer's when it was set, so it is not the new one's.
 * The row's own Site, when given, was resolved among the new customer's sites already.
 */
export function keptSiteIssues(
  sheet: SheetDef,
  before: Readonly<RecordValues>,
  after: Readonly<RecordValues>,
  given: Readonly<RecordValues>,
): FieldIssue[] {
  const owner = ownerField(sheet);
  if (!owner || before[owner.key] === after[owner.key]) return [];
  const issues: FieldIssue[] = [];
  for (const f of sheet.fields) {
    if (f.kind !== "reference" || f.refSheet !== "sites") continue;
    const site = after[f.key];
    const fromRow = given[f.key];
    if (typeof site !== "string" || site !== before[f.key] || (fromRow !== undefined && fromRow !== null))
      continue;
    issues.push({ field: f.key, severity: "error", message: messages.site.otherCustomer(site) });
  }
  return issues;
}
