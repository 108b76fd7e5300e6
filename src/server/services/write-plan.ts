/** A batch's decisions as set-based writes, with the side effects they carry. */
import type { MatchKey, RecordValues, RowResult } from "../../domain";
import { beforeImagesParts, type ImageWrite } from "../repositories/before-images";
import type { ImportState } from "../repositories/imports";
import type { StatementPart } from "../db/statements";
import { openingBalanceParts, removeOpeningBalancesParts, type OpeningBalance } from "../repositories/ledger";
import {
  insertRecordsParts,
  updateRecordsParts,
  type RecordUpdate,
  type RecordWrite,
} from "../repositories/records";
import { tokensOf } from "./record-values";
import type { Decision } from "./row-plan";

export interface Written {
  results: RowResult[];
  /** The writes, as parts of the statement that also stores the results (`runParts`). */
  parts: StatementPart[];
}

type Change = Exclude<Decision, { kind: "answer" }>;

/**
 * The batch's writes as parts of one statement (records, their index entries, opening balances),
 * and each decided row's result. A site leaves its billing customer as it is: "multi-location" is
 * a company with branches of its own (location name, code, headquarters), which a site does not
 * make it (marking it so made every later update of the customer fail on those three fields).
 */
export function planWrites(
  imp: ImportState,
  decisions: readonly Decision[],
  keys: readonly MatchKey[],
): Written {
  const inserts = new Map<string, RecordWrite>();
  const updates = new Map<string, RecordUpdate>();
  const images = new Map<string, ImageWrite>();
  const results: RowResult[] = [];
  for (const d of decisions) {
    if (d.kind === "answer") {
      results.push(d.result);
      continue;
    }
    const write = toWrite(d, keys);
    // A record created or changed earlier in the batch carries the later row's values instead.
    const earlier = updates.get(write.id);
    const createdInBatch = inserts.has(write.id);
    if (createdInBatch || d.kind === "create") inserts.set(write.id, write);
    else
      updates.set(write.id, {
        ...write,
        // Re-indexed from what is stored, whichever row of the batch changed it first.
        tokens: { before: earlier?.tokens?.before ?? tokensOf(keys, d.target.values), after: write.tokens },
        stored: earlier?.stored ?? d.target.values,
      });
    if (d.kind === "update") keepBeforeImage(images, d, write.version, createdInBatch);
    const outcome = d.kind === "create" ? "created" : "updated";
    results.push({ ref: d.ref, outcome, crmId: write.id, version: write.version, errors: [] });
  }
  const parts = [
    ...insertRecordsParts(imp.orgId, imp.sheet, [...inserts.values()]),
    ...updateRecordsParts(imp.orgId, imp.sheet, [...updates.values()]),
    // In the same statement as the updates: a revert restores exactly what they replaced.
    ...beforeImagesParts(imp.orgId, imp.id, [...images.values()]),
  ];
  if (imp.sheet === "customers") parts.push(...openingBalancesParts(imp, decisions));
  return { results, parts };
}

/**
 * The version the batch's last change to a record leaves; its before-image is copied from what is
 * stored in the write statement (`beforeImagesParts`). A record created earlier in the batch gets
 * one too, its revert needs that version: its image is what its create wrote, sent with the statement.
 */
function keepBeforeImage(
  images: Map<string, ImageWrite>,
  d: Extract<Change, { kind: "update" }>,
  after: number,
  createdInBatch: boolean,
): void {
  const first = images.get(d.target.id);
  const created = { version: d.target.version, values: d.target.values };
  images.set(d.target.id, {
    recordId: d.target.id,
    afterVersion: after,
    ...(createdInBatch ? { createdInBatch: first?.createdInBatch ?? created } : {}),
  });
}

function toWrite(d: Change, keys: readonly MatchKey[]): RecordWrite {
  // A new record's tokens and their hashes were worked out before the transaction (prepareRow).
  if (d.kind === "create") return d.fresh;
  return {
    id: d.target.id,
    version: d.target.version + 1,
    values: d.values,
    tokens: tokensOf(keys, d.values),
  };
}

function balanceOf(values: Readonly<RecordValues>): { amount: number; date: string } | null {
  const amount = values.openingBalance;
  const date = values.openingBalanceDate;
  return typeof amount === "number" && amount > 0 && typeof date === "string" ? { amount, date } : null;
}

/** New balances are booked; a changed or erased one replaces the customer's earlier entry. */
function openingBalancesParts(imp: ImportState, decisions: readonly Decision[]): StatementPart[] {
  const book: OpeningBalance[] = [];
  const replace: string[] = [];
  for (const d of decisions) {
    if (d.kind === "answer") continue;
    const next = balanceOf(d.values);
    const id = d.kind === "create" ? d.id : d.target.id;
    if (d.kind === "update") {
      const before = balanceOf(d.target.values);
      if (before?.amount === next?.amount && before?.date === next?.date) continue;
      replace.push(id);
    }
    if (next) book.push({ customerId: id, ...next });
  }
  return [
    ...removeOpeningBalancesParts(imp.orgId, replace),
    ...openingBalanceParts(imp.orgId, imp.id, dedupeByCustomer(book)),
  ];
}

const dedupeByCustomer = (items: OpeningBalance[]) => [
  ...new Map(items.map((b) => [b.customerId, b])).values(),
];
