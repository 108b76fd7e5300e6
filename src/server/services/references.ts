import { matchValue, messages, type FieldDef, type SheetDef } from "../../domain";
import type { Db } from "../repositories/organisations";
import { tokensOf } from "./record-values";
import { findRecordsByIds, findRecordsByTokens, type StoredRecord } from "../repositories/records";

export type Resolution = { ok: true; id: string } | { ok: false; message: string };

/** The reference fields of a sheet (contacts' customer, sites' billing customer, customers' headquarters). */
export const referenceFields = (sheet: SheetDef): FieldDef[] =>
  sheet.fields.filter((f) => f.kind === "reference");

/** The customer keys a reference is resolved by, after its CRM ID. */
const REFERENCE_KEYS = [["customerNumber"], ["name"]];

const numberToken = (v: string) =>
  `customerNumber\u001f${matchValue(["customerNumber"], { customerNumber: v })}`;
const nameToken = (v: string) => `name\u001f${matchValue(["name"], { name: v })}`;

/** One reference: its CRM ID first, then a unique customer number, then a unique name. */
export function resolveOne(
  field: FieldDef,
  value: string,
  byId: Set<string>,
  candidates: readonly StoredRecord[],
): Resolution {
  if (byId.has(value)) return { ok: true, id: value };
  for (const token of [numberToken(value), nameToken(value)]) {
    // Verified on the values: the index finds records by a hash of the token.
    const hits = candidates.filter((c) => tokensOf(REFERENCE_KEYS, c.values).includes(token));
    if (hits.length === 1) return { ok: true, id: hits[0]!.id };
    if (hits.length > 1)
      return { ok: false, message: messages.referenceAmbiguous(field.label, value, hits.length) };
  }
  return { ok: false, message: messages.referenceUnresolved(field.label, value) };
}

/** Resolves every distinct reference value of a batch with two queries, whatever the batch size. */
export async function resolveReferences(
  db: Db,
  orgId: string,
  field: FieldDef,
  values: readonly string[],
): Promise<Map<string, Resolution>> {
  const distinct = [...new Set(values)];
  const out = new Map<string, Resolution>();
  if (!distinct.length) return out;
  const byId = new Set((await findRecordsByIds(db, orgId, "customers", distinct)).map((r) => r.id));
  const rest = distinct.filter((v) => !byId.has(v));
  const candidates = await findRecordsByTokens(
    db,
    orgId,
    "customers",
    rest.flatMap((v) => [numberToken(v), nameToken(v)]),
  );
  for (const v of distinct) out.set(v, resolveOne(field, v, byId, candidates));
  return out;
}
