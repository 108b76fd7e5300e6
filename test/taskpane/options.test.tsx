// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OptionsStep } from "../../src/taskpane/steps/OptionsStep";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { resetStore, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";

beforeEach(() => setSchema(testSchema()));
afterEach(() => {
  cleanup();
  resetStore();
});

const checkbox = (name: string) => screen.getByRole("checkbox", { name }) as HTMLInputElement;

describe("Import options step", () => {
  it("defaults the match keys from the schema and offers its picklists for blank cells", () => {
    renderPane(<OptionsStep sheet="Customers" target="customers" onImport={vi.fn()} />, fakeActions());
    expect(checkbox("Email").checked).toBe(true);
    expect(checkbox("Phone").checked).toBe(true);
    expect(checkbox("Customer number").checked).toBe(false);
    expect(checkbox("Name + Postal code").checked).toBe(false);
    expect(
      (screen.getByRole("radio", { name: text.duplicateActions.skip }) as HTMLInputElement).checked,
    ).toBe(true);
    const manager = screen.getByRole("combobox", { name: text.accountManager });
    expect([...manager.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      text.none,
      "Ann Berg",
      "Bo Ek",
    ]);
    const category = screen.getByRole("combobox", { name: text.category });
    expect([...category.querySelectorAll("option")].map((o) => o.textContent)).toEqual([
      text.none,
      "Retail",
      "Wholesale",
    ]);
  });

  it("hands the chosen options to the import", async () => {
    const onImport = vi.fn();
    renderPane(<OptionsStep sheet="Customers" target="customers" onImport={onImport} />, fakeActions());
    await userEvent.click(screen.getByRole("radio", { name: text.duplicateActions.update }));
    await userEvent.click(checkbox("Phone"));
    await userEvent.click(checkbox("Customer number"));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: text.campaign }), "Spring fair");
    await userEvent.type(screen.getByRole("textbox", { name: text.email }), "boss@acme.test");
    await userEvent.click(screen.getByRole("button", { name: text.startImport }));
    expect(onImport).toHaveBeenCalledWith({
      sheet: "Customers",
      duplicateAction: "update",
      matchKeys: [["email"], ["customerNumber"]],
      matchMode: "any",
      defaults: { campaign: "Spring fair" },
      mailMe: true,
      notifyEmail: "boss@acme.test",
    });
  });

  it("e-mails the summary to the signed-in importer by default, and sends their opt-out", async () => {
    const onImport = vi.fn();
    renderPane(<OptionsStep sheet="Customers" target="customers" onImport={onImport} />, fakeActions());
    const mine = await screen.findByRole("checkbox", { name: text.emailMeAt("ann@acme.test") });
    await waitFor(() => expect((mine as HTMLInputElement).checked).toBe(true));
    await userEvent.click(mine);
    await userEvent.click(screen.getByRole("button", { name: text.startImport }));
    expect(onImport).toHaveBeenCalledWith(expect.objectContaining({ mailMe: false }));
    expect(onImport.mock.calls[0]![0]).not.toHaveProperty("notifyEmail");
  });

  it("shows an importer who opted out unticked, as the CRM remembers it", async () => {
    const onImport = vi.fn();
    const loadMe = vi.fn(() =>
      Promise.resolve({ id: "u", name: "Bo", email: "bo@acme.test", role: "importer", importMail: false }),
    );
    renderPane(
      <OptionsStep sheet="Customers" target="customers" onImport={onImport} />,
      fakeActions({ loadMe }),
    );
    const mine = await screen.findByRole("checkbox", { name: text.emailMeAt("bo@acme.test") });
    expect((mine as HTMLInputElement).checked).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: text.startImport }));
    expect(onImport).toHaveBeenCalledWith(expect.objectContaining({ mailMe: false }));
  });

  it("on a dry run, previews the outcomes grouped by message, with counts, instead of importing", async () => {
    const onImport = vi.fn();
    const preview = vi.fn(() =>
      Promise.resolve([
        { ref: "Customers!3", outcome: "created", messages: [] },
        { ref: "Customers!40", outcome: "failed", messages: ["matches 2 existing customers"] },
        { ref: "Customers!4", outcome: "failed", messages: ["matches 2 existing customers"] },
      ]),
    );
    renderPane(
      <OptionsStep sheet="Customers" target="customers" onImport={onImport} />,
      fakeActions({ preview }),
    );
    await userEvent.click(screen.getByRole("switch", { name: text.dryRun }));
    await userEvent.click(screen.getByRole("button", { name: text.preview }));
    const list = await screen.findByRole("region", { name: text.previewHeading });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      `${text.previewGroup(text.counts.created, 1)}Customers!3`,
      `${text.previewGroup(text.counts.failed, 2)} - matches 2 existing customersCustomers!4, Customers!40`,
    ]);
    expect(preview).toHaveBeenCalledWith(
      expect.objectContaining({ sheet: "Customers", matchKeys: [["email"], ["phone"]] }),
    );
    expect(onImport).not.toHaveBeenCalled();
  });

  const radio = (name: string) => screen.getByRole("radio", { name }) as HTMLInputElement;

  it("with no options chosen for the sheet, starts from the organisation's defaults in the schema", async () => {
    setSchema({
      ...testSchema(),
      importDefaults: { duplicateAction: "update", matchMode: "all", contactCategory: null },
      defaultMatchKeys: { ...testSchema().defaultMatchKeys, customers: [["name"], ["name", "postalCode"]] },
    });
    const onImport = vi.fn();
    renderPane(<OptionsStep sheet="Customers" target="customers" onImport={onImport} />, fakeActions());
    expect(radio(text.duplicateActions.update).checked).toBe(true);
    expect(radio(text.matchModes.all).checked).toBe(true);
    expect(checkbox("Name").checked).toBe(true);
    expect(checkbox("Name + Postal code").checked).toBe(true);
    expect(checkbox("Email").checked).toBe(false);
    await userEvent.click(screen.getByRole("button", { name: text.startImport }));
    expect(onImport).toHaveBeenCalledWith(
      expect.objectContaining({
        duplicateAction: "update",
        matchMode: "all",
        matchKeys: [["name"], ["name", "postalCode"]],
      }),
    );
  });

  it("starts from the options last chosen for the sheet, and hands on alternatives or combined as chosen", async () => {
    const importOptionsFor = vi.fn(() =>
      Promise.resolve({
        sheet: "Customers",
        duplicateAction: "clone" as const,
        matchKeys: [["phone"], ["name", "postalCode"]],
        matchMode: "all" as const,
        defaults: { category: "Retail" },
      }),
    );
    const onImport = vi.fn();
    renderPane(
      <OptionsStep sheet="Customers" target="customers" onImport={onImport} />,
      fakeActions({ importOptionsFor }),
    );
    await waitFor(() => expect(radio(text.duplicateActions.clone).checked).toBe(true));
    expect(importOptionsFor).toHaveBeenCalledWith("Customers", "customers");
    expect(radio(text.matchModes.all).checked).toBe(true);
    expect(checkbox("Phone").checked).toBe(true);
    expect(checkbox("Email").checked).toBe(false);
    expect((screen.getByRole("combobox", { name: text.category }) as HTMLSelectElement).value).toBe("Retail");
    await userEvent.click(radio(text.matchModes.any));
    await userEvent.click(screen.getByRole("button", { name: text.startImport }));
    expect(onImport).toHaveBeenCalledWith({
      sheet: "Customers",
      duplicateAction: "clone",
      matchKeys: [["phone"], ["name", "postalCode"]],
      matchMode: "any",
      defaults: { category: "Retail" },
      mailMe: true,
    });
  });

  it("for contacts, offers the contact match keys and no customer defaults", async () => {
    renderPane(<OptionsStep sheet="Contacts" target="contacts" onImport={vi.fn()} />, fakeActions());
    await waitFor(() => expect(checkbox("Customer + Email").checked).toBe(true));
    expect(screen.queryByRole("combobox", { name: text.accountManager })).toBeNull();
  });
});
