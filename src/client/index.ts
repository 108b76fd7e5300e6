/** The only code that talks to the CRM API. Workflows import from here. */
export {
  createCrmClient,
  type CrmClient,
  type ConnectionCheck,
  type DownloadProgress,
  type ListRecordsOptions,
} from "./crm-client";
export { CrmClientError, crmErrorKinds, type CrmErrorKind } from "./errors";
export {
  confirmUnconfirmed,
  importRows,
  type FailedBatch,
  type ImportRowsOptions,
  type ImportRowsResult,
  type RowReport,
  type RowSource,
  type RowStatus,
} from "./import-rows";
export { crmClientOptionsSchema, type CrmClientOptions, type CrmClientSettings } from "./options";
export type { ImportProgress } from "./progress";
export {
  createSession,
  exchangeCode,
  type AccessTokens,
  type FormPost,
  type SessionOptions,
  type SignInSession,
} from "./sign-in";
export { pkcePair, randomToken } from "./pkce";
