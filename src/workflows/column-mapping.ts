/**
 * Mapping a sheet that is not our template: suggested matches with their confidence, the user's
 * choices applied to the sheet, and the mapping remembered for files with the same headers.
 */
import { z } from "zod";
import { catalogOf, type SchemaDocument, type SheetDef, type SheetName } from "../domain";
import { columnLetter, readSheet, type CellValue } from "../excel";
import { applySavedMapping, headerSignature, mapHeaders, proposeMapping, saveMapping } from "../import";
import { CrmClientError } from "../client";
import { optionalClientOf, schemaOf, type WorkflowDeps } from "./deps";
import { notify } from "./store";
import { paneMessages as text } from "../domain/pane-messages";
import { sheetNameOf } from "./assess";
import { CONTACT_PREFIX, groupContactRows } from "./group-contacts";
import { addSheetWithRows, activeSheetName, propertyKeys, readSetting, writeSetting } from "../excel";
import { sheetMappingFor, sheetMappingSchema, storeSheetMapping, type SheetMapping } from "./sheet-mapping";

export interface SheetInspection {
  name: string;
  /** Which of our sheets it is, when its title or tag says so. */
  ours: SheetName | null;
  isTemplate: boolean;
  /** The first row's cells as text (the headers, when the first row is a header). */
  firstRow: string[];
  /** Data rows, first row included when it is not a header. */
  rows: CellValue[][];
}

/** The active sheet (or the named one), read for the map step. */
export async function inspectSheet(deps: WorkflowDeps, name?: string): Promise<SheetInspection> {
  const sheetName = name ?? (await activeSheetName(deps.env));
  const [grid, schema] = await Promise.all([readSheet(deps.env, sheetName), schemaOf(deps)]);
  return {
    name: grid.name,
    ours: sheetNameOf(grid, schema) ?? null,
    isTemplate: grid.isTemplate,
    firstRow: grid.frame.headers,
    rows: grid.rows.map((r) => r.slice(0, grid.frame.dataCols)),
  };
}

export type ColumnStatus = "matched" | "unmapped" | "ambiguous";

export interface ColumnSuggestion {
  column: number;
  header: string;
  /** A field key, `contact:<key>` for a contact field, or null (not imported). */
  field: string | null;
  confidence: number;
  status: ColumnStatus;
  candidates: string[];
}

export interface MappingSuggestion {
  signature: string;
  columns: ColumnSuggestion[];
  fromSaved: boolean;
  /** One row per person, when the rows say so: the column to group customers by. */
  groupingColumn: number | null;
}

/** Headers when the first row is data: the column letters. */
export const headersOf = (firstRow: readonly string[], firstRowIsHeader: boolean): string[] =>
  firstRowIsHeader ? [...firstRow] : firstRow.map((_, i) => `Column ${columnLetter(i)}`);

/**
 * Each column's best field: from a saved mapping when one has these headers, else by label, key
 * and aliases. With `contacts`, columns no customer field wants are tried against contact fields.
 */
export function suggestMapping(
  headers: readonly string[],
  sheet: SheetDef,
  options: {
    saved?: unknown;
    contacts?: SheetDef;
    /** The file's data rows: each proposal is then checked against its column's values. */
    rows?: readonly (readonly unknown[])[];
    picklists?: Readonly<Record<string, readonly string[]>>;
  } = {},
): MappingSuggestion {
  const signature = headerSignature(headers);
  const saved =
    options.saved === undefined
      ? null
      : applySavedMapping(headers, options.saved, withContacts(sheet, options.contacts));
  if (!saved && options.rows) return checkedSuggestion(headers, sheet, options.rows, options, signature);
  const mapping = saved ?? mapHeaders(headers, sheet);
  const second = options.contacts && !saved ? mapHeaders(headers, contactSheetFor(options.contacts)) : null;
  const ambiguous = new Map(mapping.ambiguous.map((a) => [a.column, a.candidates]));
  const columns = mapping.matches.map((m): ColumnSuggestion => {
    const alt = second?.matches[m.column];
    const useContact = !m.field && !ambiguous.has(m.column) && alt?.field;
    const field = useContact ? alt.field : m.field;
    const confidence = useContact ? alt.confidence : m.confidence;
    const candidates = ambiguous.get(m.column) ?? [];
    const status: ColumnStatus = field ? "matched" : candidates.length > 1 ? "ambiguous" : "unmapped";
    return { column: m.column, header: m.header, field, confidence, status, candidates };
  });
  return { signature, columns, fromSaved: saved !== null, groupingColumn: null };
}

