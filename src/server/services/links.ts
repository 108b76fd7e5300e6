/**
 * Links: a reference field that names another row of the same import (a headquarters created
 * earlier in it) resolves to the record that row became, whatever the field's text says.
 */
import { messages, type RowResult } from "../../domain";
import { referenceFields } from "./references";
import { prepareRow, type CheckedRow, type Decision, type PlanContext } from "./row-plan";

/** Outcomes after which the ref counts as written: sending it again answers the stored result. */
export const FINAL = new Set<RowResult["outcome"]>(["created", "updated", "unchanged", "skipped"]);

/** A link is honoured on a reference field that names a record of the import's own sheet. */
export function linkOf(ctx: PlanContext, r: CheckedRow, field: string): string | undefined {
  const ref = r.row.links?.[field];
  if (ref === undefined) return undefined;
  const def = ctx.sheet.fields.find((f) => f.key === field);
  return def?.kind === "reference" && def.refSheet === ctx.sheet.name ? ref : undefined;
}

export function* linkedRefs(rows: Iterable<CheckedRow>): Iterable<string> {
  for (const r of rows) for (const ref of Object.values(r.row.links ?? {})) yield ref;
}

/** Each linked field set to the record its row became, or failed with why it could not be. */
export function resolveLinks(
  ctx: PlanContext,
  r: CheckedRow,
  recordOf: (ref: string) => string | null,
): void {
  let changed = false;
  for (const field of referenceFields(ctx.sheet)) {
    const ref = linkOf(ctx, r, field.key);
    if (ref === undefined || typeof r.values[field.key] !== "string") continue;
    const id = recordOf(ref);
    if (id) {
      r.values[field.key] = id;
      r.create.values[field.key] = id;
    } else {
      const issue = {
        field: field.key,
        severity: "error" as const,
        message: messages.linkedRowNotImported(field.label, ref),
      };
      for (const list of new Set([r.issues, r.sticky, r.create.issues])) list.push(issue);
    }
    changed = true;
  }
  if (changed) prepareRow(r, ctx);
}

/** The record a stored result names; in a dry run, a row that would be created names a stand-in. */
export function recordOfStored(result: RowResult | undefined, dryRun: boolean): string | null {
  if (!result || !FINAL.has(result.outcome)) return null;
  return result.crmId ?? (dryRun ? `new:${result.ref}` : null);
}

export function recordOfDecision(d: Decision): string | null {
  if (d.kind === "create") return d.id;
  if (d.kind === "update") return d.target.id;
  return FINAL.has(d.result.outcome) ? d.result.crmId : null;
}
