/**
 * What a revert does to one record the import wrote, decided purely from what is stored: delete
 * what it created, restore what it updated to its before-image, reverse an opening balance booked
 * in a period closed since, and touch nothing that changed or was referenced since (a conflict).
 */
import { revertMessages, type RecordImage, type RecordValues, type RevertRow } from "../../domain";
import type { BeforeImage } from "../repositories/before-images";
import type { StoredRecord } from "../repositories/records";
import type { ImportEntry } from "../repositories/revert-ledger";
import type { WrittenRow } from "../repositories/reverts";
import type { OpeningBalance } from "../repositories/ledger";

/** What is known of one record the page's rows wrote. */
export interface RecordFacts {
  id: string;
  rows: readonly WrittenRow[];
  current: StoredRecord | undefined;
  image: BeforeImage | undefined;
  /** A final outcome the revert already gave the record through another ref. */
  done: RevertRow | undefined;
  /** Records and ledger entries referring to it that this batch does not delete. */
  referrers: number;
  /** The import's opening-balance entries for it (customers). */
  entries: readonly ImportEntry[];
}

export interface LedgerWork {
  /** Entries in open periods: removed. */
  remove: ImportEntry[];
  /** Entries in the closed period: reversed by a counter-entry. */
  counter: ImportEntry[];
  /** A before-image's balance the import had replaced: booked again. */
  rebook: OpeningBalance | null;
}

export type RecordWork =
  | { kind: "none" }
  | { kind: "delete"; ledger: LedgerWork }
  | { kind: "keep"; values: RecordValues; version: number; ledger: LedgerWork };

export interface RecordDecision {
  outcome: RevertRow["outcome"];
  message: string | null;
  before: RecordImage | null;
  current: RecordImage | null;
  work: RecordWork;
}

const NONE: RecordWork = { kind: "none" };
const imageOf = (r: { version: number; values: RecordValues }): RecordImage => ({
  version: r.version,
  values: r.values,
});

const conflict = (message: string, current: StoredRecord | undefined, before: RecordImage | null = null) => ({
  outcome: "conflict" as const,
  message,
  before,
  current: current ? imageOf(current) : null,
  work: NONE,
});

export function balanceOf(values: Readonly<RecordValues>): { amount: number; date: string } | null {
  const amount = values.openingBalance;
  const date = values.openingBalanceDate;
  return typeof amount === "number" && amount > 0 && typeof date === "string" ? { amount, date } : null;
}

const isClosed = (date: string, through: string | null) => through !== null && date <= through;

export function splitEntries(entries: readonly ImportEntry[], through: string | null): LedgerWork {
  const ledger: LedgerWork = { remove: [], counter: [], rebook: null };
  for (const e of entries) (isClosed(e.date, through) ? ledger.counter : ledger.remove).push(e);
  return ledger;
}

/** The version the import's last write left the record at. */
function expectedVersion(f: RecordFacts): number {
  // Restored through another ref: the version that restore wrote.
  if (f.done?.outcome === "restored" && f.done.current) return f.done.current.version;
  return f.image?.afterVersion ?? Math.max(...f.rows.map((r) => r.version));
}

/** Decides one record; `closedThrough` is the organisation's closed period. */
export function decideRecord(f: RecordFacts, closedThrough: string | null): RecordDecision {
  const created = f.rows.some((r) => r.outcome === "created");
  // Another ref of the import already took this record back: its rows answer the same, unless a
  // restore is followed by the delete of a record the import created.
  if (f.done && !(created && f.done.outcome === "restored")) {
    return {
      outcome: f.done.outcome,
      message: f.done.message,
      before: f.done.before,
      current: null,
      work: NONE,
    };
  }
  if (!f.current) return conflict(revertMessages.goneSince, undefined);
  if (created) return decideCreated(f, f.current, closedThrough);
  return decideUpdated(f, f.current, closedThrough);
}

function decideCreated(f: RecordFacts, current: StoredRecord, through: string | null): RecordDecision {
  const expected = expectedVersion(f);
  if (current.version !== expected)
    return conflict(revertMessages.changedSince(current.version, expected), current);
  if (f.referrers > 0) return conflict(revertMessages.referencedSince(f.referrers), current);
  const ledger = splitEntries(f.entries, through);
  if (!ledger.counter.length)
    return {
      outcome: "deleted",
      message: null,
      before: null,
      current: null,
      work: { kind: "delete", ledger },
    };
  // The ledger keeps referring to the customer: it stays, its balance cleared.
  const { openingBalance: _b, openingBalanceDate: _d, ...values } = current.values;
  return {
    outcome: "reversed",
    message: revertMessages.closedPeriod(through!),
    before: null,
    current: null,
    work: { kind: "keep", values, version: current.version + 1, ledger },
  };
}

function decideUpdated(f: RecordFacts, current: StoredRecord, through: string | null): RecordDecision {
  const image = f.image;
  if (!image) return conflict(revertMessages.noBeforeImage, current);
  const before = imageOf(image);
  if (current.version !== image.afterVersion)
    return conflict(revertMessages.changedSince(current.version, image.afterVersion), current, before);
  const ledger: LedgerWork = { remove: [], counter: [], rebook: null };
  const was = balanceOf(image.values);
  const now = balanceOf(current.values);
  if (was?.amount !== now?.amount || was?.date !== now?.date) {
    Object.assign(ledger, splitEntries(f.entries, through));
    if (was) ledger.rebook = { customerId: f.id, ...was };
  }
  const version = current.version + 1;
  return {
    outcome: "restored",
    message: null,
    before,
    current: { version, values: image.values },
    work: { kind: "keep", values: image.values, version, ledger },
  };
}