/** The proposal with every column checked against its values (see proposeMapping in src/import). */
function checkedSuggestion(
  headers: readonly string[],
  sheet: SheetDef,
  rows: readonly (readonly unknown[])[],
  options: { contacts?: SheetDef; picklists?: Readonly<Record<string, readonly string[]>> },
  signature: string,
): MappingSuggestion {
  const proposal = proposeMapping(headers, rows, sheet, {
    picklists: options.picklists ?? {},
    ...(options.contacts ? { contacts: options.contacts } : {}),
  });
  const columns = proposal.matches.map((m): ColumnSuggestion => {
    const candidates = proposal.ambiguous.get(m.column) ?? [];
    const status: ColumnStatus = m.field ? "matched" : candidates.length > 1 ? "ambiguous" : "unmapped";
    return {
      column: m.column,
      header: m.header,
      field: m.field,
      confidence: m.confidence,
      status,
      candidates,
    };
  });
  return { signature, columns, fromSaved: false, groupingColumn: proposal.grouping?.keyColumn ?? null };
}

/** Contact fields under their prefixed keys; the customer reference is filled by the grouping. */
function contactSheetFor(contacts: SheetDef): SheetDef {
  const fields = contacts.fields.filter((f) => f.key !== "customer" && f.key !== "crmId");
  return { ...contacts, fields: fields.map((f) => ({ ...f, key: CONTACT_PREFIX + f.key })) };
}

const withContacts = (sheet: SheetDef, contacts?: SheetDef): SheetDef =>
  contacts ? { ...sheet, fields: [...sheet.fields, ...contactSheetFor(contacts).fields] } : sheet;

/** Labels of the sheet's required fields that no column is mapped to. */
export function missingRequired(sheet: SheetDef, columns: readonly (string | null)[]): string[] {
  const chosen = new Set(columns);
  return sheet.fields
    .filter((f) => f.requirement === "required" && !f.system && !chosen.has(f.key))
    .map((f) => f.label);
}

const settingKey = (signature: string): string => `crm.mapping.${signature}`;
const savedSchema = z.unknown();

/**
 * The mapping saved for files with these headers: the organisation's, saved in the CRM, first; the
 * workbook's copy when the CRM has none or cannot be reached (offline, signed out).
 */
export async function loadSavedMapping(deps: WorkflowDeps, headers: readonly string[]): Promise<unknown> {
  const signature = headerSignature(headers);
  const client = await optionalClientOf(deps);
  if (client) {
    try {
      const stored = await client.getMapping(signature, deps.signal);
      if (stored) {
        const { columns, dateOrders, decimalMarks, valueMaps } = stored;
        return { signature, columns, dateOrders, decimalMarks, valueMaps };
      }
    } catch (e) {
      if (!(e instanceof CrmClientError)) throw e;
    }
  }
  return savedSchema.parse(await readSetting(deps.env, settingKey(signature)));
}

/** Per-field choices remembered with a mapping: date orders, decimal marks, value maps. */
export type FieldChoices = Pick<SheetMapping, "dateOrders" | "decimalMarks" | "valueMaps">;
const fieldChoicesSchema = sheetMappingSchema.pick({ dateOrders: true, decimalMarks: true, valueMaps: true });

/** The per-field choices saved with a mapping (empty for an older saved mapping, or none). */
export function savedFieldChoices(saved: unknown): FieldChoices {
  const parsed = fieldChoicesSchema.safeParse(saved ?? {});
  return parsed.success ? parsed.data : { dateOrders: {}, decimalMarks: {}, valueMaps: {} };
}

/**
 * Remembers the choices for the next file with the same headers: in the workbook's add-in settings,
 * and in the CRM for everyone in the organisation when connected.
 */
export async function storeMapping(
  deps: WorkflowDeps,
  headers: readonly string[],
  columns: readonly (string | null)[],
  choices?: Partial<FieldChoices>,
): Promise<void> {
  const saved = { ...saveMapping(headers, columns), ...(choices ?? {}) };
  await writeSetting(deps.env, settingKey(saved.signature), saved);
  const client = await optionalClientOf(deps);
  if (!client) return;
  try {
    const { signature, ...mapping } = saved;
    await client.putMapping(signature, mapping, deps.signal);
  } catch (e) {
    // The workbook's copy stands; the next file with these headers on another computer is mapped again.
    if (!(e instanceof CrmClientError)) throw e;
    notify("warning", text.mappingSavedInWorkbookOnly(e.message), "mapping");
  }
}

