// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MapStep } from "../../src/taskpane/steps/MapStep";
import type { SheetInspection } from "../../src/workflows/pane-actions";
import { paneMessages as text } from "../../src/workflows/pane-types";
import { resetStore, setSchema } from "../../src/workflows/store";
import { fakeActions, renderPane, testSchema } from "./harness";

const inspection: SheetInspection = {
  name: "export",
  ours: null,
  isTemplate: false,
  firstRow: ["Name", "E-mail", "Customer", "Favourite colour", "Zip"],
  rows: [["Acme", "a@acme.test", "C1", "blue", "11122"]],
};

beforeEach(() => setSchema(testSchema()));
afterEach(() => {
  cleanup();
  resetStore();
});

const selectOf = (header: string) => screen.getByRole("combobox", { name: new RegExp(`Column "${header}"`) });

describe("Map step", () => {
  it("shows each column's suggested field with its confidence, and the unmatched and ambiguous columns", async () => {
    renderPane(<MapStep inspection={inspection} onMapped={vi.fn()} />, fakeActions());
    await waitFor(() => expect((selectOf("Name") as HTMLSelectElement).value).toBe("name"));
    expect((selectOf("E-mail") as HTMLSelectElement).value).toBe("email");
    expect((selectOf("Zip") as HTMLSelectElement).value).toBe("postalCode");
    expect(screen.getAllByText(text.confidence(100))).toHaveLength(2);
    expect(screen.getByText(text.confidence(95))).toBeTruthy();
    expect(screen.getByText(text.unmapped(1))).toBeTruthy();
    expect(screen.getByText(text.ambiguous(1))).toBeTruthy();
    const customer = selectOf("Customer") as HTMLSelectElement;
    expect(customer.value).toBe("");
    const candidates = within(customer).getByRole("group", { name: text.ambiguousColumn });
    expect(
      within(candidates)
        .getAllByRole("option")
        .map((o) => o.getAttribute("value")),
    ).toEqual(["customerNumber", "name", "type"]);
  });

  it("applies the user's choice, saves it for these headers, and hands on the sheets to validate", async () => {
    const saveMapping = vi.fn(() => Promise.resolve());
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    const onMapped = vi.fn();
    renderPane(
      <MapStep inspection={inspection} onMapped={onMapped} />,
      fakeActions({ saveMapping, applyMapping }),
    );
    await waitFor(() => expect((selectOf("Name") as HTMLSelectElement).value).toBe("name"));
    await userEvent.selectOptions(selectOf("Customer"), "customerNumber");
    await userEvent.click(screen.getByRole("button", { name: text.applyMapping }));
    await waitFor(() => expect(onMapped).toHaveBeenCalledWith(["export"], "customers"));
    const columns = ["name", "email", "customerNumber", null, "postalCode"];
    expect(saveMapping).toHaveBeenCalledWith(inspection.firstRow, columns, {
      dateOrders: {},
      decimalMarks: {},
      valueMaps: {},
    });
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({ target: "customers", columns, firstRowIsHeader: true }),
    );
  });

  it("with no header row, offers the columns by letter and sends the first row as data", async () => {
    const applyMapping = vi.fn(() => Promise.resolve(["export"]));
    renderPane(<MapStep inspection={inspection} onMapped={vi.fn()} />, fakeActions({ applyMapping }));
    await userEvent.click(screen.getByRole("switch", { name: text.firstRowHeader }));
    await waitFor(() => expect(selectOf("Column A")).toBeTruthy());
    await userEvent.selectOptions(selectOf("Column A"), "name");
    await userEvent.click(screen.getByRole("button", { name: text.applyMapping }));
    await waitFor(() => expect(applyMapping).toHaveBeenCalledTimes(1));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({ firstRowIsHeader: false, columns: ["name", null, null, null, null] }),
    );
  });

  it("for one row per contact, offers contact fields and groups by the schema's default match keys", async () => {
    const applyMapping = vi.fn(() => Promise.resolve(["Customers", "Contacts"]));
    const onMapped = vi.fn();
    const people: SheetInspection = {
      ...inspection,
      firstRow: ["Company name", "First name", "Last name"],
      rows: [["Acme", "Ann", "Berg"]],
    };
    const saveMapping = vi.fn(() => Promise.resolve());
    renderPane(
      <MapStep inspection={people} onMapped={onMapped} />,
      fakeActions({ applyMapping, saveMapping }),
    );
    await userEvent.click(screen.getByRole("checkbox", { name: text.oneRowPerContact }));
    await waitFor(() =>
      expect((selectOf("First name") as HTMLSelectElement).value).toBe("contact:firstName"),
    );
    await userEvent.click(screen.getByRole("button", { name: text.applyMapping }));
    await waitFor(() => expect(onMapped).toHaveBeenCalledWith(["Customers", "Contacts"], "customers"));
    expect(applyMapping).toHaveBeenCalledWith(
      expect.objectContaining({
        columns: ["name", "contact:firstName", "contact:lastName"],
        groupBy: testSchema().defaultMatchKeys.customers,
      }),
    );
  });
});
