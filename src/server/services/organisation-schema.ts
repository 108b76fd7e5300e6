/** What an organisation's imports are checked against, and the schema document built from it. */
import {
  CATALOG_VERSION,
  buildCatalog,
  matchKeyChoices,
  stableHash,
  type Catalog,
  type CustomField,
  type RuleContext,
  schemaDocumentSchema,
  type SchemaDocument,
  type SheetName,
  type CreateImport,
  type DuplicateAction,
  type MatchKey,
  type MatchMode,
  type OrganisationImportSettings,
} from "../../domain";
import { loadTenantCatalog } from "../repositories/catalog";
import type { Db, Organisation } from "../repositories/organisations";
import { indexedKeys } from "./record-values";

export interface OrganisationSchema {
  org: Organisation;
  catalog: Catalog;
  customFields: CustomField[];
  picklists: Record<string, string[]>;
  rules: RuleContext;
}

/**
 * The organisation and its schema in one round trip (every batch of an import needs both); null when
 * it does not exist. Tenant picklists: the stored ones (category, campaign) and account managers from
 * the users.
 */
export async function loadOrganisationSchema(db: Db, orgId: string): Promise<OrganisationSchema | null> {
  const catalog = await loadTenantCatalog(db, orgId);
  return catalog.organisation ? schemaOf(catalog.organisation, catalog) : null;
}

function schemaOf(
  org: Organisation,
  { customFields, picklists: stored, userNames }: Awaited<ReturnType<typeof loadTenantCatalog>>,
): OrganisationSchema {
  const picklists: Record<string, string[]> = {
    category: stored.category ?? [],
    campaign: stored.campaign ?? [],
    contactCategory: stored.contactCategory ?? [],
    accountManager: userNames.sort((a, b) => a.localeCompare(b)),
  };
  return {
    org,
    catalog: buildCatalog(customFields),
    customFields,
    picklists,
    rules: { picklists, closedPeriodThrough: org.closedPeriodThrough },
  };
}

export function toSchemaDocument(s: OrganisationSchema): SchemaDocument {
  const sheets = s.catalog;
  return {
    catalogVersion: CATALOG_VERSION,
    schemaHash: stableHash({ sheets, picklists: s.picklists }),
    organisation: { id: s.org.id, name: s.org.name },
    sheets: schemaDocumentSchema.shape.sheets.parse(sheets),
    customFields: s.customFields,
    picklists: s.picklists,
    closedPeriodThrough: s.org.closedPeriodThrough,
    matchKeyChoices: {
      customers: indexedKeys("customers", s.customFields),
      contacts: indexedKeys("contacts", s.customFields),
      sites: indexedKeys("sites", s.customFields),
      equipment: indexedKeys("equipment", s.customFields),
    },
    defaultMatchKeys: s.org.importSettings.matchKeys,
    importDefaults: {
      duplicateAction: s.org.importSettings.duplicateAction,
      matchMode: s.org.importSettings.matchMode,
      contactCategory: s.org.importSettings.contactCategory,
    },
  };
}

/** True when every key is one the sheet's records are indexed under. */
export function allowedMatchKeys(
  sheet: SheetName,
  keys: readonly string[][],
  customFields: readonly CustomField[],
): boolean {
  const allowed = new Set(indexedKeys(sheet, customFields).map((k) => k.join("+")));
  return keys.every((k) => allowed.has(k.join("+")));
}

/**
 * An import's options with what its opener left out taken from the organisation's settings: the
 * duplicate action, the sheet's match keys and how they combine; and for contacts, the organisation's
 * default contact category as the import's default category (a blank category gets it, whoever
 * sends the rows), unless the opener gave one.
 */
export function withOrganisationDefaults(
  body: Pick<CreateImport, "sheet" | "duplicateAction" | "matchKeys" | "matchMode" | "defaults">,
  settings: OrganisationImportSettings,
): {
  duplicateAction: DuplicateAction;
  matchKeys: MatchKey[];
  matchMode: MatchMode;
  defaults: NonNullable<CreateImport["defaults"]>;
} {
  const defaults = { ...(body.defaults ?? {}) };
  if (body.sheet === "contacts" && settings.contactCategory !== null && defaults.category === undefined)
    defaults.category = settings.contactCategory;
  return {
    duplicateAction: body.duplicateAction ?? settings.duplicateAction,
    matchKeys: body.matchKeys ?? settings.matchKeys[body.sheet],
    matchMode: body.matchMode ?? settings.matchMode,
    defaults,
  };
}

export { matchKeyChoices };
