/**
 * The ribbon's function commands: each name is a `<FunctionName>` in manifest.xml and is registered
 * with `Office.actions.associate` in src/commands. A test checks both sides agree.
 */
export const commandNames = {
  newTemplate: "crmNewTemplate",
  downloadCustomers: "crmDownloadCustomers",
  validate: "crmValidate",
  import: "crmImport",
  clearMarks: "crmClearMarks",
} as const;
export type CommandName = (typeof commandNames)[keyof typeof commandNames];