export interface MappingChoice {
  inspection: SheetInspection;
  target: SheetName;
  columns: (string | null)[];
  firstRowIsHeader: boolean;
  /** One row per contact person: group rows into customers by these match keys... */
  groupBy?: string[][];
  /** ...or by the values of this column (any column, the source system's organisation id too). */
  groupColumn?: number;
  /** Per field: date order, decimal mark, and the file's values mapped to options. */
  dateOrders?: SheetMapping["dateOrders"];
  decimalMarks?: SheetMapping["decimalMarks"];
  valueMaps?: SheetMapping["valueMaps"];
}

const labelOf = (sheet: SheetDef, key: string | null, fallback: string): string =>
  (key && sheet.fields.find((f) => f.key === key)?.label) || fallback;

/** The per-field choices of one sheet's fields (a grouped file splits them over two sheets). */
function extrasFor(choice: MappingChoice, fields: readonly (string | null)[]) {
  const pick = <T>(all: Record<string, T> | undefined, prefix = "") =>
    Object.fromEntries(
      fields.flatMap((f) => (f && all?.[prefix + f] !== undefined ? [[f, all[prefix + f]!]] : [])),
    );
  return (prefix = "") => ({
    dateOrders: pick(choice.dateOrders, prefix),
    decimalMarks: pick(choice.decimalMarks, prefix),
    valueMaps: pick(choice.valueMaps, prefix),
  });
}

/**
 * The user's mapping put into the workbook, kept beside the sheet (its header cells stay as the user
 * wrote them; validation reads the columns through the kept mapping), or, for one row per contact,
 * new Customers and Contacts sheets written as text. Returns the sheets to validate and import, in order.
 */
export async function applyMapping(deps: WorkflowDeps, choice: MappingChoice): Promise<string[]> {
  const schema: SchemaDocument = await schemaOf(deps);
  const catalog = catalogOf(schema);
  const { inspection } = choice;
  if (!choice.groupBy && choice.groupColumn === undefined) {
    const sheet = catalog[choice.target];
    const extras = extrasFor(choice, choice.columns)();
    if (choice.firstRowIsHeader) {
      const mapping = sheetMappingFor(choice.target, inspection.firstRow, choice.columns, extras);
      await storeSheetMapping(deps.env, inspection.name, mapping, { [propertyKeys.sheet]: choice.target });
      return [inspection.name];
    }
    // No header row: the rows go to a new sheet under our headers; the user's stays as it was.
    const labels = choice.columns.map((k) => labelOf(sheet, k, ""));
    const rows = [labels, inspection.firstRow, ...inspection.rows];
    const name = await addSheetWithRows(deps.env, `${inspection.name} ${sheet.title}`, rows, {
      sheet: choice.target,
    });
    await storeSheetMapping(deps.env, name, sheetMappingFor(choice.target, labels, choice.columns, extras));
    return [name];
  }
  const data = choice.firstRowIsHeader ? inspection.rows : [inspection.firstRow, ...inspection.rows];
  const grouped = groupContactRows(data, choice.columns, choice.groupColumn ?? choice.groupBy ?? []);
  return writeGrouped(deps, catalog, grouped, choice);
}

/** The grouped rows as new Customers and Contacts sheets, every value as text, each with its mapping. */
async function writeGrouped(
  deps: WorkflowDeps,
  catalog: ReturnType<typeof catalogOf>,
  grouped: ReturnType<typeof groupContactRows>,
  choice: MappingChoice,
): Promise<string[]> {
  const customerFields = grouped.customerFields;
  const contactFields = ["customer", ...grouped.contactFields];
  const customerHeader = customerFields.map((k) => labelOf(catalog.customers, k, k));
  const contactHeader = contactFields.map((k) => labelOf(catalog.contacts, k, k));
  const customers = await addSheetWithRows(
    deps.env,
    catalog.customers.title,
    [customerHeader, ...grouped.customers],
    { sheet: "customers", asText: true },
  );
  const contacts = await addSheetWithRows(
    deps.env,
    catalog.contacts.title,
    [contactHeader, ...grouped.contacts],
    { sheet: "contacts", asText: true },
  );
  const extras = (fields: string[]) => extrasFor(choice, fields);
  await storeSheetMapping(
    deps.env,
    customers,
    sheetMappingFor("customers", customerHeader, customerFields, extras(customerFields)()),
  );
  await storeSheetMapping(
    deps.env,
    contacts,
    sheetMappingFor("contacts", contactHeader, contactFields, extras(contactFields)(CONTACT_PREFIX)),
  );
  return [customers, contacts];
}
