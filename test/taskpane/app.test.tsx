// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import App from "../../src/taskpane/App";
import { reduceFlow, initialFlow, currentStep } from "../../src/taskpane/flow";
import { themeFor } from "../../src/taskpane/theme";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { DownloadOutcome, SheetInspection, ValidationReport } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { getState, notify, requestPane, resetStore, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";

afterEach(() => {
  cleanup();
  resetStore();
});

const connection = { url: "https://crm.example.com", via: "sign-in" as const };
const emptyReport: ValidationReport = {
  sheet: "Customers",
  rows: 1,
  ready: 1,
  create: 1,
  update: 0,
  unchanged: 0,
  skip: 0,
  checkedWithCrm: true,
  errorRows: 0,
  warningRows: 0,
  byMessage: [],
};

describe("The pane", () => {
  it("shows what a ribbon command reported while it was closed, as dismissable message bars", async () => {
    notify("error", "Import failed: Cannot reach the CRM.", "ribbon");
    // A warning, which stays until dismissed (a success would expire on a slow machine mid-test).
    notify("warning", "Customers: all 4 rows are ready to import.", "Customers");
    renderPane(<App />, fakeActions({ loadConnection: () => Promise.resolve(connection) }));
    expect(screen.getByText("Import failed: Cannot reach the CRM.")).toBeTruthy();
    expect(screen.getByText("Customers: all 4 rows are ready to import.")).toBeTruthy();
    await userEvent.click(screen.getAllByRole("button", { name: text.dismiss })[0]!);
    expect(screen.queryByText("Import failed: Cannot reach the CRM.")).toBeNull();
    expect(getState().notifications.map((n) => n.text)).toEqual([
      "Customers: all 4 rows are ready to import.",
    ]);
  });

  it("asks to connect when the workbook has no connection, and starts when it has one", async () => {
    const first = renderPane(<App />, fakeActions({ loadConnection: () => Promise.resolve(null) }));
    expect(await screen.findByRole("region", { name: text.connectHeading })).toBeTruthy();
    first.unmount();
    renderPane(<App />, fakeActions({ loadConnection: () => Promise.resolve(connection) }));
    expect(await screen.findByRole("region", { name: text.startHeading })).toBeTruthy();
  });

  it("goes back to Connect, saying why, when the kept token no longer works", async () => {
    const { CrmClientError } = await import("../../src/client");
    const refused = new CrmClientError({
      kind: "auth",
      message: "Your CRM token was refused: sign in again.",
    });
    renderPane(
      <App />,
      fakeActions({
        loadConnection: () => Promise.resolve(connection),
        loadSchema: () => Promise.reject(refused),
      }),
    );
    expect(await screen.findByRole("region", { name: text.connectHeading })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe(text.keptSignInRefused);
  });

  it("goes from the active sheet to Map when it is not ours, to Validate when it is, and Back returns", async () => {
    setSchema(testSchema());
    const foreign: SheetInspection = {
      name: "export",
      ours: null,
      isTemplate: false,
      firstRow: ["Name"],
      rows: [],
    };
    const ours: SheetInspection = { ...foreign, name: "Customers", ours: "customers", isTemplate: true };
    const inspectSheet = vi.fn().mockResolvedValueOnce(foreign).mockResolvedValueOnce(ours);
    const validate = vi.fn(() => Promise.resolve(emptyReport));
    renderPane(<App initial={{ kind: "start" }} />, fakeActions({ inspectSheet, validate }));
    await userEvent.click(screen.getByRole("button", { name: text.useActiveSheet }));
    expect(await screen.findByRole("region", { name: text.mapHeading("export") })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.back }));
    await userEvent.click(await screen.findByRole("button", { name: text.useActiveSheet }));
    expect(await screen.findByRole("region", { name: text.validateHeading("Customers") })).toBeTruthy();
    await waitFor(() => expect(validate).toHaveBeenCalledWith("Customers"));
  });

  it("creates the ticked template sheets and signs out back to Connect", async () => {
    setSchema(testSchema());
    const newTemplate = vi.fn(() => Promise.resolve());
    const signOut = vi.fn(() => Promise.resolve());
    renderPane(<App initial={{ kind: "start" }} />, fakeActions({ newTemplate, signOut }));
    const sheets = screen.getByRole("group", { name: text.newTemplateSheets });
    await userEvent.click(within(sheets).getByRole("checkbox", { name: "Sites" }));
    await userEvent.click(screen.getByRole("button", { name: text.createTemplates }));
    await waitFor(() => expect(newTemplate).toHaveBeenCalledWith(["customers", "contacts", "equipment"]));
    expect(screen.getByText(text.connectedTo("Acme Ltd"))).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.signOut }));
    expect(await screen.findByRole("region", { name: text.connectHeading })).toBeTruthy();
    expect(signOut).toHaveBeenCalledTimes(1);
  });

  it("opens a CSV file with the chosen delimiter and maps the new sheet", async () => {
    setSchema(testSchema());
    const openCsv = vi.fn(() =>
      Promise.resolve({
        sheetName: "people",
        rows: [["Name"], ["Acme"]],
        delimiter: "semicolon" as const,
        encoding: "UTF-8" as const,
      }),
    );
    const inspectSheet = vi.fn(() =>
      Promise.resolve({
        name: "people",
        ours: null,
        isTemplate: false,
        firstRow: ["Name"],
        rows: [["Acme"]],
      }),
    );
    renderPane(<App initial={{ kind: "start" }} />, fakeActions({ openCsv, inspectSheet }));
    const file = new File(["Name\nAcme\n"], "people.csv", { type: "text/csv" });
    await userEvent.upload(screen.getByLabelText(text.csvFile), file);
    await userEvent.selectOptions(screen.getByRole("combobox", { name: text.delimiter }), "semicolon");
    await userEvent.click(screen.getByRole("button", { name: text.openFile }));
    expect(await screen.findByRole("region", { name: text.mapHeading("people") })).toBeTruthy();
    const [file0, delimiter] = openCsv.mock.calls[0] as unknown as [
      { name: string; bytes: Uint8Array },
      string,
    ];
    expect([file0.name, Array.from(file0.bytes), delimiter]).toEqual([
      "people.csv",
      Array.from(new TextEncoder().encode("Name\nAcme\n")),
      "semicolon",
    ]);
    expect(inspectSheet).toHaveBeenCalledWith("people");
  });
});

