import { sheetMessages as text } from "../domain/sheet-messages";
import { HEADER_ROW } from "./layout";

/**
 * Where things are on a sheet being read: the header row, the columns holding fields, and our own
 * columns (status, version, hash, marks), found by their headers; missing ones go after the last header.
 */
export interface SheetFrame {
  headerRow: number;
  headers: string[];
  /** Columns before the first of our own: the ones the import maps to fields. */
  dataCols: number;
  statusCol: number;
  versionCol: number;
  hashCol: number;
  marksCol: number;
  /**
   * The CRM ID column the add-in added after its own on a sheet whose data had none (a CSV, another
   * system's export), so its rows become updates; null when there is none.
   */
  crmIdCol: number | null;
}

const headerString = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

export function frameOf(headerRow: number, headerValues: readonly unknown[]): SheetFrame {
  const headers = headerValues.map(headerString);
  let last = headers.length - 1;
  while (last >= 0 && headers[last] === "") last--;
  const find = (h: string) => headers.indexOf(h);
  const own = [text.statusHeader, text.versionHeader, text.hashHeader, text.marksHeader].map(find);
  const firstOwn = Math.min(...own.filter((c) => c >= 0), last + 1);
  let next = Math.max(last, ...own) + 1;
  const place = (c: number) => (c >= 0 ? c : next++);
  const [statusCol, versionCol, hashCol, marksCol] = own.map(place) as [number, number, number, number];
  const added = headers.lastIndexOf(text.crmIdHeader);
  return {
    crmIdCol: added >= firstOwn && added <= last ? added : null,
    headerRow,
    headers: headers.slice(0, firstOwn),
    dataCols: firstOwn,
    statusCol,
    versionCol,
    hashCol,
    marksCol,
  };
}

/** Our templates put the legend above the headers; any other sheet has its headers on row 1. */
export const headerRowOf = (isTemplate: boolean): number => (isTemplate ? HEADER_ROW : 0);
