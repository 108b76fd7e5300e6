import { describe, expect, it } from "vitest";
import { SimWorkbook } from "./excel-sim";
import { hostSupports, recordAssociations, registeredCommands, runCommand } from "./office-bridge";

/** Just the part of office.js the bridge touches: Office.actions.associate. */
function fakeOffice(): { office: typeof Office; seen: string[] } {
  const seen: string[] = [];
  const actions = { associate: (name: string) => void seen.push(name) };
  return { office: { actions } as unknown as typeof Office, seen };
}

describe("the workbench's ribbon bridge", () => {
  it("records each associated function and still registers it with office.js", () => {
    const { office, seen } = fakeOffice();
    recordAssociations(office);
    office.actions.associate("crmBridgeA", () => undefined);
    expect(seen).toEqual(["crmBridgeA"]);
    expect(registeredCommands()).toContain("crmBridgeA");
  });

  it("resolves a command when its handler calls event.completed(), passing the button id", async () => {
    const { office } = fakeOffice();
    recordAssociations(office);
    let source = "";
    office.actions.associate("crmBridgeB", (event: Office.AddinCommands.Event) => {
      source = event.source.id;
      setTimeout(() => event.completed(), 0);
    });
    await expect(runCommand("crmBridgeB", "CrmImport.Validate")).resolves.toBeUndefined();
    expect(source).toBe("CrmImport.Validate");
  });

  it("rejects an unknown command and a handler that fails before completing", async () => {
    const { office } = fakeOffice();
    recordAssociations(office);
    office.actions.associate("crmBridgeC", async () => {
      throw new Error("no connection");
    });
    await expect(runCommand("crmNothing", "x")).rejects.toThrow(/crmNothing/);
    await expect(runCommand("crmBridgeC", "x")).rejects.toThrow("no connection");
  });

  it("answers SharedRuntime 1.1 as Excel with a shared runtime does, and ExcelApi as the simulator", () => {
    const book = new SimWorkbook({ apiVersion: "1.14" });
    expect(hostSupports(book, "SharedRuntime", "1.1")).toBe(true);
    expect(hostSupports(book, "SharedRuntime", "1.2")).toBe(false);
    expect(hostSupports(book, "ExcelApi", "1.14")).toBe(true);
    expect(hostSupports(book, "ExcelApi", "1.15")).toBe(false);
    // As Excel on the web: no openBrowserWindow, so the pane opens a CRM page with window.open.
    expect(hostSupports(book, "OpenBrowserWindowApi", "1.1")).toBe(false);
  });
});