describe("Ribbon commands in the pane", () => {
  const customers: SheetInspection = {
    name: "Customers",
    ours: "customers",
    isTemplate: true,
    firstRow: ["Name *"],
    rows: [],
  };

  it("lands a ribbon Validate on the sheet's error list", async () => {
    setSchema(testSchema());
    const report: ValidationReport = {
      ...emptyReport,
      ready: 0,
      errorRows: 1,
      byMessage: [
        { message: "Client name is required.", severity: "error", count: 1, cells: ["Customers!B3"] },
      ],
    };
    const validate = vi.fn(() => Promise.resolve(report));
    const inspectSheet = vi.fn(() => Promise.resolve(customers));
    renderPane(<App initial={{ kind: "start" }} />, fakeActions({ inspectSheet, validate }));
    act(() => void requestPane({ kind: "validate" }));
    expect(await screen.findByRole("region", { name: text.validateHeading("Customers") })).toBeTruthy();
    expect(await screen.findByRole("button", { name: text.goToCell("Customers!B3") })).toBeTruthy();
    expect(validate).toHaveBeenCalledWith("Customers");
    expect(inspectSheet).toHaveBeenCalledWith();
  });

  it("lands a ribbon Import on its progress, with the sheet's ribbon options", async () => {
    setSchema(testSchema());
    const options = {
      sheet: "Customers",
      duplicateAction: "skip" as const,
      matchKeys: [["name"]],
      defaults: {},
    };
    const importOptionsFor = vi.fn(() => Promise.resolve(options));
    const importSheet = vi.fn(() => new Promise<never>(() => undefined));
    renderPane(
      <App initial={{ kind: "start" }} />,
      fakeActions({ inspectSheet: () => Promise.resolve(customers), importOptionsFor, importSheet }),
    );
    act(() => void requestPane({ kind: "import" }));
    expect(await screen.findByRole("region", { name: text.importHeading })).toBeTruthy();
    expect(screen.getByRole("button", { name: text.cancel })).toBeTruthy();
    expect(importOptionsFor).toHaveBeenCalledWith("Customers", "customers");
    await waitFor(() => expect(importSheet).toHaveBeenCalledWith(options, expect.any(AbortSignal)));
    // A second ribbon Import while this one runs is refused in words, not started twice.
    act(() => void requestPane({ kind: "import" }));
    expect(getState().notifications.map((n) => n.text)).toEqual([text.ribbonWhileImporting]);
    expect(importSheet).toHaveBeenCalledTimes(1);
  });

  it("lands a ribbon Download on its progress and Cancel, and offers each sheet's download on Start", async () => {
    setSchema(testSchema());
    let finish: (n: number) => void = () => undefined;
    const download = vi.fn(
      () =>
        new Promise<DownloadOutcome>(
          (resolve) =>
            (finish = (count) => resolve({ count, sheet: "Customers", kept: { unsent: 0, edited: 0 } })),
        ),
    );
    const downloadRisk = vi.fn(() => Promise.resolve({ sheet: "Customers", unsent: 0, edited: 0 }));
    const importSheet = vi.fn(() => new Promise<never>(() => undefined));
    const importOptionsFor = vi.fn(() =>
      Promise.resolve({
        sheet: "Customers",
        duplicateAction: "skip" as const,
        matchKeys: [["name"]],
        defaults: {},
      }),
    );
    renderPane(
      <App initial={{ kind: "start" }} />,
      fakeActions({
        download,
        downloadRisk,
        importSheet,
        importOptionsFor,
        inspectSheet: () => Promise.resolve(customers),
      }),
    );
    for (const noun of ["customers", "contacts", "sites"])
      expect(screen.getByRole("button", { name: text.downloadSheet(noun) })).toBeTruthy();
    act(() => void requestPane({ kind: "download", sheet: "customers" }));
    expect(await screen.findByRole("region", { name: text.downloadHeading("customers") })).toBeTruthy();
    expect(screen.getByRole("button", { name: text.cancel })).toBeTruthy();
    await waitFor(() =>
      expect(download).toHaveBeenCalledWith("customers", expect.any(AbortSignal), "replace"),
    );
    act(() => void requestPane({ kind: "import" }));
    expect(getState().notifications.map((n) => n.text)).toEqual([text.ribbonWhileDownloading]);
    // Once the download is done, a ribbon command goes on as usual.
    await act(async () => finish(3));
    expect(await screen.findByRole("region", { name: text.downloadDoneHeading })).toBeTruthy();
    act(() => void requestPane({ kind: "import" }));
    expect(await screen.findByRole("region", { name: text.importHeading })).toBeTruthy();
  });

  it("maps a sheet that is not ours before validating it, and asks to connect first when not connected", async () => {
    setSchema(testSchema());
    const foreign: SheetInspection = { ...customers, name: "export", ours: null, isTemplate: false };
    const first = renderPane(
      <App initial={{ kind: "start" }} />,
      fakeActions({ inspectSheet: () => Promise.resolve(foreign) }),
    );
    act(() => void requestPane({ kind: "validate" }));
    expect(await screen.findByRole("region", { name: text.mapHeading("export") })).toBeTruthy();
    first.unmount();
    renderPane(<App initial={{ kind: "connect" }} />, fakeActions({}));
    act(() => void requestPane({ kind: "validate" }));
    expect(getState().notifications.map((n) => n.text)).toEqual([text.ribbonNeedsConnection]);
  });
});

