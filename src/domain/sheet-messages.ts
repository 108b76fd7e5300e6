/**
 * The words the add-in writes into the workbook itself: template markers and legend, the status
 * column, and the names of the add-in's own sheets. Kept beside messages.ts for review and translation.
 */
/** A count as the user reads it: 9,853. */
const count = (n: number): string => n.toLocaleString("en-US");
/** "1 row", "2 rows": a count with its noun. */
const rows = (n: number): string => `${count(n)} ${n === 1 ? "row" : "rows"}`;

export const sheetMessages = {
  requiredMarker: " *",
  multiLocationMarker: " (multi-location)",
  /** Row 1 above each column: what that column is (its header's colour and marker say the same). */
  keyRequired: "Required",
  keyOptional: "Optional",
  keyMultiLocation: "If multi-location",
  keySystem: "From the CRM",
  keyStatus: "From the add-in",
  /** The key: its own block in row 1, right of the add-in's columns, above no column of data. */
  legendTitle: "Key",
  legendRequired: "Required: header ends in *",
  legendOptional: "Optional",
  legendMultiLocation: "Required for multi-location companies: header ends in (multi-location)",
  legendSystem: "Filled in by the CRM",
  legendError: "Error (striped): see the note on the cell",
  legendWarning: "Warning: see the note on the cell",
  legendConflict: "Conflict (dotted): the CRM changed it; choose in the pane",
  statusHeader: "Import status",
  versionHeader: "CRM version",
  hashHeader: "CRM row hash",
  marksHeader: "CRM marks",
  /** The CRM ID column added to a sheet that had none (the same words as the field's label). */
  crmIdHeader: "CRM ID",
  listsSheet: "Lists",
  yes: "Yes",
  no: "No",
  maxLength: (n: number) => `At most ${n} characters.`,
  options: (list: string) => `Pick from the list: ${list}.`,
  headerNoteTitle: (label: string) => label,
  readyCreate: "Ready: will create",
  /** The fields the import's defaults fill on a new record: "Category: Decision maker (the default)". */
  readyCreateWith: (filled: string) => `Ready: will create with ${filled}`,
  readyUpdate: "Ready: will update",
  readyUpdateOf: (labels: string) => `Ready: will update ${labels}`,
  willSkip: (why: string) => (why ? `Will skip: ${why}` : "Will skip"),
  willFail: (why: string) => `Will fail: ${why}`,
  notCheckedWithCrm: (why: string) =>
    `The CRM could not be asked what each row would become (${why}): the statuses show the add-in's own checks.`,
  changedSinceValidate: (said: string) => ` (the CRM changed since Validate, which said "${said}")`,
  unchanged: "No changes",
  /** Values read from another spelling, after a ready row's status: "; read as United States → US". */
  readAs: (changes: readonly string[]) =>
    `; read as ${changes.slice(0, 3).join(", ")}${changes.length > 3 ? ` and ${changes.length - 3} more` : ""}`,
  errors: (n: number) => (n === 1 ? "1 error" : `${n} errors`),
  warnings: (n: number) => (n === 1 ? "1 warning" : `${n} warnings`),
  created: "Created",
  updated: "Updated",
  unchangedInCrm: "Unchanged",
  skipped: (why: string) => (why ? `Skipped: ${why}` : "Skipped"),
  failed: (why: string) => `Failed: ${why}`,
  conflict: (why: string) => `Conflict: ${why}`,
  conflictCell: (theirs: string) =>
    `Conflict: the CRM changed this since your download. The CRM has: ${theirs === "" ? "(empty)" : theirs}`,
  keptMine: "Keeping yours: Import sends this row over the CRM's newer version",
  tookTheirs: "Took the CRM's values",
  keptMineNote: (name: string) => `${name}: your values are kept; Import sends them over the CRM's.`,
  tookTheirsNote: (name: string) => `${name}: the CRM's values are in the sheet now.`,
  rowIssue: (message: string) => message,
  notOurSheet: (name: string) =>
    `"${name}" is not a Customers, Contacts, Sites or Equipment sheet: open one of those sheets (New template makes them), then try again.`,
  noConnection: "Connect to your CRM first: enter its address and your API token in the pane.",
  templatesReady: (created: number, upgraded: number) =>
    `Templates ready: ${[
      created ? `${created} created` : "",
      upgraded ? `${upgraded} upgraded to the CRM's current fields` : "",
    ]
      .filter(Boolean)
      .join(", ")}.`,
  /** New template when every chosen sheet was already there and current: nothing was done. */
  templatesUpToDate:
    "The templates are already in this workbook, with the CRM's current fields: nothing to do.",
  validated: (sheet: string, ready: number, errorRows: number, skip = 0) =>
    errorRows === 0 && skip === 0
      ? ready === 0
        ? `${sheet}: no rows to check.`
        : ready === 1
          ? `${sheet}: the 1 row is ready to import.`
          : `${sheet}: all ${count(ready)} rows are ready to import.`
      : `${sheet}: ${rows(ready)} ready, ${skip ? `${count(skip)} will be skipped, ` : ""}${count(errorRows)} with errors (marked in the sheet).`,
  imported: (sheet: string, created: number, updated: number, skipped: number, failed: number) =>
    created + updated === 0
      ? `${sheet}: nothing was created or updated: ${count(skipped)} skipped, ${count(failed)} failed (see the status column).`
      : `${sheet}: ${count(created)} created, ${count(updated)} updated, ${count(skipped)} skipped, ${count(failed)} failed (see the status column).`,
  /** An import the CRM stopped answering: kept open, so the next Import goes on where it stopped. */
  interrupted: (sheet: string, unanswered: number) =>
    `${sheet}: the CRM stopped answering, ${count(unanswered)} rows have no answer yet. Run Import again when the CRM is back: it continues this import, and a row the CRM already saved gets its CRM ID, never a copy.`,
  /** A row of a batch the CRM never answered, in an import kept open. */
  noAnswer: (reason: string) =>
    `No answer from the CRM (${reason}); it may have saved this row. Run Import again to continue: the row then gets its CRM ID, or is sent now.`,
  /** The next Import of that sheet: the same import, continued. */
  resumed: (sheet: string) =>
    `${sheet}: continuing the import the CRM stopped answering; rows it already saved are not sent again.`,
  nothingToImport: (sheet: string) => `${sheet}: nothing to import: no new or changed rows without errors.`,
  downloaded: (count: number, sheet: string) => `${count} ${sheet} downloaded into the sheet.`,
  /** A row edited since its download, left as it was by a download merged around it. */
  keptEdited:
    "Kept as you edited it: the download did not replace this row. Import sends your changes (a conflict if the CRM changed it too).",
  marksCleared: (sheet: string) =>
    `${sheet}: marks cleared, each cell's own colour is back. Validate checks the sheet again.`,
  failedAction: (what: string, why: string) => `${what} failed: ${why}`,
  unexpected: "Something went wrong in the add-in: try again, and if it persists, reload the add-in.",
} as const;
