import type { FieldDef, FieldIssue, RecordValues, SheetDef } from "./fields";
import { messages } from "./messages";
import { readIssue, readValue, type CoerceContext } from "./values";

export interface RuleContext extends CoerceContext {
  /** Opening balances dated on or before this ISO day fall in a closed financial period. */
  closedPeriodThrough: string | null;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === "";

/** True when the row is a multi-location company (Multi-location = Yes and not an individual). */
export function isMultiLocation(values: Readonly<RecordValues>): boolean {
  return values.multiLocation === true && values.type !== "Individual";
}

function requiredMessage(sheet: SheetDef, field: FieldDef): string {
  return sheet.name === "customers" && field.key === "name"
    ? messages.clientNameRequired
    : messages.required(field.label);
}

const NONE: ReadonlySet<string> = new Set();
const err = (field: string | null, message: string): FieldIssue => ({ field, severity: "error", message });

/**
 * The rules that look at a whole row of canonical values: required fields, multi-location fields,
 * e-mail or phone, opening balance and its date, an equipment's warranty not before its install
 * date, character limits. The seeds' messages, verbatim.
 * `present` lists fields whose cells had a value that failed to parse: they are not reported as blank.
 */
export function validateRecord(
  sheet: SheetDef,
  values: Readonly<RecordValues>,
  ctx: Pick<RuleContext, "closedPeriodThrough">,
  present: ReadonlySet<string> = NONE,
): FieldIssue[] {
  // Runs on every row of 100,000-row sheets: no closures or arrays made per call.
  const issues: FieldIssue[] = [];
  const customers = sheet.name === "customers";
  const multi = customers && isMultiLocation(values);
  for (const f of sheet.fields) {
    const v = values[f.key];
    if (isBlank(v)) {
      if (f.system || f.requirement === "optional" || present.has(f.key)) continue;
      if (f.requirement === "required") issues.push(err(f.key, requiredMessage(sheet, f)));
      else if (multi) issues.push(err(f.key, messages.requiredForMultiLocation(f.label)));
      continue;
    }
    if (f.maxLength !== undefined && typeof v === "string" && v.length > f.maxLength)
      issues.push(err(f.key, messages.tooLong(f.label, f.maxLength)));
  }
  if (sheet.name === "equipment") {
    const install = values.installDate;
    const expiry = values.warrantyExpiry;
    // ISO days compare as text.
    if (typeof install === "string" && typeof expiry === "string" && expiry < install)
      issues.push(err("warrantyExpiry", messages.warrantyBeforeInstall(expiry, install)));
  }
  if (!customers) return issues;
  const hasContact =
    !isBlank(values.email) ||
    !isBlank(values.phone) ||
    !isBlank(values.mobile) ||
    (present.size > 0 && (present.has("email") || present.has("phone") || present.has("mobile")));
  if (!hasContact) issues.push(err("email", messages.emailOrPhoneRequired));
  const balance = values.openingBalance;
  const date = values.openingBalanceDate;
  if (typeof balance === "number" && !(balance > 0))
    issues.push(err("openingBalance", messages.openingBalance.notPositive));
  if (!isBlank(balance) && isBlank(date) && !present.has("openingBalanceDate"))
    issues.push(err("openingBalanceDate", messages.openingBalance.dateMissing));
  if (typeof date === "string" && ctx.closedPeriodThrough && date <= ctx.closedPeriodThrough)
    issues.push(err("openingBalanceDate", messages.openingBalance.dateClosed(ctx.closedPeriodThrough)));
  return issues;
}

export interface CheckedRecord {
  values: RecordValues;
  issues: FieldIssue[];
}

/** What checkRecord needs of a sheet, worked out once per field list (the server checks every row of a batch). */
interface SheetPlan {
  /** The list's length when built: a list that grew is read again. */
  size: number;
  keys: ReadonlySet<string>;
  country: FieldDef | undefined;
}
const sheetPlans = new WeakMap<readonly FieldDef[], SheetPlan>();

function planOf(sheet: SheetDef): SheetPlan {
  let plan = sheetPlans.get(sheet.fields);
  if (!plan || plan.size !== sheet.fields.length) {
    plan = {
      size: sheet.fields.length,
      keys: new Set(sheet.fields.map((f) => f.key)),
      country: sheet.fields.find((f) => f.key === "country"),
    };
    sheetPlans.set(sheet.fields, plan);
  }
  return plan;
}

/** The keys of the sheet's fields (built once per field list; do not change it). */
export const fieldKeysOf = (sheet: SheetDef): ReadonlySet<string> => planOf(sheet).keys;

/**
 * A record as the API receives it (`values` keyed by field key, JSON values) checked with the same
 * rules and messages as the add-in: each value coerced, then the row rules. Used by the server.
 */
export function checkRecord(
  sheet: SheetDef,
  raw: Readonly<Record<string, unknown>>,
  ctx: RuleContext,
): CheckedRecord {
  // Runs on every row the server receives: no closures, no per-field contexts.
  const plan = planOf(sheet);
  const issues: FieldIssue[] = [];
  const values: RecordValues = {};
  let present: Set<string> | undefined;
  for (const key of Object.keys(raw)) {
    if (!plan.keys.has(key))
      issues.push({ field: key, severity: "error", message: messages.unknownField(key) });
  }
  const picklists = ctx.picklists;
  const rowCountry = plan.country ? readValue(plan.country, raw.country, ctx.country, picklists) : null;
  // A row with no country of its own reads its phones with the context's (its customer's, say).
  const country = typeof rowCountry === "string" ? rowCountry : (ctx.country ?? null);
  for (const f of sheet.fields) {
    if (!(f.key in raw)) continue;
    values[f.key] = readValue(f, raw[f.key], country, picklists);
    const issue = readIssue();
    if (issue) {
      issues.push(issue);
      (present ??= new Set()).add(f.key);
    }
  }
  const rowIssues = validateRecord(sheet, values, ctx, present);
  for (const i of rowIssues) issues.push(i);
  return { values, issues };
}
