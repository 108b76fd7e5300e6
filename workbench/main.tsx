/**
 * workbench.html's first script: builds the simulated workbook, makes it the global Excel, starts
 * recording Office.actions.associate, and only then lets the commands and pane bundles run (they
 * follow this entry in the page). Exposes `window.workbench` for tests and the devtools console.
 */
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { installBufferByteLength } from "./browser-shims";
import { SimWorkbook } from "./excel-sim";
import {
  installSimulator,
  installTaskpaneControl,
  recordAssociations,
  registeredCommands,
  runCommand,
} from "./office-bridge";
import { keepAcrossReloads, loadKept } from "./keeper";
import { Workbench } from "./Workbench";

/**
 * `?api=1.17` simulates an older Excel (no notes), `?sheets=A,B` starts with other sheets, `?fresh`
 * starts empty; otherwise the workbook (and connection) kept from the last visit is reopened.
 */
const Query = z.object({
  api: z
    .string()
    .regex(/^1\.\d{1,2}$/)
    .optional(),
  sheets: z.string().min(1).optional(),
  fresh: z.string().optional(),
});

const query = Query.parse(Object.fromEntries(new URLSearchParams(location.search)));
const book = new SimWorkbook({
  ...(query.api ? { apiVersion: query.api } : {}),
  sheets: query.sheets?.split(",") ?? ["Sheet1"],
});

const storage = pageStorage();
if (storage && query.fresh === undefined && query.sheets === undefined) loadKept(book, storage);
const keeper = storage ? keepAcrossReloads(book, storage) : null;

installBufferByteLength();
installSimulator(book);
recordAssociations(Office);
installTaskpaneControl(Office);
Object.assign(window, { workbench: { book, runCommand, registeredCommands, keeper } });

const root = document.getElementById("workbench");
if (!root) throw new Error("workbench.html has no #workbench element");
createRoot(root).render(
  <Workbench
    book={book}
    pane={document.getElementById("pane")}
    onNewWorkbook={() => {
      keeper?.forget();
      location.assign(location.pathname);
    }}
  />,
);

/** localStorage, or null where the browser refuses it (private modes, sandboxed frames). */
function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
