const rowsOf = (n: number): string => (n === 1 ? "1 row" : `${n.toLocaleString("en-US")} rows`);

/** "12 rows not yet imported, 3 edited since download": the rows a download must not lose. */
const heldText = (held: { unsent: number; edited: number }): string =>
  [
    held.unsent ? `${rowsOf(held.unsent)} not yet imported` : "",
    held.edited
      ? `${held.unsent ? held.edited.toLocaleString("en-US") : rowsOf(held.edited)} edited since download`
      : "",
  ]
    .filter(Boolean)
    .join(", ");

/**
 * The task pane's words: labels, headings and the sentences it shows. Kept beside messages.ts so the
 * whole product's text can be reviewed and translated in one folder.
 */
export const paneMessages = {
  title: "CRM Import",
  back: "Back",
  busy: "Working…",
  dismiss: "Dismiss",
  clearMarks: "Clear marks",
  conflictsHeading: "Changed in the CRM since your download",
  conflictsSettled: "Every conflict is settled: import again to send the rows you kept.",
  conflictRow: (name: string, row: number) => `${name} (row ${row})`,
  conflictField: "Field",
  conflictMine: "Yours",
  conflictTheirs: "The CRM's",
  conflictEmpty: "(empty)",
  keepMine: "Keep mine",
  takeTheirs: "Take theirs",
  statusArea: "Messages",
  // Ribbon commands handed to the pane
  ribbonWhileImporting: "An import is running: wait for it to finish, or cancel it, before starting another.",
  ribbonNeedsConnection: "Connect to your CRM first, then run Validate or Import again.",
  // Connect
  connectHeading: "Connect to your CRM",
  crmUrl: "CRM address",
  crmUrlHint: "For example crm.example.com, or localhost:3000 for a CRM on this computer.",
  signIn: "Sign in",
  useToken: "Use a personal API token instead",
  token: "API token",
  tokenHint:
    "For scripts and power users: a token from your CRM admin. Kept for this add-in on this computer, never in the workbook.",
  connect: "Connect",
  connectedTo: (org: string) => `Connected to ${org}`,
  signOut: "Sign out",
  invalidUrl: "This is not a web address: enter it like crm.example.com or https://crm.example.com.",
  urlMissing: "Enter the CRM address, for example crm.example.com.",
  httpRefused:
    "The CRM address must start with https://: plain http:// is only for a CRM on this computer (localhost).",
  tokenMissing: "Enter your API token.",
  signInClosed: "The sign-in window was closed before you signed in.",
  signInCancelled: "Sign-in cancelled.",
  signInMismatch: "The sign-in answer did not match this request: try again.",
  signInError: (code: string) => `The CRM could not sign you in (${code}): try again, or ask your CRM admin.`,
  dialogFailed: (code: number) =>
    `The sign-in window could not open (Office error ${code}): allow pop-ups for this add-in and try again.`,
  /** On the sign-in form when the kept sign-in or token stopped working ("token refused" there reads wrong). */
  keptSignInRefused:
    "The CRM no longer accepts the sign-in this add-in kept (it expired or was revoked): sign in again below.",
  oldTokenRemoved:
    "This workbook held a CRM token saved by an older version of the add-in: it was removed from the workbook. Sign in to connect.",
  // Start
  startHeading: "What do you want to do?",
  newTemplate: "New template",
  newTemplateSheets: "Sheets to create",
  createTemplates: "Create templates",
  downloadCustomers: "Download customers",
  downloadFromCrm: "Download from the CRM",
  downloadSheet: (nounPlural: string) => `Download ${nounPlural}`,
  // Download
  downloadHeading: (nounPlural: string) => `Downloading ${nounPlural}`,
  downloadProgress: "Download progress",
  received: (n: number, nounPlural: string) =>
    `${n.toLocaleString("en-US")} ${nounPlural} received from the CRM`,
  writing: (done: number, total: number) =>
    `Writing into the sheet: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows`,
  writingNoCancel: "Writing into the sheet: this finishes in a moment and cannot be stopped half-way.",
  downloadDoneHeading: "Download finished",
  downloadedInto: (n: number, nounPlural: string, sheet: string) =>
    `${n.toLocaleString("en-US")} ${nounPlural} are in the sheet "${sheet}". Edit them there, then Validate and Import to send the changes back.`,
  downloadWaiting: (seconds: number) =>
    `Waiting for the CRM's answer (${seconds} s so far). Cancel stops the download; nothing is written then.`,
  downloadCancelling: "Stopping the download…",
  downloadCancelled: "Download cancelled: nothing was written to the sheet.",
  heldRows: heldText,
  downloadChoiceHeading: (sheet: string) => `"${sheet}" holds work the CRM does not have`,
  downloadChoiceIntro: (held: { unsent: number; edited: number }) =>
    `${heldText(held)}. Excel's Undo cannot bring back what a download overwrites: choose what happens to them.`,
  mergeAround: "Merge around them",
  mergeAroundHint: (nounPlural: string) =>
    `Downloaded ${nounPlural} replace the rows with their CRM ID that you have not edited, and new ones are added below; rows not yet imported and edited rows stay as they are.`,
  downloadNewSheet: "Download into a new sheet",
  downloadNewSheetHint: (sheet: string) => `A new sheet gets the download; "${sheet}" stays as it is.`,
  replaceRows: "Replace the sheet",
  replaceRowsHint: (held: { unsent: number; edited: number }) =>
    `Everything in the sheet is replaced: the ${heldText(held)} are lost.`,
  keptRows: (held: { unsent: number; edited: number }) =>
    `Left as they were: ${heldText(held)}${held.edited ? " (their status says so where the download had a newer copy)" : ""}.`,
  downloadNeedsChoice: (sheet: string, held: { unsent: number; edited: number }) =>
    `"${sheet}" has ${heldText(held)}: nothing was downloaded. Use Download in the pane to choose between merging around them, a new sheet, or replacing them.`,
  ribbonWhileDownloading:
    "A download is running: wait for it to finish, or cancel it, before starting something else.",
  useActiveSheet: "Use the active sheet",
  openCsv: "Open a CSV file",
  csvFile: "CSV file",
  delimiter: "Delimiter",
  delimiters: { auto: "Detect", comma: "Comma (,)", semicolon: "Semicolon (;)", tab: "Tab" },
  openFile: "Open file",
  history: "Past imports",
  csvOpened: (sheet: string, rows: number, delimiter: string, encoding: string) =>
    `Opened ${rows} rows into "${sheet}" (${delimiter}, ${encoding}).`,
  emptyCsv: "The file has no rows.",
  // Map
  mapHeading: (sheet: string) => `Match the columns of "${sheet}"`,
  importAs: "Import as",
  firstRowHeader: "First row is a header",
  oneRowPerContact: "One row per contact person (company repeated on each row)",
  groupBy: "Group rows into one customer by",
  column: (header: string) => `Column "${header}"`,
  ignore: "Don't import",
  confidence: (pct: number) => `${pct}% sure`,
  unmapped: (n: number) => (n === 1 ? "1 column not matched" : `${n} columns not matched`),
  ambiguous: (n: number) =>
    n === 1 ? "1 column fits several fields: choose one" : `${n} columns fit several fields: choose one`,
  ambiguousColumn: "Fits several fields",
  unmappedColumn: "Not matched",
  requiredMissing: (labels: string) => `Not matched yet (required): ${labels}.`,
  saveMapping: "Remember this mapping for files with the same headers",
  saveMappingHint: "Ticked once you change something, so a first proposal is never saved unseen.",
  mappingSavedInWorkbookOnly: (why: string) =>
    `The mapping is saved in this workbook only: the CRM could not be reached (${why}), so colleagues will not get it yet.`,
  savedMappingUsed: "Using the mapping you saved for these headers.",
  applyMapping: "Use this mapping",
  groupedInto: (customers: number, contacts: number) => `${customers} customers with ${contacts} contacts.`,
  emptySheet: (sheet: string) =>
    `"${sheet}" is empty: type or paste your data under a header row, or open a CSV file.`,
  samples: (values: readonly string[]) => `e.g. ${values.join(" · ")}`,
  emptyColumn: "No values in this column.",
  duplicateTarget: (field: string, headers: readonly string[]) =>
    `${headers.map((h) => `"${h}"`).join(" and ")} all go to ${field}: choose one column for it.`,
  nothingToImport: (labels: string) => `No column is mapped to ${labels}: nothing can be imported.`,
  groupingProposed: (header: string) =>
    `Each row is one person, and companies repeat: rows are grouped into one customer per value of "${header}".`,
  groupByMatchKeys: "The customer match keys below",
  groupByColumn: (header: string) => `Column "${header}"`,
  dateOrder: "Date order",
  dateOrders: {
    DMY: "Day/month/year (25/03/2026)",
    MDY: "Month/day/year (03/25/2026)",
    YMD: "Year-month-day (2026-03-25)",
  },
  dateOrderUnknown: "Not set (a date that reads two ways: your locale's order, with a warning)",
  decimalMark: "Decimal separator",
  decimalMarks: { ".": "Point (1,234.50)", ",": "Comma (1.234,50)" },
  decimalMarkUnknown: "Not set (read each value as written)",
  detected: (what: string) => `${what} (detected)`,
  valuesHeading: (field: string, n: number) =>
    n === 1 ? `1 value is not in the list of ${field}` : `${n} values are not in the list of ${field}`,
  valueBecomes: (value: string) => `"${value}" becomes`,
  keepValue: "Keep as it is (marked as an error)",
  // Validate
  validateHeading: (sheet: string) => `Check "${sheet}"`,
  validate: "Validate",
  rows: "Rows",
  ready: "Ready",
  withErrors: "With errors",
  willBeSkipped: "Will be skipped (match a CRM record)",
  addToCrmList: (value: string) => `Add "${value}" to the CRM's list`,
  inFileDuplicates: (groups: number, rows: number) =>
    `${groups === 1 ? "1 group" : `${groups} groups`} of rows in this sheet repeat each other on a match key (${rows} rows). What should Import do with them?`,
  inFileDuplicateChoices: {
    first: "Import the first row of each group",
    merge: "Merge each group into one record (first filled value per field)",
    all: "Import every row as its own record",
  },
  withWarnings: "With warnings",
  errorsByMessage: "Problems, by message",
  severity: { error: "Error", warning: "Warning" },
  goToCell: (address: string) => `Go to ${address}`,
  nextError: "Next error",
  previousError: "Previous error",
  errorPosition: (i: number, n: number) => `Error ${i} of ${n}`,
  noErrors: "No problems found.",
  continueToOptions: "Import options",
  // Options
  optionsHeading: "Import options",
  whenMatched: "When a row matches an existing customer",
  duplicateActions: { skip: "Skip it", update: "Update it", clone: "Create a copy" },
  matchKeys: "Match on",
  matchMode: "A row matches an existing record when",
  matchModes: {
    any: "any one of the ticked columns matches",
    all: "all of the ticked columns match together",
  },
  defaultsHeading: "For blank cells, use",
  accountManager: "Account manager",
  campaign: "Campaign",
  category: "Category",
  none: "(leave blank)",
  emailMe: "E-mail me the summary when done",
  emailMeAt: (address: string) => `E-mail me the summary when done (${address})`,
  emailMeHint:
    "Your choice is remembered for your next imports. The summary lists the rows not imported and links to the import's report.",
  email: "Also e-mail it to (optional)",
  dryRun: "Dry run: preview what would happen, change nothing",
  startImport: "Import",
  preview: "Preview",
  previewHeading: "What the import would do",
  /** A dry run's group: "Failed: 12 rows" then the reason and the first rows. */
  previewGroup: (outcome: string, count: number) => `${outcome}: ${count === 1 ? "1 row" : `${count} rows`}`,
  previewRefs: (refs: readonly string[], count: number) =>
    count > refs.length ? `${refs.join(", ")} and ${count - refs.length} more` : refs.join(", "),
  // Import
  importHeading: "Importing",
  progressLabel: "Import progress",
  rowsOf: (done: number, total: number) => `${done} of ${total} rows`,
  rate: (perSecond: number) => `${Math.round(perSecond)} rows/s`,
  waitingRetry: (seconds: number) =>
    `Waiting for the CRM: it did not answer, trying again in ${seconds} s. Nothing is sent twice.`,
  waitingAnswer: (seconds: number) =>
    `Waiting for the CRM's answer (${seconds} s so far). The rows sent are safe; Cancel stops after them.`,
  timeLeft: (seconds: number) =>
    seconds >= 90
      ? `about ${Math.ceil(seconds / 60)} min left`
      : `about ${Math.max(1, Math.ceil(seconds))} s left`,
  cancel: "Cancel",
  cancelling: "Stopping after the current batch…",
  summaryHeading: "Import finished",
  /** The CRM stopped answering: the import is kept open, not finished. */
  summaryStoppedHeading: "Import stopped: the CRM stopped answering",
  counts: {
    created: "Created",
    updated: "Updated",
    unchanged: "Unchanged",
    skipped: "Skipped",
    failed: "Failed",
    conflict: "Conflicts",
    invalid: "Not sent (errors)",
    notSent: "Not sent (cancelled)",
    noAnswer: "No answer yet",
  },
  /** Once, below the counts of an import the CRM stopped answering (the label stays short for 320 px). */
  noAnswerNote:
    "The CRM may have saved the rows with no answer yet. Import again continues this import: a saved row gets its CRM ID, never a copy.",
  failedRows: "Rows not imported",
  skippedRows: "Rows skipped",
  /** Below a list cut short: the rest are said in the sheet. */
  moreRows: (n: number) => `and ${n.toLocaleString("en-US")} more (see the status column)`,
  done: "Done",
  /** The CRM's report page of an import (the one the summary e-mail links to), in the browser. */
  openReport: "Open the report",
  continueWith: (sheet: string) => `Continue with "${sheet}"`,
  // History
  historyHeading: "Past imports",
  noImports: "No imports yet.",
  importWhen: (when: string, who: string) => `${when} by ${who}`,
  importCounts: (created: number, updated: number, failed: number) =>
    `${created} created, ${updated} updated, ${failed} failed`,
  dryRunTag: "dry run",
  /** An import not finished: running now, or stopped when the CRM did not answer. */
  notFinishedTag: "not finished",
  notFinished: (source: string) =>
    `Not finished: still running, or stopped when the CRM did not answer. Import ${source} again to continue it; rows the CRM saved keep their CRM IDs and are not created twice.`,
  /** An import the CRM stopped answering, continued by a later Import of its sheet. */
  resumedTag: "interrupted, resumed",
  resumedNote: (times: number) =>
    `The CRM stopped answering during this import, and Import continued it ${times === 1 ? "once" : `${times} times`}: rows the CRM had saved got their CRM IDs, none was created twice. The counts are the whole import's.`,
  openImport: (when: string) => `Open the import of ${when}`,
  failuresHeading: "Failures",
  noFailures: "No row failed.",
  loadMore: "Load more",
} as const;
