/**
 * The ribbon's function commands, associated at module top level: with the shared runtime a ribbon
 * click can load this page before the pane was ever shown. Outside Office (tests, the workbench
 * without office.js) there is nothing to associate with.
 */
import { commandNames } from "./command-names";
import { handlerFor } from "./handlers";

export const officeAvailable = typeof Office !== "undefined" && typeof Office.actions !== "undefined";

if (officeAvailable) {
  Office.actions.associate(commandNames.newTemplate, handlerFor(commandNames.newTemplate));
  Office.actions.associate(commandNames.downloadCustomers, handlerFor(commandNames.downloadCustomers));
  Office.actions.associate(commandNames.validate, handlerFor(commandNames.validate));
  Office.actions.associate(commandNames.import, handlerFor(commandNames.import));
  Office.actions.associate(commandNames.clearMarks, handlerFor(commandNames.clearMarks));
}

export { handlerFor };
