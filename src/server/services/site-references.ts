/**
 * An equipment's Site: one of the sites of the row's own customer, named by its CRM ID or by its site
 * name. Resolved after the customer (`resolveBatchReferences`), with the sites' own match key
 * (billing customer + site name), so a name only finds that customer's sites.
 */
import { messages, ownerField, type FieldDef, type FieldIssue } from "../../domain";
import type { Db } from "../repositories/organisations";
import { findRecordsByIds, findRecordsByTokens, type StoredRecord } from "../repositories/records";
import { indexByToken, tokenOf } from "./record-values";
import { prepareRow, type CheckedRow, type PlanContext } from "./row-plan";

/** The key a site is found by within its customer: the Sites sheet's own match key. */
const SITE_KEY = ["billingCustomer", "siteName"];

type SiteResolution = { ok: true; id: string } | { ok: false; message: string };

/** The reference fields of a sheet that name a site (equipment's Site). */
export const siteReferenceFields = (fields: readonly FieldDef[]): FieldDef[] =>
  fields.filter((f) => f.kind === "reference" && f.refSheet === "sites");

/** One site reference of a row whose customer is `customerId`. */
export function resolveSite(
  value: string,
  customerId: string,
  byId: ReadonlyMap<string, StoredRecord>,
  byToken: ReadonlyMap<string, readonly StoredRecord[]>,
): SiteResolution {
  const site = byId.get(value);
  if (site)
    return site.values.billingCustomer === customerId
      ? { ok: true, id: site.id }
      : { ok: false, message: messages.site.otherCustomer(value) };
  const token = tokenOf(SITE_KEY, { billingCustomer: customerId, siteName: value });
  const found = token === null ? [] : (byToken.get(token) ?? []);
  if (found.length === 1) return { ok: true, id: found[0]!.id };
  if (found.length > 1) return { ok: false, message: messages.site.ambiguous(value, found.length) };
  return { ok: false, message: messages.site.unresolved(value) };
}

/** The site references of rows whose customer resolved: each value and the customer it belongs to. */
function wanted(ctx: PlanContext, rows: readonly CheckedRow[], fields: readonly FieldDef[]) {
  const owner = ownerField(ctx.sheet);
  const out: { row: CheckedRow; field: FieldDef; value: string; customerId: string }[] = [];
  if (!owner) return out;
  for (const row of rows) {
    const customerId = row.values[owner.key];
    // A customer that did not resolve fails the row already; its site is not looked for.
    if (typeof customerId !== "string" || row.issues.some((i) => i.field === owner.key)) continue;
    for (const field of fields) {
      const value = row.values[field.key];
      if (typeof value === "string" && value !== "") out.push({ row, field, value, customerId });
    }
  }
  return out;
}

/**
 * Replaces each site reference's text with the site's CRM ID, or records why it could not be: a name
 * no site of the customer has, several of its sites have, or a site of another customer. Two lookups
 * for the batch (by CRM ID, by the customer + name token), only on sheets with such a field.
 */
export async function resolveSiteReferences(db: Db, ctx: PlanContext, rows: readonly CheckedRow[]) {
  const fields = siteReferenceFields(ctx.sheet.fields);
  if (!fields.length) return;
  const refs = wanted(ctx, rows, fields);
  if (!refs.length) return;
  const tokens = refs.flatMap(
    (r) => tokenOf(SITE_KEY, { billingCustomer: r.customerId, siteName: r.value }) ?? [],
  );
  const [byIdList, candidates] = [
    await findRecordsByIds(db, ctx.orgId, "sites", [...new Set(refs.map((r) => r.value))]),
    await findRecordsByTokens(db, ctx.orgId, "sites", tokens),
  ];
  const byId = new Map(byIdList.map((s) => [s.id, s]));
  const byToken = indexByToken(candidates, [SITE_KEY]);
  const changed = new Set<CheckedRow>();
  for (const { row, field, value, customerId } of refs) {
    const res = resolveSite(value, customerId, byId, byToken);
    if (res.ok) {
      row.values[field.key] = res.id;
      row.create.values[field.key] = res.id;
    } else {
      const issue: FieldIssue = { field: field.key, severity: "error", message: res.message };
      for (const list of new Set([row.issues, row.sticky, row.create.issues])) list.push(issue);
    }
    changed.add(row);
  }
  // The record to create was worked out from the site's text.
  for (const r of changed) prepareRow(r, ctx);
}
