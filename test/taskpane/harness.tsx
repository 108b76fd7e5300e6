/** What every pane test needs: a schema like the CRM's, fake workflow actions, and a render with providers. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";
import {
  buildCatalog,
  CATALOG_VERSION,
  defaultMatchKeys,
  matchKeyChoices,
  schemaDocumentSchema,
  type CustomField,
  type SchemaDocument,
} from "../../src/domain";
import { ActionsContext } from "../../src/taskpane/actions-context";
import type { PaneActions } from "../../src/workflows/pane-actions";

/** jsdom has no layout, so no ResizeObserver; Fluent's MessageBar observes its size for reflow. */
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in globalThis)) Object.assign(globalThis, { ResizeObserver: NoLayoutResizeObserver });

/** A schema like the CRM's, with the organisation's custom fields when given. */
export function testSchema(customFields: CustomField[] = []): SchemaDocument {
  return schemaDocumentSchema.parse({
    catalogVersion: CATALOG_VERSION,
    schemaHash: "abc",
    organisation: { id: "org-1", name: "Acme Ltd" },
    sheets: buildCatalog(customFields),
    customFields,
    picklists: {
      accountManager: ["Ann Berg", "Bo Ek"],
      campaign: ["Spring fair"],
      category: ["Retail", "Wholesale"],
    },
    closedPeriodThrough: null,
    matchKeyChoices,
    defaultMatchKeys,
  });
}

/** Every action fails unless the test gives it: a call the test did not expect shows up at once. */
export function fakeActions(overrides: Partial<PaneActions> = {}): PaneActions {
  const unexpected = (name: string) => vi.fn(() => Promise.reject(new Error(`unexpected call: ${name}`)));
  const base: PaneActions = {
    loadConnection: unexpected("loadConnection"),
    loadSchema: vi.fn(() => Promise.resolve(testSchema())),
    signIn: unexpected("signIn"),
    connect: unexpected("connect"),
    signOut: unexpected("signOut"),
    newTemplate: unexpected("newTemplate"),
    downloadRisk: unexpected("downloadRisk"),
    download: unexpected("download"),
    inspectSheet: unexpected("inspectSheet"),
    openCsv: unexpected("openCsv"),
    loadSavedMapping: vi.fn(() => Promise.resolve(undefined)),
    saveMapping: unexpected("saveMapping"),
    applyMapping: unexpected("applyMapping"),
    addPicklistValue: unexpected("addPicklistValue"),
    validate: unexpected("validate"),
    clearMarks: unexpected("clearMarks"),
    resolveConflict: unexpected("resolveConflict"),
    selectCell: unexpected("selectCell"),
    preview: unexpected("preview"),
    importSheet: unexpected("importSheet"),
    importOptionsFor: unexpected("importOptionsFor"),
    listImports: unexpected("listImports"),
    openImport: unexpected("openImport"),
    openReport: unexpected("openReport"),
    runDiagnostics: unexpected("runDiagnostics"),
    previewRevert: unexpected("previewRevert"),
    revertImport: unexpected("revertImport"),
    // An import that booked no balances, as most do.
    importBalances: vi.fn(() => Promise.resolve({ items: [], canRemove: false })),
    removeImportBalances: unexpected("removeImportBalances"),
    customerLedger: unexpected("customerLedger"),
    selectedCustomerId: unexpected("selectedCustomerId"),
    // The signed-in importer: summaries e-mailed to them until they opt out.
    loadMe: vi.fn(() =>
      Promise.resolve({
        id: "usr-1",
        name: "Ann Berg",
        email: "ann@acme.test",
        role: "importer",
        importMail: true,
      }),
    ),
  };
  return { ...base, ...overrides };
}

export function renderPane(ui: ReactElement, actions: PaneActions): RenderResult {
  return render(
    <FluentProvider theme={webLightTheme}>
      <ActionsContext.Provider value={actions}>{ui}</ActionsContext.Provider>
    </FluentProvider>,
  );
}
