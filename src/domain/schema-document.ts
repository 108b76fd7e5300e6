import { z } from "zod";
import { baseCatalog } from "./catalog";
import { fieldKinds, requirements, sheetNames, type Catalog, type FieldDef, type SheetName } from "./fields";

/** An organisation's custom field, as the CRM defines it. */
export const customFieldSchema = z.object({
  sheet: z.enum(sheetNames),
  key: z.string().regex(/^cf_[a-z0-9_]{1,40}$/, "Custom field keys look like cf_name."),
  label: z.string().min(1).max(100),
  kind: z.enum(fieldKinds),
  requirement: z.enum(requirements).default("optional"),
  maxLength: z.number().int().positive().max(32_767).optional(),
  options: z.array(z.string().min(1).max(100)).max(1_000).optional(),
  description: z.string().max(500).default(""),
});
export type CustomField = z.infer<typeof customFieldSchema>;

export const fieldDefSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(fieldKinds),
  requirement: z.enum(requirements),
  maxLength: z.number().int().optional(),
  options: z.array(z.string()).optional(),
  picklist: z.string().optional(),
  refSheet: z.enum(sheetNames).optional(),
  description: z.string(),
  aliases: z.array(z.string()),
  custom: z.boolean(),
  system: z.boolean().optional(),
  codeLike: z.boolean().optional(),
});

export const sheetDefSchema = z.object({
  name: z.enum(sheetNames),
  title: z.string(),
  noun: z.string(),
  nounPlural: z.string(),
  fields: z.array(fieldDefSchema),
});

/** A match key is one or more field keys whose values together identify a record (e.g. name + postalCode). */
export const matchKeySchema = z.array(z.string().min(1)).min(1).max(4);
export type MatchKey = z.infer<typeof matchKeySchema>;

export const matchKeysBySheetSchema = z.object({
  customers: z.array(matchKeySchema),
  contacts: z.array(matchKeySchema),
  sites: z.array(matchKeySchema),
  // Settings an admin stored before the Equipment sheet existed still parse (the built-in key).
  equipment: z.array(matchKeySchema).default(() => [["customer", "serialNumber"]]),
});

/** What an import does with a row that matches an existing record. */
export const duplicateActions = ["skip", "update", "clone"] as const;
export type DuplicateAction = (typeof duplicateActions)[number];

/**
 * How a row's ticked match keys combine: `any` - one of them finding a record is a match
 * (alternatives); `all` - only a record equal on every ticked field together (Upsales: name AND
 * postal code), so a row with one of them blank matches nothing.
 */
export const matchModes = ["any", "all"] as const;
export type MatchMode = (typeof matchModes)[number];

/** The organisation's import defaults an admin sets (besides the default match keys per sheet). */
export const importDefaultsOfOrgSchema = z.object({
  duplicateAction: z.enum(duplicateActions),
  matchMode: z.enum(matchModes),
  /** Given to a contact created with no category (a value of the contactCategory picklist). */
  contactCategory: z.string().min(1).max(100).nullable(),
});
export type OrganisationImportDefaults = z.infer<typeof importDefaultsOfOrgSchema>;

/** The roles a CRM user has: a viewer reads, an importer also imports, an admin manages. */
export const userRoles = ["admin", "importer", "viewer"] as const;
export type UserRole = (typeof userRoles)[number];

/** The organisation's own picklists (schema.picklists): an admin adds values to them. */
export const organisationPicklists = ["category", "campaign", "contactCategory"] as const;
export type OrganisationPicklist = (typeof organisationPicklists)[number];
export const isOrganisationPicklist = (name: string): name is OrganisationPicklist =>
  (organisationPicklists as readonly string[]).includes(name);

/**
 * A list an admin adds a source value to (`POST /api/v1/picklists/:name/values`): one of the
 * organisation's own, or a custom picklist field's options (by key, on its sheet).
 */
export type PicklistTarget = { list: OrganisationPicklist } | { field: string; sheet: SheetName };

