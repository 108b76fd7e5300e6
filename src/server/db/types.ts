/** The database as kysely sees it. Column names are snake_case, as in the migrations. */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** numeric: pg reads it as a string, PGlite may read a number. */
type Numeric = ColumnType<string | number, string | number, string | number>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: read as parsed JSON, written as a JSON string (one path for PGlite and pg). */
type Json<T> = ColumnType<T, string, string>;

export type Role = "admin" | "importer" | "viewer";

export interface OrganisationsTable {
  id: string;
  name: string;
  closed_period_through: string | null;
  /** How many days after an import its importer may revert it (migration 0011). */
  revert_window_days: Generated<number>;
  /** The admin's import settings (`organisationImportSettingsSchema`), null until set (migration 0012). */
  import_defaults: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  org_id: string;
  name: string;
  email: string;
  role: Role;
  /** An scrypt hash (`services/passwords.ts`); null for users who cannot sign in (migration 0010). */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether their imports' summaries are e-mailed to them (migration 0014). */
  import_mail: Generated<boolean>;
  created_at: Timestamp;
}

/** A personal token, or a sign-in's access token (`session`, with its `grant_id`). */
export type TokenKind = "personal" | "session";

export interface ApiTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  token_hash: string;
  kind: ColumnType<TokenKind, TokenKind | undefined, TokenKind>;
  grant_id: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
}

/** An authorization code, until its one exchange (and after: a second exchange revokes its grant). */
export interface OauthCodesTable {
  code_hash: string;
  org_id: string;
  user_id: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  grant_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** Refresh tokens of one sign-in (`grant_id`) rotate: a rotated one used again revokes them all. */
export interface OauthRefreshTokensTable {
  id: string;
  grant_id: string;
  org_id: string;
  user_id: string;
  client_id: string;
  token_hash: string;
  expires_at: Timestamp;
  rotated_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PicklistValuesTable {
  org_id: string;
  picklist: string;
  value: string;
}

export interface CustomFieldsTable {
  org_id: string;
  sheet: string;
  key: string;
  definition: Json<unknown>;
}

export interface RecordsTable {
  id: string;
  org_id: string;
  sheet: string;
  version: number;
  values: Json<Record<string, unknown>>;
  /** `keyHash`es of the sheet's built-in match keys (`MATCH_COLUMNS`), as text; null where blank. */
  match_1: string | null;
  match_2: string | null;
  match_3: string | null;
  match_4: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A custom field's match token, by its hash (`repositories/key-hash.ts`); hits are verified on the values. */
export interface MatchIndexTable {
  key_hash: string;
  record_id: string;
}

export interface ImportsTable {
  id: string;
  org_id: string;
  sheet: string;
  status: "open" | "finished";
  duplicate_action: string;
  match_keys: Json<string[][]>;
  defaults: Json<Record<string, string>>;
  notify_email: string | null;
  /** Whether the summary goes to the importer (migration 0014). */
  mail_importer: Generated<boolean>;
  dry_run: boolean;
  source: string | null;
  created_by: string;
  counts: Json<Record<string, number>> | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** Times the import was continued after the CRM stopped answering (migration 0016). */
  resumes: Generated<number>;
  /** `started` | `finished` once a revert ran (migration 0011). */
  revert_status: Generated<string | null>;
  reverted_by: Generated<string | null>;
  reverted_at: Generated<Date | null>;
  /** `any` | `all` (migration 0012). */
  match_mode: Generated<string>;
}

export interface ImportBatchesTable {
  import_id: string;
  idempotency_key: string;
  body_hash: string;
  response: Json<unknown> | null;
  created_at: Timestamp;
}

export interface ImportRowsTable {
  import_id: string;
  ref: string;
  outcome: string;
  /** The whole result, kept only when it has errors (migration 0006). */
  result: Json<unknown> | null;
  crm_id: string | null;
  version: number | null;
}

/** A record an import updated, as it was before (migration 0011). */
export interface ImportBeforeImagesTable {
  import_id: string;
  record_id: string;
  version: number;
  values: Json<Record<string, unknown>>;
  after_version: number;
}

/** A record's reference to another record (migration 0015): `kind` is the field that names it. */
export interface RecordReferencesTable {
  org_id: string;
  record_id: string;
  target_id: string;
  kind: string;
}

export interface ImportRevertBatchesTable {
  import_id: string;
  idempotency_key: string;
  body_hash: string;
  response: Json<unknown> | null;
  created_at: Timestamp;
}

export interface ImportRevertRowsTable {
  import_id: string;
  ref: string;
  record_id: string | null;
  outcome: string;
  result: Json<unknown>;
}

export interface JournalEntriesTable {
  id: string;
  org_id: string;
  customer_id: string;
  import_id: string | null;
  entry_date: string;
  memo: string;
  created_at: Timestamp;
}

export interface JournalLinesTable {
  entry_id: string;
  account: string;
  debit: Numeric;
  credit: Numeric;
}

export interface PaymentsTable {
  id: string;
  org_id: string;
  customer_id: string;
  journal_entry_id: string;
  import_id: string | null;
  amount: Numeric;
  payment_date: string;
  method: string;
}

export interface LogTable {
  id: Generated<number>;
  org_id: string;
  kind: "import" | "activity";
  user_id: string | null;
  subject: string;
  message: string;
  details: Json<unknown>;
  created_at: Timestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  oauth_codes: OauthCodesTable;
  oauth_refresh_tokens: OauthRefreshTokensTable;
  picklist_values: PicklistValuesTable;
  custom_fields: CustomFieldsTable;
  records: RecordsTable;
  match_index: MatchIndexTable;
  imports: ImportsTable;
  import_batches: ImportBatchesTable;
  import_rows: ImportRowsTable;
  import_before_images: ImportBeforeImagesTable;
  import_revert_batches: ImportRevertBatchesTable;
  record_references: RecordReferencesTable;
  import_revert_rows: ImportRevertRowsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  payments: PaymentsTable;
  logs: LogTable;
  saved_mappings: SavedMappingsTable;
}

export type ImportRowRow = Selectable<ImportsTable>;
export type NewRecord = Insertable<RecordsTable>;

export interface SavedMappingsTable {
  org_id: string;
  /** The header signature (`headerSignature` in src/import/saved-mapping.ts). */
  signature: string;
  mapping: Json<unknown>;
  updated_by: string;
  updated_at: Generated<Date>;
}
