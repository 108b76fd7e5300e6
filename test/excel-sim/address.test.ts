import { describe, expect, it } from "vitest";
import { columnIndex, columnLetters, formatAddress, parseArea, parseAreas } from "../../workbench/excel-sim";

describe("excel-sim A1 addresses", () => {
  it("converts column letters both ways beyond Z, up to XFD", () => {
    const cases: [string, number][] = [
      ["A", 0],
      ["Z", 25],
      ["AA", 26],
      ["AZ", 51],
      ["ZZ", 701],
      ["AAA", 702],
      ["XFD", 16_383],
    ];
    for (const [letters, index] of cases) {
      expect(columnIndex(letters)).toBe(index);
      expect(columnLetters(index)).toBe(letters);
    }
  });

  it("parses sheet-qualified, quoted, whole-column and whole-row addresses", () => {
    expect(parseArea("'My Sheet'!B2:C3")).toEqual({
      sheet: "My Sheet",
      rect: { row: 1, col: 1, rows: 2, cols: 2 },
    });
    expect(parseArea("Customers!$A$1")).toEqual({
      sheet: "Customers",
      rect: { row: 0, col: 0, rows: 1, cols: 1 },
    });
    expect(parseArea("C:D").rect).toEqual({ row: 0, col: 2, rows: 1_048_576, cols: 2 });
    expect(parseArea("2:3").rect).toEqual({ row: 1, col: 0, rows: 2, cols: 16_384 });
    expect(parseAreas("A1:B2, D4").map((a) => a.rect)).toEqual([
      { row: 0, col: 0, rows: 2, cols: 2 },
      { row: 3, col: 3, rows: 1, cols: 1 },
    ]);
  });

  it("formats addresses as Excel reports them", () => {
    expect(formatAddress("Customers", { row: 0, col: 0, rows: 1, cols: 1 })).toBe("Customers!A1");
    expect(formatAddress("My Sheet", { row: 1, col: 26, rows: 2, cols: 2 })).toBe("'My Sheet'!AA2:AB3");
    expect(formatAddress("S", { row: 0, col: 3, rows: 1_048_576, cols: 1 })).toBe("S!D:D");
    expect(formatAddress("S", { row: 4, col: 0, rows: 1, cols: 16_384 })).toBe("S!5:5");
  });

  it("rejects malformed and out-of-grid addresses", () => {
    for (const bad of ["", "A0", "1A", "XFE1", "A1:B2:C3", "A1048577"])
      expect(() => parseArea(bad)).toThrow();
  });
});
