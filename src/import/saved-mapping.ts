import { z } from "zod";
import { stableHash, type SheetDef } from "../domain";
import type { HeaderMapping } from "./map-headers";
import { normaliseHeader } from "./normalise-header";

/** A mapping the user confirmed for files with these headers; it is read back from settings. */
export const savedMappingSchema = z.object({
  signature: z.string().min(1).max(64),
  columns: z.array(z.string().max(64).nullable()).max(16_384),
});
export type SavedMapping = z.infer<typeof savedMappingSchema>;

/** A stable hash of the normalised headers: the same file layout gives the same signature. */
export function headerSignature(headers: readonly unknown[]): string {
  return stableHash(headers.map(normaliseHeader));
}

export function saveMapping(headers: readonly unknown[], columns: readonly (string | null)[]): SavedMapping {
  return { signature: headerSignature(headers), columns: [...columns] };
}

/**
 * The saved mapping as a HeaderMapping when the headers carry its signature, else null. Fields the
 * sheet no longer has (a removed custom field) are dropped, and a field is never used twice.
 */
export function applySavedMapping(
  headers: readonly unknown[],
  saved: unknown,
  sheet: SheetDef,
): HeaderMapping | null {
  const parsed = savedMappingSchema.safeParse(saved);
  if (!parsed.success || parsed.data.signature !== headerSignature(headers)) return null;
  const known = new Set(sheet.fields.map((f) => f.key));
  const used = new Set<string>();
  const columns = headers.map((_, i) => {
    const key = parsed.data.columns[i] ?? null;
    if (key === null || !known.has(key) || used.has(key)) return null;
    used.add(key);
    return key;
  });
  return {
    columns,
    matches: columns.map((field, column) => ({
      column,
      header: String(headers[column] ?? "").trim(),
      field,
      confidence: field ? 1 : 0,
    })),
    unmapped: columns.flatMap((f, i) => (f === null && normaliseHeader(headers[i]) !== "" ? [i] : [])),
    duplicated: [],
    ambiguous: [],
  };
}
