import {
  CATALOG_VERSION,
  buildCatalog,
  defaultMatchKeys,
  matchKeyChoices,
  schemaDocumentSchema,
  stableHash,
  type CustomField,
  type SchemaDocument,
} from "../../src/domain";

export const customFields: CustomField[] = [
  {
    sheet: "customers",
    key: "cf_segment",
    label: "Segment",
    kind: "picklist",
    requirement: "optional",
    options: ["SMB", "Enterprise"],
    description: "Sales segment.",
  },
  {
    sheet: "customers",
    key: "cf_po_ref",
    label: "PO reference",
    kind: "text",
    requirement: "required",
    maxLength: 20,
    description: "Purchase order reference.",
  },
];

/** A schema document as GET /schema returns it, without a server. */
export function testSchema(fields: CustomField[] = customFields): SchemaDocument {
  const sheets = buildCatalog(fields);
  const picklists = {
    category: ["Retail", "Wholesale"],
    campaign: ["Spring fair"],
    accountManager: ["Anna Lind", "Ben Carter"],
  };
  return schemaDocumentSchema.parse({
    catalogVersion: CATALOG_VERSION,
    schemaHash: stableHash({ sheets, picklists }),
    organisation: { id: "org1", name: "Test org" },
    sheets,
    customFields: fields,
    picklists,
    closedPeriodThrough: "2025-12-31",
    matchKeyChoices,
    defaultMatchKeys,
  });
}
