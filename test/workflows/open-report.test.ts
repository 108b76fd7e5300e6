// "Open the report" (issue 15): the pane opens the CRM's report page of an import in the browser,
// with Office's openBrowserWindow where the host has it, else window.open.
import { afterEach, describe, expect, it, vi } from "vitest";
import { reportPath } from "../../src/domain";
import { sheetMessages } from "../../src/domain/sheet-messages";
import { openInBrowser, type AddinHost } from "../../src/excel";
import { openReport } from "../../src/workflows/history";
import { resetStore, setConnection } from "../../src/workflows/store";
import { simEnv } from "../excel/helpers";

afterEach(() => {
  resetStore();
  vi.unstubAllGlobals();
});

function recordingHost(): { host: AddinHost; opened: string[] } {
  const opened: string[] = [];
  const host: AddinHost = {
    origin: "https://addin.example",
    openDialog: () => Promise.reject(new Error("no dialog here")),
    openBrowser: (url) => void opened.push(url),
    storage: { get: async () => null, set: async () => undefined, remove: async () => undefined },
  };
  return { host, opened };
}

describe("Open the report", () => {
  it("opens the import's report page at the CRM address the pane is connected to", async () => {
    const { host, opened } = recordingHost();
    setConnection({ url: "https://crm.example.com/acme", via: "sign-in" });
    await openReport({ env: simEnv().env, host }, "imp-42");
    expect(opened).toEqual(["https://crm.example.com/acme/imports/imp-42/report"]);
  });

  it("says to connect first when the pane is not connected, and opens nothing", async () => {
    const { host, opened } = recordingHost();
    await expect(openReport({ env: simEnv().env, host }, "imp-42")).rejects.toThrow(
      sheetMessages.noConnection,
    );
    expect(opened).toEqual([]);
  });

  it("the path is the one the CRM serves, its id escaped", () => {
    expect(reportPath("imp-1")).toBe("/imports/imp-1/report");
    expect(reportPath("a/b?c")).toBe("/imports/a%2Fb%3Fc/report");
  });

  it("uses Office's openBrowserWindow where OpenBrowserWindowApi 1.1 is supported", () => {
    const openBrowserWindow = vi.fn();
    const open = vi.fn();
    vi.stubGlobal("Office", { context: { ui: { openBrowserWindow } } });
    vi.stubGlobal("window", { open });
    const asked: string[] = [];
    openInBrowser("https://crm.example.com/imports/i/report", (name, version) => {
      asked.push(`${name} ${version}`);
      return true;
    });
    expect(asked).toEqual(["OpenBrowserWindowApi 1.1"]);
    expect(openBrowserWindow).toHaveBeenCalledWith("https://crm.example.com/imports/i/report");
    expect(open).not.toHaveBeenCalled();
  });

  it("falls back to window.open where it is not (Excel on the web, the workbench)", () => {
    const openBrowserWindow = vi.fn();
    const open = vi.fn();
    vi.stubGlobal("Office", { context: { ui: { openBrowserWindow } } });
    vi.stubGlobal("window", { open });
    openInBrowser("https://crm.example.com/imports/i/report", () => false);
    expect(open).toHaveBeenCalledWith("https://crm.example.com/imports/i/report", "_blank", "noopener");
    expect(openBrowserWindow).not.toHaveBeenCalled();
  });
});