/** What `GET /api/v1/schema` returns: the catalog with the organisation's custom fields merged in. */
export const schemaDocumentSchema = z.object({
  catalogVersion: z.string(),
  /** A hash of sheets + picklists; a template stores it to recognise an outdated template. */
  schemaHash: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  sheets: z.object({
    customers: sheetDefSchema,
    contacts: sheetDefSchema,
    sites: sheetDefSchema,
    equipment: sheetDefSchema,
  }),
  customFields: z.array(customFieldSchema),
  picklists: z.record(z.string(), z.array(z.string())),
  /** Opening balances dated on or before this day are refused. */
  closedPeriodThrough: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  matchKeyChoices: matchKeysBySheetSchema,
  /** The organisation's default match keys per sheet (the built-in ones until an admin sets them). */
  defaultMatchKeys: matchKeysBySheetSchema,
  /** The organisation's defaults for an import's options (absent from an older CRM: Skip, any key). */
  importDefaults: importDefaultsOfOrgSchema.optional(),
  /**
   * The role of the user asking (not part of schemaHash): what the pane may offer, such as adding a
   * value to one of the organisation's picklists (admins only). Absent from an older CRM.
   */
  role: z.enum(userRoles).optional(),
});
export type SchemaDocument = z.infer<typeof schemaDocumentSchema>;

/** What an admin sets (`PUT /api/v1/import-defaults`) and the organisation keeps: the defaults and keys. */
export const organisationImportSettingsSchema = importDefaultsOfOrgSchema.extend({
  matchKeys: matchKeysBySheetSchema,
});
export type OrganisationImportSettings = z.infer<typeof organisationImportSettingsSchema>;

export const CATALOG_VERSION = "1";

/** Match keys a user can tick, and the defaults (seed: same e-mail or phone means the same client). */
export const matchKeyChoices: Record<SheetName, MatchKey[]> = {
  customers: [["email"], ["phone"], ["customerNumber"], ["name"], ["name", "postalCode"]],
  contacts: [["customer", "email"], ["customer", "firstName", "lastName"], ["email"]],
  sites: [["billingCustomer", "siteName"]],
  equipment: [
    ["customer", "serialNumber"],
    ["customer", "name"],
  ],
};
export const defaultMatchKeys: Record<SheetName, MatchKey[]> = {
  customers: [["email"], ["phone"]],
  contacts: [["customer", "email"]],
  sites: [["billingCustomer", "siteName"]],
  // Serial number within the customer: two customers may own units of one model with equal numbers.
  equipment: [["customer", "serialNumber"]],
};
/** An organisation's import defaults until an admin sets them. */
export const builtInImportDefaults: OrganisationImportDefaults = {
  duplicateAction: "skip",
  matchMode: "any",
  contactCategory: null,
};

/** The catalog with custom fields appended to their sheets (a custom field never replaces a built-in one). */
export function buildCatalog(customFields: readonly CustomField[]): Catalog {
  const out = structuredClone(baseCatalog) as Catalog;
  for (const cf of customFields) {
    const sheet = out[cf.sheet];
    if (sheet.fields.some((f) => f.key === cf.key)) continue;
    const def: FieldDef = {
      key: cf.key,
      label: cf.label,
      kind: cf.kind === "reference" ? "text" : cf.kind,
      requirement: cf.requirement,
      description: cf.description || `Custom field ${cf.label}.`,
      aliases: [],
      custom: true,
      ...(cf.maxLength !== undefined ? { maxLength: cf.maxLength } : {}),
      ...(cf.options !== undefined ? { options: cf.options } : {}),
    };
    sheet.fields.push(def);
  }
  return out;
}

/** Small stable hash (FNV-1a, hex) of any JSON value, for template versioning. */
export function stableHash(value: unknown): string {
  const text = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The catalog a schema document describes (its sheets already include the custom fields). */
export function catalogOf(doc: Pick<SchemaDocument, "sheets">): Catalog {
  return doc.sheets as Catalog;
}
