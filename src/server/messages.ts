/**
 * The API's own sentences (errors a caller sees). Row-level messages come from src/domain/messages,
 * the same ones the add-in shows.
 */
export const apiMessages = {
  missingToken: "Sign in: send your API token as 'Authorization: Bearer <token>'.",
  badToken: "This API token is not valid (revoked or mistyped): ask your CRM admin for a new one.",
  forbidden: (role: string, action: string) => `Your role (${role}) cannot ${action}: ask a CRM admin.`,
  balancesNotYours: "Only an admin, or the person who ran this import, can remove its opening balances.",
  notFound: (noun: string) => `No such ${noun} in your organisation.`,
  routeNotFound: (method: string, url: string) => `No API route ${method} ${url}.`,
  invalidRequest: (detail: string) => `The request is not valid: ${detail}`,
  bodyTooLarge: (limitBytes: number) =>
    `The request body is larger than ${Math.round(limitBytes / 1024 / 1024)} MB: send fewer rows per batch.`,
  tooManyRows: (max: number) => `A batch holds at most ${max} rows: split it.`,
  rateLimited: (seconds: number) => `Too many requests with this token: wait ${seconds} s and try again.`,
  idempotencyKeyRequired:
    "Send an Idempotency-Key header with each batch, so a retried batch is not written twice.",
  idempotencyKeyReused:
    "This Idempotency-Key was already used with a different batch: use a new key for new rows.",
  importFinished: "This import is finished: open a new import to send more rows.",
  importSheetMismatch: "This import is for another sheet.",
  matchKeysNotOffered: (keys: string) => `Match keys must be among this sheet's choices: ${keys}.`,
  noMatchKeys: (sheet: string) => `Choose at least one match key for ${sheet}.`,
  notAContactCategory: (value: string, offered: string) =>
    offered
      ? `"${value}" is not one of the contact categories: ${offered}. Add it to the list first.`
      : `"${value}" is not a contact category: add it to the contact categories first.`,
  customFieldExists: (key: string) => `A custom field "${key}" already exists on this sheet.`,
  noSuchPicklist: (name: string) =>
    `There is no list "${name}" to add to: name category, campaign, contactCategory or a custom picklist field's key (cf_...).`,
  notAPicklist: (label: string, kind: string) =>
    `The custom field "${label}" is a ${kind} field, not a picklist: it has no list of values to add to.`,
  picklistOnSeveralSheets: (key: string, sheets: readonly string[]) =>
    `The custom field "${key}" is on several sheets (${sheets.join(", ")}): say which one with "sheet".`,
  picklistFull: (label: string, max: number) =>
    `The list of "${label}" already holds ${max} values, the most it can: remove one in the CRM first.`,
  corsRefused: (origin: string) => `Origin ${origin} is not allowed to call this API.`,
  unstorableText: (where: string, char: string, isName: boolean) =>
    `${where}: ${isName ? "the field's name" : "the text"} holds ${
      char === "U+0000" ? "a NUL character (U+0000)" : `half of a character (${char}, a lone surrogate)`
    }, which the CRM cannot store: remove it and send again.`,
  textTooLong: (where: string, length: number, max: number, isName: boolean) =>
    `${where}: the ${isName ? "field's name" : "text"} is ${length} characters long; at most ${max} are accepted.`,
  tooManyFields: (where: string, max: number) =>
    `${where || "the request"} has more than ${max} fields: no row or setting needs that many.`,
  tooManyFieldsInRequest: (max: number) =>
    `The request has more than ${max} fields in all: send fewer rows per batch.`,
  tooManyItems: (where: string, max: number) =>
    `${where} has more than ${max} entries: send fewer at a time.`,
  notACalendarDate: "Write a real calendar day as YYYY-MM-DD, e.g. 2025-12-31.",
  internal: (errorId: string) =>
    `Something went wrong on the CRM server; try again, and tell your admin if it persists (error id ${errorId}).`,
  tooManyBadTokens: (seconds: number) =>
    `Too many requests with API tokens that are not valid from your address: wait ${seconds} s and try again.`,
} as const;