describe("After an import", () => {
  it("Back from the next sheet's steps never validates the imported sheet again (its statuses record the import)", async () => {
    setSchema(testSchema());
    const validate = vi.fn((sheet: string) => Promise.resolve({ ...emptyReport, sheet }));
    const importSheet = vi.fn(() =>
      Promise.resolve({
        sheet: "Customers",
        importId: "imp-1",
        created: 1,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        failed: 0,
        conflict: 0,
        invalid: 0,
        notSent: 0,
      }),
    );
    renderPane(
      <App
        initial={{
          kind: "validate",
          sheet: "Customers",
          target: "customers",
          queue: [{ sheet: "Contacts", target: "contacts" }],
        }}
      />,
      fakeActions({ validate, importSheet }),
    );
    await userEvent.click(await screen.findByRole("button", { name: text.continueToOptions }));
    await userEvent.click(await screen.findByRole("button", { name: text.startImport }));
    await userEvent.click(await screen.findByRole("button", { name: text.continueWith("Contacts") }));
    expect(await screen.findByRole("region", { name: text.validateHeading("Contacts") })).toBeTruthy();
    // Back as far as it goes: never to the imported sheet's Options or Validate.
    for (let i = 0; i < 3 && screen.queryByRole("button", { name: text.back }); i++)
      await userEvent.click(screen.getByRole("button", { name: text.back }));
    expect(screen.queryByRole("region", { name: text.validateHeading("Customers") })).toBeNull();
    expect(validate.mock.calls.map(([sheet]) => sheet)).toEqual(["Customers", "Contacts"]);
  });
});

describe("The flow", () => {
  it("keeps a history stack that Back pops, and forgets the import step once left", () => {
    let flow = reduceFlow(initialFlow, { type: "reset", step: { kind: "start" } });
    flow = reduceFlow(flow, { type: "go", step: { kind: "history" } });
    flow = reduceFlow(flow, { type: "go", step: { kind: "importDetail", importId: "i" } });
    expect(currentStep(reduceFlow(flow, { type: "back" })).kind).toBe("history");
    const options = { sheet: "S", duplicateAction: "skip" as const, matchKeys: [], defaults: {} };
    flow = reduceFlow(flow, { type: "go", step: { kind: "import", options, queue: [] } });
    flow = reduceFlow(flow, { type: "go", step: { kind: "start" } });
    expect(flow.stack.map((s) => s.kind)).toEqual(["start", "history", "importDetail", "start"]);
  });

  it("follows a dark Office theme and is light otherwise", () => {
    expect(themeFor("#1f1f1f")).toBe(webDarkTheme);
    expect(themeFor("#ffffff")).toBe(webLightTheme);
    expect(themeFor(undefined)).toBe(webLightTheme);
  });
});
