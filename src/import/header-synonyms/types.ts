/**
 * One system's (or one language's) headers, as its exports and import templates write them, keyed by
 * the field they mean in our catalog. Data only: reviewed like code, each group citing where its
 * headers come from. See src/import/README.md ("The synonym base") for how to add a system.
 */
export interface SynonymGroup {
  /** The system or language, for people reading the data. */
  system: string;
  /** Where the headers were taken from: vendor documentation URLs, or public repository paths. */
  sources: readonly string[];
  /** Headers that mean a Customers field (keys as in src/domain/catalog.ts). */
  customers?: Readonly<Record<string, readonly string[]>>;
  /** Headers that mean a Contacts field; in a one-row-per-person file they become `contact:<key>`. */
  contacts?: Readonly<Record<string, readonly string[]>>;
  /** Headers that mean a Sites field. */
  sites?: Readonly<Record<string, readonly string[]>>;
  /** Headers that mean an Equipment field. */
  equipment?: Readonly<Record<string, readonly string[]>>;
  /**
   * Headers this system writes that are NOT any field of ours, though a fuzzy match might think so:
   * its own record ids (never our CRM ID), audit columns, a second or shipping address.
   */
  notOurs?: readonly string[];
}
