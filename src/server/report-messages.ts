import { paneMessages } from "../domain/pane-messages";

/** The words of the CRM's import report page and of its own sign-in for it (issue 15). */
export const reportMessages = {
  title: "Import report",
  signInIntro: "Sign in to the CRM to see this import's report.",
  what: (what: string, organisation: string) => `${what}, into ${organisation}`,
  ranBy: "Run by",
  started: "Started",
  finished: "Finished",
  notFinished: "Not finished",
  dryRun: "Dry run: nothing was written to the CRM.",
  /** The Import summary's own words for the outcomes, so the page and the pane never differ. */
  counts: (({ created, updated, unchanged, skipped, failed, conflict }) => ({
    created,
    updated,
    unchanged,
    skipped,
    failed,
    conflict,
  }))(paneMessages.counts),
  rowsHeading: "Rows",
  problemsHeading: "Rows not imported as sent",
  showAll: "All rows",
  showProblems: "Only rows not imported as sent",
  noRows: "No rows.",
  columns: { row: "Row", outcome: "Outcome", record: "Record", crmId: "CRM ID", reasons: "Reasons" },
  page: (n: number, of: number) => `Page ${n} of ${of}`,
  previous: "Previous page",
  next: "Next page",
  notFound: "There is no such import in your organisation.",
  badSignInForm: "This sign-in form expired: open the report's link again.",
} as const;
