// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { SimWorkbook } from "../../workbench/excel-sim";
import { parsePasted, replaceInText } from "../../workbench/grid-input";
import { Workbench } from "../../workbench/Workbench";

// jsdom has no layout: the grid scrolls the selected cell into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

afterEach(cleanup);

const td = (address: string) => {
  const cell = document.querySelector<HTMLElement>(`td[data-address="${address}"]`);
  if (!cell) throw new Error(`no cell ${address}`);
  return cell;
};
const selectedAddress = () => document.querySelector("td.selected")?.getAttribute("data-address");

async function workbench() {
  const book = new SimWorkbook({ sheets: ["Customers"] });
  await book.userEdit("Customers!A1:B2", [
    ["Rivera Coffee", "Stockholm"],
    ["Blue Harbour", "Bristol"],
  ]);
  render(<Workbench book={book} pane={null} />);
  return book;
}

describe("the workbench grid's keyboard", () => {
  it("moves the selection with the arrow keys, Tab, Shift+Tab and Enter, never above A1", async () => {
    await workbench();
    await userEvent.click(td("Customers!A1"));
    await userEvent.keyboard("{ArrowDown}");
    expect(selectedAddress()).toBe("Customers!A2");
    await userEvent.keyboard("{ArrowRight}{ArrowRight}");
    expect(selectedAddress()).toBe("Customers!C2");
    await userEvent.keyboard("{ArrowUp}{ArrowUp}{ArrowUp}");
    expect(selectedAddress()).toBe("Customers!C1");
    await userEvent.keyboard("{Tab}");
    expect(selectedAddress()).toBe("Customers!D1");
    await userEvent.keyboard("{Shift>}{Tab}{/Shift}");
    expect(selectedAddress()).toBe("Customers!C1");
    await userEvent.keyboard("{Enter}");
    expect(selectedAddress()).toBe("Customers!C2");
  });

  it("commits a typed value with Tab and moves right, as Excel does", async () => {
    const book = await workbench();
    await userEvent.click(td("Customers!C1"));
    await userEvent.keyboard("SE");
    await userEvent.keyboard("{Tab}");
    await waitFor(() => expect(book.cell("Customers!C1").value).toBe("SE"));
    expect(selectedAddress()).toBe("Customers!D1");
  });

  it("pastes tab-separated text from the selected cell down and right, as a user's edit", async () => {
    const book = await workbench();
    let edits = 0;
    book.listen("all", (change) => void (change.triggerSource === "Unknown" && edits++));
    await userEvent.click(td("Customers!B2"));
    const text = 'Lyon\tFR\r\n"Malmö, ""south"""\tSE\r\n';
    fireEvent.paste(td("Customers!B2"), { clipboardData: { getData: () => text } });
    await waitFor(() =>
      expect(book.values("Customers!B2:C3")).toEqual([
        ["Lyon", "FR"],
        ['Malmö, "south"', "SE"],
      ]),
    );
    await book.idle();
    expect(edits).toBe(1);
  });
});

describe("find and replace", () => {
  it("Ctrl+F finds the next cell holding the text, any case, wrapping round", async () => {
    const book = await workbench();
    await userEvent.click(td("Customers!A1"));
    await userEvent.keyboard("{Control>}f{/Control}");
    const find = screen.getByRole("textbox", { name: "Find what" });
    await userEvent.type(find, "BRIST");
    await userEvent.click(screen.getByRole("button", { name: "Find next" }));
    // The search reads the sheet through the simulated host, so the selection moves after the click.
    await waitFor(() => expect(book.selection?.rect).toMatchObject({ row: 1, col: 1 }));
    await userEvent.clear(find);
    await userEvent.type(find, "r");
    await userEvent.click(screen.getByRole("button", { name: "Find next" }));
    await waitFor(() => expect(book.selection?.rect).toMatchObject({ row: 0, col: 0 })); // wrapped to Rivera Coffee
    await userEvent.clear(find);
    await userEvent.type(find, "nowhere{Enter}");
    await waitFor(() =>
      expect(within(screen.getByRole("search")).getByRole("status").textContent).toContain(
        'No cell contains "nowhere"',
      ),
    );
  });

  it("Ctrl+H replaces in the selected cell or in every cell", async () => {
    const book = await workbench();
    await userEvent.click(td("Customers!A1"));
    await userEvent.keyboard("{Control>}h{/Control}");
    await userEvent.type(screen.getByRole("textbox", { name: "Find what" }), "o");
    await userEvent.type(screen.getByRole("textbox", { name: "Replace with" }), "0");
    await userEvent.click(screen.getByRole("button", { name: "Replace" }));
    await waitFor(() => expect(book.cell("Customers!A1").value).toBe("Rivera C0ffee"));
    await userEvent.click(screen.getByRole("button", { name: "Replace all" }));
    await waitFor(() =>
      expect(book.values("Customers!A1:B2")).toEqual([
        ["Rivera C0ffee", "St0ckh0lm"],
        ["Blue Harb0ur", "Brist0l"],
      ]),
    );
    expect(within(screen.getByRole("search")).getByRole("status").textContent).toBe("Replaced 3 cells.");
  });
});

describe("the pure helpers", () => {
  it("read Excel's copied text and replace literally, not as a pattern", () => {
    expect(parsePasted("a\tb\r\nc\td\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parsePasted('"two\nlines"\tx\n')).toEqual([["two\nlines", "x"]]);
    expect(parsePasted("")).toEqual([]);
    expect(replaceInText("a.b.A", ".", "+")).toBe("a+b+A");
    expect(replaceInText("Cost $1", "$1", "$2")).toBe("Cost $2");
  });
});
