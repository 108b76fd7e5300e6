// @vitest-environment jsdom
/**
 * The Map step's newer parts: sample values, counts that follow the user's choices, two columns on
 * one field, "nothing to import", Remember unticked until the user changes something, the empty
 * sheet, the one-row-per-person proposal, date order and decimal separator, and value mapping.
 */
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MapStep } from "../../src/taskpane/steps/MapStep";
import type { SheetInspection } from "../../src/workflows/pane-actions";
import { paneMessages as text, type PicklistTarget } from "../../src/workflows/pane-types";
import type { CustomField } from "../../src/domain";
import { resetStore, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";
import type { CrmClient } from "../../src/client";
import { headerSignature } from "../../src/import";
import { loadSavedMapping as loadSaved } from "../../src/workflows/column-mapping";
import { simEnv } from "../excel/helpers";

const file: SheetInspection = {
  name: "export",
  ours: null,
  isTemplate: false,
  firstRow: ["Name", "E-mail", "Favourite colour", "Zip"],
  rows: [
    ["Acme", "a@acme.test", "blue", "11122"],
    ["Beta", "b@beta.test", "blue", "22233"],
    ["Gamma", "", "red", "33344"],
    ["Delta", "d@delta.test", "green", "44455"],
  ],
};

beforeEach(() => setSchema(testSchema()));
afterEach(() => {
  cleanup();
  resetStore();
  vi.restoreAllMocks();
});

const selectOf = (header: string) =>
  screen.getByRole("combobox", { name: new RegExp(`^Column "${header}"`) }) as HTMLSelectElement;
const applyButton = () => screen.getByRole("button", { name: text.applyMapping }) as HTMLButtonElement;
const remember = () => screen.getByRole("checkbox", { name: text.saveMapping }) as HTMLInputElement;

async function shown(inspection = file, overrides = {}) {
  const actions = fakeActions(overrides);
  renderPane(<MapStep inspection={inspection} onMapped={vi.fn()} />, actions);
  await waitFor(() => expect(selectOf(inspection.firstRow[0]!).value).not.toBe(""));
  return actions;
}

describe("Map step: what the user sees and changes", () => {
  it("shows a few distinct values beside each column", async () => {
    await shown();
    expect(screen.getByText(text.samples(["Acme", "Beta", "Gamma"]))).toBeTruthy();
    expect(screen.getByText(text.samples(["blue", "red", "green"]))).toBeTruthy();
  });

  it("counts follow the choices, and a required field nobody maps says nothing can be imported", async () => {
    await shown();
    expect(screen.getByText(text.unmapped(1))).toBeTruthy();
    await userEvent.selectOptions(selectOf("Favourite colour"), "notes");
    expect(screen.queryByText(text.unmapped(1))).toBeNull();
    await userEvent.selectOptions(selectOf("Name"), "");
    expect(screen.getByText(text.unmapped(1))).toBeTruthy();
    expect(screen.getByText(text.nothingToImport("Name"))).toBeTruthy();
    expect(screen.getByText("No column is mapped to Name: nothing can be imported.")).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
  });

  it("warns when two columns go to one field, and will not apply until one is chosen", async () => {
    await shown();
    await userEvent.selectOptions(selectOf("Favourite colour"), "email");
    expect(screen.getByText(text.duplicateTarget("Email", ["E-mail", "Favourite colour"]))).toBeTruthy();
    expect(applyButton().disabled).toBe(true);
    await userEvent.selectOptions(selectOf("Favourite colour"), "");
    expect(screen.queryByText(text.duplicateTarget("Email", ["E-mail", "Favourite colour"]))).toBeNull();
    expect(applyButton().disabled).toBe(false);
  });

  it("Remember is unticked until the user changes something, so an untouched proposal is not saved", async () => {
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    const saveMapping = vi.fn(() => Promise.resolve());
    await shown(file, { applyMapping, saveMapping });
    expect(remember().checked).toBe(false);
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(saveMapping).not.toHaveBeenCalled();
  });

  it("Remember ticks itself on the first change, and stays unticked when the user unticks it", async () => {
    await shown(file, { saveMapping: vi.fn(() => Promise.resolve()) });
    await userEvent.selectOptions(selectOf("Favourite colour"), "notes");
    expect(remember().checked).toBe(true);
    await userEvent.click(remember());
    await userEvent.selectOptions(selectOf("Zip"), "city");
    expect(remember().checked).toBe(false);
  });

  it("an empty sheet says so instead of showing an empty mapping", () => {
    const empty: SheetInspection = { ...file, name: "Sheet2", firstRow: ["", ""], rows: [] };
    renderPane(<MapStep inspection={empty} onMapped={vi.fn()} />, fakeActions());
    expect(screen.getByText(text.emptySheet("Sheet2"))).toBeTruthy();
    expect(screen.queryByRole("combobox")).toBeNull();
    expect(screen.queryByRole("button", { name: text.applyMapping })).toBeNull();
  });
});

describe("Map step: one row per person, readings, values", () => {
  const people: SheetInspection = {
    name: "people",
    ours: null,
    isTemplate: false,
    firstRow: ["Organization - ID", "Organization - Name", "Person - First name", "Person - Email"],
    rows: [
      ["7", "Acme", "Ann", "ann@acme.test"],
      ["7", "Acme", "Bo", "bo@acme.test"],
      ["9", "Beta", "Cy", "cy@beta.test"],
    ],
  };

  it("proposes one row per contact by itself, grouped by the detected column, and applies it", async () => {
    const applyMapping = vi.fn(() => Promise.resolve(["Customers", "Contacts"]));
    const saveMapping = vi.fn(() => Promise.resolve());
    renderPane(
      <MapStep inspection={people} onMapped={vi.fn()} />,
      fakeActions({ applyMapping, saveMapping }),
    );
    // Detected from the rows: the organisation repeats while the people differ.
    await waitFor(() => expect(screen.getByText(text.groupingProposed("Organization - ID"))).toBeTruthy());
    expect((screen.getByRole("checkbox", { name: text.oneRowPerContact }) as HTMLInputElement).checked).toBe(
      true,
    );
    const key = screen.getByRole("combobox", { name: text.groupBy }) as HTMLSelectElement;
    expect(key.value).toBe("0");
    await waitFor(() => expect(selectOf("Organization - Name")).toBeTruthy());
    await userEvent.selectOptions(selectOf("Organization - Name"), "name");
    await userEvent.selectOptions(selectOf("Person - First name"), "contact:firstName");
    await userEvent.selectOptions(selectOf("Person - Email"), "contact:email");
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({
        groupColumn: 0,
        columns: [null, "name", "contact:firstName", "contact:email"],
      }),
    );
  });

  it("offers any column as the grouping key", async () => {
    renderPane(<MapStep inspection={people} onMapped={vi.fn()} />, fakeActions());
    const key = await screen.findByRole("combobox", { name: text.groupBy });
    const values = within(key)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(values).toEqual([text.groupByMatchKeys, ...people.firstRow.map((h) => text.groupByColumn(h))]);
  });

  const dated: SheetInspection = {
    ...file,
    firstRow: ["Name", "E-mail", "Since", "Balance"],
    rows: [
      ["Acme", "a@acme.test", "25/03/2026", "1.234,50"],
      ["Beta", "b@beta.test", "03/04/2026", "12,00"],
    ],
  };

  it("shows the detected date order and decimal separator of a column, lets the user change them, keeps them", async () => {
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    const saveMapping = vi.fn(() => Promise.resolve());
    await shown(dated, { applyMapping, saveMapping });
    await userEvent.selectOptions(selectOf("Since"), "openingBalanceDate");
    await userEvent.selectOptions(selectOf("Balance"), "openingBalance");
    const order = screen.getByRole("combobox", { name: text.dateOrder }) as HTMLSelectElement;
    expect(order.value).toBe("DMY");
    expect(within(order).getByRole("option", { name: text.detected(text.dateOrders.DMY) })).toBeTruthy();
    const mark = screen.getByRole("combobox", { name: text.decimalMark }) as HTMLSelectElement;
    expect(mark.value).toBe(",");
    await userEvent.selectOptions(order, "MDY");
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    const chosen = { dateOrders: { openingBalanceDate: "MDY" }, decimalMarks: { openingBalance: "," } };
    expect(applyMapping).toHaveBeenCalledWith(expect.objectContaining(chosen));
    expect(saveMapping).toHaveBeenCalledWith(
      dated.firstRow,
      expect.anything(),
      expect.objectContaining(chosen),
    );
  });

  it("lists a picklist column's values that are not options and maps each to one", async () => {
    const typed: SheetInspection = {
      ...file,
      firstRow: ["Name", "E-mail", "Account Type"],
      rows: [
        ["Acme", "a@acme.test", "Customer - Direct"],
        ["Beta", "b@beta.test", "retail"],
        ["Gamma", "g@gamma.test", "Partner"],
      ],
    };
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    await shown(typed, { applyMapping, saveMapping: vi.fn(() => Promise.resolve()) });
    await userEvent.selectOptions(selectOf("Account Type"), "category");
    // "retail" is an option in another case: taken as it is, not asked about.
    expect(screen.getByText(text.valuesHeading("Category", 2))).toBeTruthy();
    expect(screen.queryByRole("combobox", { name: text.valueBecomes("retail") })).toBeNull();
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: text.valueBecomes("Customer - Direct") }),
      "Retail",
    );
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: text.valueBecomes("Partner") }),
      "Wholesale",
    );
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({
        valueMaps: { category: { "Customer - Direct": "Retail", Partner: "Wholesale" } },
      }),
    );
  });

  it("a remembered mapping brings back its date orders and value maps", async () => {
    const headers = ["Name", "E-mail", "Account Type"];
    const saved = {
      signature: (await import("../../src/import")).headerSignature(headers),
      columns: ["name", "email", "category"],
      dateOrders: {},
      decimalMarks: {},
      valueMaps: { category: { "Customer - Direct": "Retail" } },
    };
    const typed: SheetInspection = {
      ...file,
      firstRow: headers,
      rows: [["Acme", "a@a.test", "Customer - Direct"]],
    };
    await shown(typed, { loadSavedMapping: vi.fn(() => Promise.resolve(saved)) });
    expect(screen.getByText(text.savedMappingUsed)).toBeTruthy();
    const value = screen.getByRole("combobox", {
      name: text.valueBecomes("Customer - Direct"),
    }) as HTMLSelectElement;
    expect(value.value).toBe("Retail");
  });

  it("a mapping saved in the CRM maps a file in a workbook that has none of its own", async () => {
    const headers = ["Företag", "E-post", "Kundtyp"];
    const typed: SheetInspection = { ...file, firstRow: headers, rows: [["Acme", "a@a.test", "Butik"]] };
    const getMapping = vi.fn(() =>
      Promise.resolve({
        signature: headerSignature(headers),
        columns: ["name", "email", "category"],
        valueMaps: { category: { Butik: "Retail" } },
        updatedAt: "2026-12-01T10:00:00.000Z",
        updatedBy: "Ann Berg",
      }),
    );
    const client = { getMapping } as unknown as CrmClient;
    const { env } = simEnv();
    // The real workflow on an empty workbook: only the CRM has the mapping.
    const loadSavedMapping = (h: string[]) => loadSaved({ env, client }, h);
    expect(await loadSaved({ env }, headers)).toBeUndefined();
    await shown(typed, { loadSavedMapping });
    expect(getMapping).toHaveBeenCalledWith(headerSignature(headers), undefined);
    expect(screen.getByText(text.savedMappingUsed)).toBeTruthy();
    expect(selectOf("Företag").value).toBe("name");
    expect(selectOf("E-post").value).toBe("email");
    expect(selectOf("Kundtyp").value).toBe("category");
    const value = screen.getByRole("combobox", { name: text.valueBecomes("Butik") }) as HTMLSelectElement;
    expect(value.value).toBe("Retail");
  });

  const partners: SheetInspection = {
    ...file,
    firstRow: ["Name", "E-mail", "Account Type"],
    rows: [
      ["Acme", "a@acme.test", "Partner"],
      ["Beta", "b@beta.test", "Customer - Direct"],
    ],
  };

  it("an admin adds a value to the organisation's list: the schema is refreshed and the value maps to itself", async () => {
    setSchema({ ...testSchema(), role: "admin" });
    const addPicklistValue = vi.fn((target: PicklistTarget, value: string) => {
      const fresh = testSchema();
      fresh.role = "admin";
      const list = "list" in target ? target.list : "";
      fresh.picklists[list] = [...(fresh.picklists[list] ?? []), value];
      setSchema(fresh);
      return Promise.resolve(fresh);
    });
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    await shown(partners, { addPicklistValue, applyMapping, saveMapping: vi.fn(() => Promise.resolve()) });
    await userEvent.selectOptions(selectOf("Account Type"), "category");
    expect(screen.getByText(text.valuesHeading("Category", 2))).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: text.addToCrmList("Partner") }));
    await waitFor(() => expect(addPicklistValue).toHaveBeenCalledWith({ list: "category" }, "Partner"));
    // "Partner" is an option now: no longer asked about; the other value still is.
    await waitFor(() =>
      expect(screen.queryByRole("combobox", { name: text.valueBecomes("Partner") })).toBeNull(),
    );
    expect(screen.getByText(text.valuesHeading("Category", 1))).toBeTruthy();
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({ valueMaps: { category: { Partner: "Partner" } } }),
    );
  });

  it("adding to the CRM's list is not offered to an importer, nor for a list the organisation does not own", async () => {
    setSchema({ ...testSchema(), role: "importer" });
    await shown(partners);
    await userEvent.selectOptions(selectOf("Account Type"), "category");
    expect(screen.getByRole("combobox", { name: text.valueBecomes("Partner") })).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.addToCrmList("Partner") })).toBeNull();
    cleanup();
    setSchema({ ...testSchema(), role: "admin" });
    await shown(partners);
    await userEvent.selectOptions(selectOf("Account Type"), "type");
    expect(screen.getByRole("combobox", { name: text.valueBecomes("Partner") })).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.addToCrmList("Partner") })).toBeNull();
  });
  const tier = (options: string[]): CustomField => ({
    sheet: "customers",
    key: "cf_tier",
    label: "Tier",
    kind: "picklist",
    requirement: "optional",
    options,
    description: "",
  });
  const tiered: SheetInspection = {
    ...file,
    firstRow: ["Name", "E-mail", "Level"],
    rows: [
      ["Acme", "a@acme.test", "Platinum"],
      ["Beta", "b@beta.test", "Bronze"],
      ["Gamma", "g@gamma.test", "Gold"],
    ],
  };

  it("an admin adds a value to a custom picklist field: the schema is refreshed, the value maps to itself, other choices stay", async () => {
    setSchema({ ...testSchema([tier(["Gold", "Silver"])]), role: "admin" });
    const addPicklistValue = vi.fn((target: PicklistTarget, value: string) => {
      const fresh = { ...testSchema([tier(["Gold", "Silver", value])]), role: "admin" as const };
      setSchema(fresh);
      return Promise.resolve(fresh);
    });
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    await shown(tiered, { addPicklistValue, applyMapping, saveMapping: vi.fn(() => Promise.resolve()) });
    await userEvent.selectOptions(selectOf("Level"), "cf_tier");
    expect(screen.getByText(text.valuesHeading("Tier", 2))).toBeTruthy();
    // A choice made before the add survives the schema's refresh.
    await userEvent.selectOptions(
      screen.getByRole("combobox", { name: text.valueBecomes("Bronze") }),
      "Silver",
    );
    await userEvent.click(screen.getByRole("button", { name: text.addToCrmList("Platinum") }));
    await waitFor(() =>
      expect(addPicklistValue).toHaveBeenCalledWith({ field: "cf_tier", sheet: "customers" }, "Platinum"),
    );
    await waitFor(() =>
      expect(screen.queryByRole("combobox", { name: text.valueBecomes("Platinum") })).toBeNull(),
    );
    expect(selectOf("Level").value).toBe("cf_tier");
    const bronze = screen.getByRole("combobox", { name: text.valueBecomes("Bronze") }) as HTMLSelectElement;
    expect(bronze.value).toBe("Silver");
    // The new value is one of the field's options now.
    expect(within(bronze).getByRole("option", { name: "Platinum" })).toBeTruthy();
    await userEvent.click(applyButton());
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({ valueMaps: { cf_tier: { Bronze: "Silver", Platinum: "Platinum" } } }),
    );
  });

  it("adding to a custom picklist field is not offered to an importer", async () => {
    setSchema({ ...testSchema([tier(["Gold", "Silver"])]), role: "importer" });
    await shown(tiered);
    await userEvent.selectOptions(selectOf("Level"), "cf_tier");
    expect(screen.getByRole("combobox", { name: text.valueBecomes("Platinum") })).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.addToCrmList("Platinum") })).toBeNull();
  });
});
