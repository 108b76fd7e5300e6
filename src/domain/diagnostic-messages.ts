/**
 * The words of "Check this Excel": each probe's name and what it found, and the report people copy
 * and send. Kept with the other messages modules so all user-facing text is in one folder.
 */
export const diagnosticMessages = {
  menu: "More",
  menuItem: "Check this Excel",
  heading: "Check this Excel",
  intro:
    "Runs small checks against this Excel in a scratch sheet that is removed afterwards. Your sheets are not touched.",
  run: "Run the checks",
  runAgain: "Run again",
  running: "Checking…",
  copy: "Copy report",
  copied: "The report is on the clipboard.",
  copyByHand: "Copying was not allowed here: the report is selected below, press Ctrl+C (Cmd+C on a Mac).",
  reportLabel: "Report",
  status: { pass: "Pass", fail: "Fail", skipped: "Skipped" } as const,
  summary: (passed: number, failed: number, skipped: number) =>
    `${passed} passed, ${failed} failed, ${skipped} skipped.`,
  reportTitle: "CRM Import: Check this Excel",
  reportHost: (host: string, platform: string, version: string) =>
    `Host: ${host}, platform ${platform}, version ${version}`,
  reportBrowser: (userAgent: string) => `Browser: ${userAgent}`,
  reportDate: (iso: string) => `Checked: ${iso}`,
  unknown: "unknown",
  probes: {
    requirementSets: "Requirement sets",
    scratchSheet: "Scratch sheet",
    formatBounded: "Text format on a bounded column range",
    formatUnboundedArray: "Text format on a whole column (1x1 array)",
    notes: "Notes: add, update, delete on a noted cell",
    payload: "A request near the 5 MB limit",
    textWrite: "A phone number typed as text",
    cleanup: "Scratch sheet removed",
  } as const,
  details: {
    sets: (excelApi: string, missing: string, shared: boolean) =>
      `ExcelApi up to ${excelApi}${missing ? ` (not: ${missing})` : ""}; SharedRuntime 1.1: ${shared ? "yes" : "no"}.`,
    setsNeed: (minimum: string) => ` The add-in needs ExcelApi ${minimum} and SharedRuntime 1.1.`,
    noExcelApi: "none",
    scratchAdded: (name: string) => `Added "${name}".`,
    notAttempted: "Not run: the scratch sheet could not be added.",
    formatKept: (address: string, format: string) => `${address} reads back as "${format}".`,
    formatChanged: (address: string, format: string) => `${address} reads back as "${format}", not "@".`,
    notesUnsupported: "This Excel has no ExcelApi 1.18: marks use input messages instead of notes.",
    notesWorked:
      "A note was added, a second add on the same cell was refused, the note was updated, deleted and then reported missing.",
    notesSecondAdd: "A second note on the same cell was accepted; Excel refuses it elsewhere.",
    notesContent: (content: string) => `After the update the note reads "${content}".`,
    notesLeft: "The note was still there after delete.",
    payloadWorked: (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB (UTF-8) written in one request.`,
    payloadMismatch: "The values read back differ from those written.",
    textKept: (value: string) => `Read back unchanged: "${value}".`,
    textChanged: (value: string, type: string) => `Read back as ${type} "${value}".`,
    cleaned: "The scratch sheet is gone.",
    stillThere: (name: string) => `"${name}" is still in the workbook: delete it by hand.`,
    failed: (code: string, message: string) => `${code}: ${message}`,
  },
} as const;
