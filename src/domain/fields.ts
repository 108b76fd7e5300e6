/** What a field of a sheet is. The catalog (catalog.ts) lists them; everything else reads them. */
export const sheetNames = ["customers", "contacts", "sites", "equipment"] as const;
export type SheetName = (typeof sheetNames)[number];

export const fieldKinds = [
  "text",
  "email",
  "phone",
  "url",
  "number",
  "money",
  "date",
  "yesNo",
  "picklist",
  "reference",
] as const;
export type FieldKind = (typeof fieldKinds)[number];

/** required; optional; multiLocation = required only when the row's company is multi-location. */
export const requirements = ["required", "optional", "multiLocation"] as const;
export type Requirement = (typeof requirements)[number];

export interface FieldDef {
  /** Stable key used in the API's `values` and in saved mappings. */
  key: string;
  /** The header the template writes. */
  label: string;
  kind: FieldKind;
  requirement: Requirement;
  maxLength?: number;
  /** Static options of a picklist (e.g. type, currency). */
  options?: readonly string[];
  /** Name of a tenant picklist whose options come from the schema (category, campaign, accountManager). */
  picklist?: string;
  /** For references: the sheet whose records it names. */
  refSheet?: SheetName;
  description: string;
  /** Other headers that mean this field, for mapping files that are not our template. */
  aliases: readonly string[];
  /** A custom field defined by the organisation in the CRM. */
  custom: boolean;
  /** Written by the system (CRM ID): never required, greyed in the template. */
  system?: boolean;
  /** Keep as text in Excel (leading zeros): phones, postal codes, numbers that are codes. */
  codeLike?: boolean;
}

export interface SheetDef {
  name: SheetName;
  /** Worksheet title in the workbook. */
  title: string;
  /** Singular and plural nouns for messages. */
  noun: string;
  nounPlural: string;
  fields: FieldDef[];
}

export type Catalog = Record<SheetName, SheetDef>;

/** The canonical value of a cell once parsed: dates are ISO `YYYY-MM-DD`, phones E.164. */
export type Value = string | number | boolean | null;
export type RecordValues = Record<string, Value>;

export type Severity = "error" | "warning";
export interface FieldIssue {
  /** Field key, or null for a row-level issue. */
  field: string | null;
  severity: Severity;
  message: string;
}
